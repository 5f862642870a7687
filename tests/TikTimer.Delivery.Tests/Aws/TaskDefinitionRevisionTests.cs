using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecs;

namespace TikTimer.Delivery.Tests.Aws;

public class TaskDefinitionRevisionTests
{
    private static readonly DescribeTaskDefinitionResponse Current = new()
    {
        TaskDefinition = TaskDefinition.Parse("""
            {"taskDefinitionArn":"arn:aws:ecs:eu-west-1:012345678910:task-definition/tiktimer-api:8","family":"tiktimer-api","revision":8,"status":"ACTIVE",
             "taskRoleArn":"arn:aws:iam::012345678910:role/task","executionRoleArn":"arn:aws:iam::012345678910:role/exec","networkMode":"awsvpc",
             "cpu":"512","memory":"1024","runtimePlatform":{"cpuArchitecture":"ARM64","operatingSystemFamily":"LINUX"},
             "volumes":[{"name":"tmp"}],"requiresCompatibilities":["FARGATE"],"compatibilities":["EC2","FARGATE"],
             "requiresAttributes":[{"name":"com.amazonaws.ecs.capability.logging-driver.awslogs"}],
             "registeredAt":1714050000.0,"registeredBy":"arn:aws:iam::012345678910:user/ci","deregisteredAt":1714050001.0,
             "aFieldFromTheFuture":{"x":1},
             "containerDefinitions":[
               {"name":"api","image":"repo/api:old","essential":true,"environment":[{"name":"A","value":"1"}],
                "secrets":[{"name":"DB","valueFrom":"arn:aws:ssm:eu-west-1:012345678910:parameter/db"}],
                "logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/ecs/tiktimer"}}},
               {"name":"proxy","image":"envoy:1"}]}
            """),
        Tags = [new Tag("team", "tiktimer"), new Tag("aws:cloudformation:stack-name", "s")],
    };

    [Test]
    public void Only_the_named_container_s_image_changes()
    {
        var next = TaskDefinitionRevision.WithContainerImage(Current, "api", "repo/api:new");

        Assert.That(next.ContainerDefinitions.Select(c => c.Image), Is.EqualTo(new[] { "repo/api:new", "envoy:1" }));
    }

    [Test]
    public void Every_writable_member_is_carried_over_including_unknown_ones()
    {
        var next = TaskDefinitionRevision.WithContainerImage(Current, "api", "repo/api:new");

        var expected = (System.Text.Json.Nodes.JsonObject)Current.TaskDefinition.Json.DeepClone();
        foreach (var member in TaskDefinitionRevision.ReadOnlyMembers)
        {
            expected.Remove(member);
        }

        expected["containerDefinitions"]![0]!["image"] = "repo/api:new";
        expected["tags"] = System.Text.Json.Nodes.JsonNode.Parse("""[{"key":"team","value":"tiktimer"}]""");
        Assert.That(System.Text.Json.Nodes.JsonNode.DeepEquals(next.Json, expected), Is.True, next.Json.ToJsonString());
    }

    [Test]
    public void Members_that_ECS_sets_itself_are_left_out()
    {
        var next = TaskDefinitionRevision.WithContainerImage(Current, "api", "repo/api:new");

        Assert.That(next.Json.Select(p => p.Key), Has.None.AnyOf("taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities", "registeredAt", "registeredBy", "deregisteredAt"));
    }

    [Test]
    public void Tags_are_carried_over_except_those_reserved_for_AWS()
    {
        var next = TaskDefinitionRevision.WithContainerImage(Current, "api", "repo/api:new");

        Assert.That(next.Tags, Is.EqualTo(new[] { new Tag("team", "tiktimer") }));
    }

    [Test]
    public void The_current_definition_is_not_modified()
    {
        TaskDefinitionRevision.WithContainerImage(Current, "api", "repo/api:new");

        Assert.That(Current.TaskDefinition.Container("api")!.Image, Is.EqualTo("repo/api:old"));
    }

    [Test]
    public void An_unknown_container_name_fails_and_lists_the_names_there_are()
    {
        Assert.That(() => TaskDefinitionRevision.WithContainerImage(Current, "web", "repo/api:new"),
            Throws.InstanceOf<DeliveryException>().With.Message.EqualTo(
                "Task definition 'arn:aws:ecs:eu-west-1:012345678910:task-definition/tiktimer-api:8' has no container named 'web' (it has: 'api', 'proxy'). Set the container name to one of these."));
    }
}
