using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecr;
using TikTimer.Delivery.Aws.Ecs;
using TikTimer.Delivery.Tests.Aws;

namespace TikTimer.Delivery.Tests.Infrastructure;

[Category("Integration")]
public class MotoServerTests
{
    [Test]
    public async Task Reset_clears_what_earlier_tests_created()
    {
        await using var moto = await MotoServer.StartAsync();
        using var aws = AwsClientFactory.Create(moto.ClientOptions());
        await aws.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest("left-over"));

        await moto.ResetAsync();

        Assert.That((await aws.Ecr.DescribeRepositoriesAsync(new())).Repositories, Is.Empty);
    }

    [Test]
    public async Task A_task_transition_set_to_immediate_stops_tasks_at_the_first_describe_and_can_be_unset()
    {
        await using var moto = await MotoServer.StartAsync();
        using var aws = AwsClientFactory.Create(moto.ClientOptions());
        using var setup = new MotoAws(moto, moto.ClientOptions());
        await setup.EcsAsync("CreateCluster", new { clusterName = "c" });
        await setup.EcsAsync("RegisterTaskDefinition", new { family = "f", containerDefinitions = new[] { new { name = "app", image = "busybox", memory = 64 } } });
        var (subnet, group) = await setup.DefaultNetworkAsync();
        await moto.SetTransitionAsync("ecs::task", """{"progression":"immediate"}""");
        try
        {
            var run = await aws.Ecs.RunTaskAsync(new RunTaskRequest
            {
                Cluster = "c",
                TaskDefinition = "f",
                LaunchType = "FARGATE",
                NetworkConfiguration = new(new AwsVpcConfiguration([subnet]) { SecurityGroups = [group] }),
            });
            var described = await aws.Ecs.DescribeTasksAsync(new("c", [run.Tasks.Single().TaskArn!]));

            Assert.That(described.Tasks.Single().LastStatus, Is.EqualTo("STOPPED"));
        }
        finally
        {
            await moto.UnsetTransitionAsync("ecs::task");
        }
    }

    [Test]
    public async Task Disposing_stops_the_server_process()
    {
        var moto = await MotoServer.StartAsync();
        var pid = moto.ProcessId;

        await moto.DisposeAsync();

        Assert.That(() => System.Diagnostics.Process.GetProcessById(pid).HasExited, Throws.ArgumentException.Or.True);
    }
}
