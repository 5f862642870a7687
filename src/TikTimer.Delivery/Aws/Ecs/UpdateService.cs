namespace TikTimer.Delivery.Aws.Ecs;

public sealed record UpdateServiceRequest(string Cluster, string Service)
{
    /// <summary>family:revision or full ARN of the revision to roll out.</summary>
    public string? TaskDefinition { get; init; }

    public int? DesiredCount { get; init; }

    public bool? ForceNewDeployment { get; init; }

    public DeploymentConfiguration? DeploymentConfiguration { get; init; }
}

public sealed record UpdateServiceResponse
{
    public Service? Service { get; init; }
}
