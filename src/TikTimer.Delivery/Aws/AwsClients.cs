using TikTimer.Delivery.Aws.Ec2;
using TikTimer.Delivery.Aws.Ecr;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Aws.Logs;
using TikTimer.Delivery.Aws.Sts;

namespace TikTimer.Delivery.Aws;

/// <summary>The service seams, sharing one HTTP connection pool; dispose when the run ends.</summary>
public sealed class AwsClients(IEcsApi ecs, IEcrApi ecr, ICloudWatchLogsApi logs, IStsApi sts, IEc2Api ec2, string region, IDisposable? resources = null) : IDisposable
{
    public IEcsApi Ecs { get; } = ecs;

    public IEcrApi Ecr { get; } = ecr;

    public ICloudWatchLogsApi Logs { get; } = logs;

    public IStsApi Sts { get; } = sts;

    /// <summary>Validate's reads of the migration's subnets and security groups.</summary>
    public IEc2Api Ec2 { get; } = ec2;

    /// <summary>The region every client signs for.</summary>
    public string Region { get; } = region;

    public void Dispose() => resources?.Dispose();
}
