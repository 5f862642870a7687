namespace TikTimer.Delivery.Aws.Http;

/// <summary>What differs between the services this client speaks to.</summary>
/// <param name="Name">Name used in messages.</param>
/// <param name="SigningName">SigV4 service name; moto also routes on it.</param>
/// <param name="EndpointPrefix">First label of the regional host name.</param>
/// <param name="TargetPrefix">awsJson X-Amz-Target prefix; null for the Query protocol.</param>
/// <param name="EnvironmentSuffix">Suffix of the AWS_ENDPOINT_URL_* variable (the SDK's service id).</param>
internal sealed record AwsService(string Name, string SigningName, string EndpointPrefix, string? TargetPrefix, string EnvironmentSuffix)
{
    public static readonly AwsService Ecs = new("ECS", "ecs", "ecs", "AmazonEC2ContainerServiceV20141113", "ECS");

    public static readonly AwsService Ecr = new("ECR", "ecr", "api.ecr", "AmazonEC2ContainerRegistry_V20150921", "ECR");

    public static readonly AwsService Logs = new("CloudWatch Logs", "logs", "logs", "Logs_20140328", "CLOUDWATCH_LOGS");

    public static readonly AwsService Sts = new("STS", "sts", "sts", null, "STS");

    public static readonly AwsService Ec2 = new("EC2", "ec2", "ec2", null, "EC2");
}
