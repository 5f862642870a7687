namespace TikTimer.Delivery.Configuration;

/// <summary>How Status and Plan print: for people, or JSON for scripts.</summary>
public enum OutputFormat
{
    Text,
    Json,
}
