using System.Text.Json;
using System.Text.Json.Nodes;
using TikTimer.Delivery.Plan;

namespace TikTimer.Delivery.Tests.Plan;

public class DeliveryPlanTests
{
    private static readonly JsonObject Current = new() { ["family"] = "api", ["image"] = "repo@sha256:aaa", ["cpu"] = "256" };

    [Test]
    public void A_revision_that_only_swaps_the_image_has_a_diff_of_the_image_line_and_names_the_next_revision()
    {
        var next = (JsonObject)Current.DeepClone();
        next["image"] = "repo@sha256:bbb";

        var revision = new RevisionDraft(RevisionKind.Service, "api", "api:4", Current, "api:5", next).ToRevision();

        Assert.That(revision.Changes, Is.True);
        Assert.That(revision.Next, Is.EqualTo("api:5"));
        Assert.That(revision.Diff.Where(l => l[0] is '-' or '+'), Is.EqualTo(new[] { "-  \"image\": \"repo@sha256:aaa\",", "+  \"image\": \"repo@sha256:bbb\"," }));
    }

    [Test]
    public void A_revision_that_already_runs_the_image_is_no_change_and_stays_the_current_one()
    {
        var revision = new RevisionDraft(RevisionKind.Migration, "mig", "mig:7", Current, "mig:8", (JsonObject)Current.DeepClone()).ToRevision();

        Assert.That(revision.Changes, Is.False);
        Assert.That(revision.Next, Is.EqualTo("mig:7"), "nothing would be registered");
        Assert.That(revision.Diff, Is.Empty);
    }

    [Test]
    public void The_json_has_the_plans_facts_under_camel_case_names_with_enums_as_words()
    {
        var plan = Sample();

        using var json = JsonDocument.Parse(DeliveryPlanJson.Serialize(plan));

        var root = json.RootElement;
        Assert.That(root.GetProperty("environment").GetString(), Is.EqualTo("dev"));
        Assert.That(root.GetProperty("platform").GetString(), Is.EqualTo("aws"));
        Assert.That(root.GetProperty("hasChanges").GetBoolean(), Is.True);
        var image = root.GetProperty("image");
        Assert.That(image.GetProperty("action").GetString(), Is.EqualTo("build"));
        Assert.That(image.GetProperty("reference").GetString(), Is.EqualTo("repo@" + DeliveryPlanner.UnknownDigest));
        Assert.That(image.GetProperty("digest").ValueKind, Is.EqualTo(JsonValueKind.Null), "unknown until pushed, and said so");
        var revision = root.GetProperty("revisions")[0];
        Assert.That(revision.GetProperty("kind").GetString(), Is.EqualTo("service"));
        Assert.That(revision.GetProperty("current").GetString(), Is.EqualTo("api:4"));
        Assert.That(revision.GetProperty("next").GetString(), Is.EqualTo("api:5"));
        Assert.That(revision.GetProperty("changes").GetBoolean(), Is.True);
        Assert.That(revision.GetProperty("diff").EnumerateArray().Select(l => l.GetString()), Has.Some.StartWith("+  \"image\""));
        var migrations = root.GetProperty("migrations");
        Assert.That(migrations.GetProperty("listed").GetBoolean(), Is.True);
        Assert.That(migrations.GetProperty("command").EnumerateArray().Select(w => w.GetString()), Is.EqualTo(new[] { "migrate", "--dry-run" }));
        Assert.That(migrations.GetProperty("exitCode").GetInt32(), Is.Zero);
        Assert.That(migrations.GetProperty("output")[0].GetString(), Is.EqualTo("Would apply 0003_posts"));
        var setting = root.GetProperty("settings")[0];
        Assert.That((setting.GetProperty("key").GetString(), setting.GetProperty("value").GetString(), setting.GetProperty("source").GetString()), Is.EqualTo(("database-url", "***", "default")));
    }

    [Test]
    public void The_json_reads_back_as_the_same_plan()
    {
        var plan = Sample();

        var read = DeliveryPlanJson.Deserialize(DeliveryPlanJson.Serialize(plan))!;

        Assert.That(read.Image, Is.EqualTo(plan.Image));
        Assert.That(read.Revisions.Single().Diff, Is.EqualTo(plan.Revisions.Single().Diff));
        Assert.That(read.Migrations.Output, Is.EqualTo(plan.Migrations.Output));
        Assert.That(read.Settings, Is.EqualTo(plan.Settings));
    }

    [Test]
    public void The_text_names_the_image_action_each_diff_the_migrations_and_the_masked_settings()
    {
        var lines = DeliveryPlanText.Lines(Sample()).ToList();

        Assert.That(lines, Has.Some.Contains("image: to be built and pushed: repo@sha256:(known after push)"));
        Assert.That(lines, Has.Some.Contains("service api: would register api:5 (now api:4)"));
        Assert.That(lines, Has.Some.EqualTo("    +  \"image\": \"repo@sha256:bbb\","));
        Assert.That(lines, Has.Some.EqualTo("    | Would apply 0003_posts"));
        Assert.That(lines, Has.Some.Contains("database-url  ***  (default)"));
        Assert.That(lines[^1], Does.Contain("Plan made none"));
    }

    [Test]
    public void A_plan_that_reuses_the_image_and_registers_nothing_has_no_changes()
    {
        var plan = Sample() with
        {
            Image = new PlannedImage(ImageAction.Reuse, "repo@sha256:aaa", "c0ffee", "sha256:aaa", "c0ffee", "reused"),
            Revisions = [new RevisionDraft(RevisionKind.Service, "api", "api:4", Current, "api:5", (JsonObject)Current.DeepClone()).ToRevision()],
        };

        Assert.That(plan.HasChanges, Is.False);
        Assert.That(DeliveryPlanText.Lines(plan), Has.Some.Contains("service api: no change, api:4 already runs this image"));
    }

    private static DeliveryPlan Sample()
    {
        var next = (JsonObject)Current.DeepClone();
        next["image"] = "repo@sha256:bbb";
        return new DeliveryPlan(
            "dev",
            "aws",
            new PlannedImage(ImageAction.Build, "repo@" + DeliveryPlanner.UnknownDigest, "c0ffee", null, "c0ffee", "as repo:c0ffee: not in the registry"),
            [new RevisionDraft(RevisionKind.Service, "api", "api:4", Current, "api:5", next).ToRevision()],
            new PlannedMigrations(true, ["migrate", "--dry-run"], 0, ["Would apply 0003_posts"], "as reported"),
            [new PlannedSetting("database-url", "***", "default")]);
    }
}
