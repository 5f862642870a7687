namespace TikTimer.Delivery.Configuration;

/// <summary>A parser's answer: the value, or why the text is wrong ("is not ...; use ...").</summary>
public readonly record struct Parsed<T>(T Value, string? Error)
{
    public bool Succeeded => Error is null;

    public static Parsed<T> Ok(T value) => new(value, null);

    public static Parsed<T> Fail(string error) => new(default!, error);
}
