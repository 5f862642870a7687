namespace TikTimer.Delivery.Aws.Http;

/// <summary>A resource a call is about, so that error messages can name it.</summary>
internal sealed record AwsResource(string Kind, string Name)
{
    public const string Cluster = "ECS cluster";
    public const string Service = "ECS service";
    public const string TaskDefinition = "task definition";
    public const string Task = "ECS task";
    public const string Repository = "ECR repository";
    public const string Image = "image";
    public const string LogGroup = "log group";
    public const string LogStream = "log stream";
    public const string Subnet = "subnet";
    public const string SecurityGroup = "security group";

    public override string ToString() => $"{Kind} '{Name}'";
}
