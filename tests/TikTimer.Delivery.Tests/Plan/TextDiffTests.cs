using TikTimer.Delivery.Plan;

namespace TikTimer.Delivery.Tests.Plan;

public class TextDiffTests
{
    private const string Before = "{\n  \"family\": \"api\",\n  \"cpu\": \"256\",\n  \"memory\": \"512\",\n  \"image\": \"repo@sha256:aaa\",\n  \"essential\": true,\n  \"name\": \"api\",\n  \"port\": 8080,\n  \"logs\": \"awslogs\"\n}";

    [Test]
    public void Equal_texts_have_no_diff()
    {
        Assert.That(TextDiff.Unified(Before, Before), Is.Empty);
    }

    [Test]
    public void One_changed_line_is_a_removal_and_an_addition_between_three_lines_of_context()
    {
        var after = Before.Replace("sha256:aaa", "sha256:bbb", StringComparison.Ordinal);

        var diff = TextDiff.Unified(Before, after);

        Assert.That(diff, Is.EqualTo(new[]
        {
            "@@ -2,7 +2,7 @@",
            "   \"family\": \"api\",",
            "   \"cpu\": \"256\",",
            "   \"memory\": \"512\",",
            "-  \"image\": \"repo@sha256:aaa\",",
            "+  \"image\": \"repo@sha256:bbb\",",
            "   \"essential\": true,",
            "   \"name\": \"api\",",
            "   \"port\": 8080,",
        }));
    }

    [Test]
    public void Changes_far_apart_are_separate_hunks()
    {
        var lines = Enumerable.Range(1, 20).Select(i => $"line {i}").ToList();
        var changed = lines.ToList();
        changed[1] = "line two";
        changed[18] = "line nineteen";

        var diff = TextDiff.Unified(string.Join('\n', lines), string.Join('\n', changed));

        Assert.That(diff.Where(l => l.StartsWith("@@", StringComparison.Ordinal)), Is.EqualTo(new[] { "@@ -1,5 +1,5 @@", "@@ -16,5 +16,5 @@" }));
        Assert.That(diff.Where(l => l[0] is '-' or '+'), Is.EqualTo(new[] { "-line 2", "+line two", "-line 19", "+line nineteen" }));
    }

    [Test]
    public void Nothing_before_is_every_line_added()
    {
        var diff = TextDiff.Unified(string.Empty, "{\n  \"image\": \"x\"\n}");

        Assert.That(diff, Is.EqualTo(new[] { "@@ -0,0 +1,3 @@", "+{", "+  \"image\": \"x\"", "+}" }));
    }
}
