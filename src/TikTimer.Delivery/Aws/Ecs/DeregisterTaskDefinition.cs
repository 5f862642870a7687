namespace TikTimer.Delivery.Aws.Ecs;

/// <param name="TaskDefinition">family:revision or full ARN.</param>
public sealed record DeregisterTaskDefinitionRequest(string TaskDefinition);

public sealed record DeregisterTaskDefinitionResponse
{
    public required TaskDefinition TaskDefinition { get; init; }
}
