namespace TikTimer.Delivery.Configuration;

/// <summary>A setting whose value is a <typeparamref name="T"/>; read with <see cref="SettingValues.Get{T}"/>.</summary>
public sealed record Setting<T> : SettingDefinition
{
    public Setting(string key, ValueParser<T> parser, string description)
        : base(key, description)
    {
        Parser = parser;
    }

    public ValueParser<T> Parser { get; }

    /// <summary>The value when nothing sets it and there is no default (null, or an empty list).</summary>
    public T Absent { get; init; } = default!;

    public override string Form => Parser.Form;

    public override JsonShape Json => Parser.Json;

    public override string? Check(string text) => Parser.Parse(text).Error;

    internal override void ReadInto(SettingValues values) => values.Get(this);
}
