namespace TikTimer.Delivery.Configuration;

/// <summary>How a setting's text is parsed; decides the error shown for bad input.</summary>
public enum SettingKind
{
    Text,
    Boolean,
    Duration,
    List,
    Url,
}
