namespace TikTimer.Delivery.Aws.Ecs;

/// <param name="TaskDefinition">family, family:revision or full ARN.</param>
/// <param name="Include">["TAGS"] (the default) also returns the definition's tags.</param>
public sealed record DescribeTaskDefinitionRequest(string TaskDefinition)
{
    public IReadOnlyList<string>? Include { get; init; } = ["TAGS"];
}

public sealed record DescribeTaskDefinitionResponse
{
    public required TaskDefinition TaskDefinition { get; init; }

    public IReadOnlyList<Tag> Tags { get; init; } = [];
}
