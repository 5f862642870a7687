namespace TikTimer.Delivery.Configuration;

/// <summary>The JSON types a setting accepts in deploy/&lt;environment&gt;.json and Terraform outputs.</summary>
[Flags]
public enum JsonShape
{
    String = 1,
    Number = 2,
    Boolean = 4,

    /// <summary>A flat array of strings (or numbers, where <see cref="Number"/> is accepted too).</summary>
    Array = 8,

    /// <summary>An array is passed on as JSON text (a command), not joined with commas.</summary>
    ArrayAsJson = 16,
}
