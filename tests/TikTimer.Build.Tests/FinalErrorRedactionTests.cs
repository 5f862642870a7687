using Cake.Frosting;
using TikTimer.Delivery;

namespace TikTimer.Build.Tests;

/// <summary>A task whose failure quotes output that contained a secret (as a migration's last log lines can).</summary>
[TaskName("QuotesItsLogs")]
public sealed class QuotesItsLogs : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        throw new DeliveryException("MigrateViaEcs: exited with code 1. Last log line: connecting with password Sup3r-s3cret-pw failed");
}

[NonParallelizable]
public class FinalErrorRedactionTests
{
    [Test]
    public void The_final_error_line_masks_secrets_quoted_from_earlier_output()
    {
        Environment.SetEnvironmentVariable("TIKTIMER_DATABASE_URL", "postgres://app:Sup3r-s3cret-pw@db:5432/app");
        try
        {
            using var output = new StringWriter();
            var exitCode = new CakeHost().UseContext<BuildContext>().UseTasks(typeof(QuotesItsLogs)).UseOutput(output).Run(["--target=QuotesItsLogs"]);

            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(output.ToString(), Does.Contain("Error: MigrateViaEcs: exited with code 1. Last log line: connecting with password *** failed"));
            Assert.That(output.ToString(), Does.Not.Contain("Sup3r-s3cret-pw"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TIKTIMER_DATABASE_URL", null);
        }
    }
}
