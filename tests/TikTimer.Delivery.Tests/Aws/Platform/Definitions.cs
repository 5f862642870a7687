namespace TikTimer.Delivery.Tests.Aws.Platform;

/// <summary>Task definitions shaped like the ones Terraform registers (moto needs memory on each container).</summary>
internal static class Definitions
{
    public static string Migration(string family, string container = "migrate", string logRegion = "eu-west-1", bool awslogs = true, string image = "repo/tiktimer:old")
    {
        var logging = awslogs
            ? "{\"logDriver\": \"awslogs\", \"options\": {\"awslogs-group\": \"/ecs/tiktimer-migration\", \"awslogs-region\": \"" + logRegion + "\", \"awslogs-stream-prefix\": \"migrate\"}}"
            : "{\"logDriver\": \"json-file\"}";
        return $$"""
            {
              "family": "{{family}}",
              "networkMode": "awsvpc",
              "requiresCompatibilities": ["FARGATE"],
              "cpu": "256",
              "memory": "512",
              "executionRoleArn": "arn:aws:iam::123456789012:role/tiktimer-execution",
              "taskRoleArn": "arn:aws:iam::123456789012:role/tiktimer-task",
              "containerDefinitions": [
                {
                  "name": "{{container}}",
                  "image": "{{image}}",
                  "memory": 256,
                  "essential": true,
                  "command": ["dotnet", "TikTimer.Api.dll", "migrate"],
                  "environment": [{"name": "ASPNETCORE_ENVIRONMENT", "value": "Production"}],
                  "secrets": [{"name": "DATABASE_URL", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db"}],
                  "logConfiguration": {{logging}}
                },
                {"name": "sidecar", "image": "busybox:1", "memory": 64, "essential": false}
              ]
            }
            """;
    }
}
