using TikTimer.Delivery.Local;
using TikTimer.Delivery.Migrations;

namespace TikTimer.Delivery.Tests.Local;

public class DockerLogCursorTests
{
    private const string T1 = "2026-11-24T04:07:04.604240233Z";
    private const string T2 = "2026-11-24T04:07:04.604273556Z";
    private const string T3 = "2026-11-24T04:07:04.604275934Z";

    [Test]
    public void A_docker_timestamp_keeps_its_nanoseconds_and_prints_back_the_same()
    {
        Assert.That(DockerInstant.TryParse(T2, out var instant), Is.True);

        Assert.That(instant.Nanoseconds, Is.EqualTo(604273556));
        Assert.That(instant.ToString(), Is.EqualTo(T2));
    }

    [Test]
    public void Timestamps_with_fewer_fraction_digits_or_an_offset_are_read_as_the_same_instant()
    {
        DockerInstant.TryParse("2026-11-24T05:07:04.5+01:00", out var offset);
        DockerInstant.TryParse("2026-11-24T04:07:04.500000000Z", out var utc);

        Assert.That(offset, Is.EqualTo(utc));
    }

    [Test]
    public void Two_lines_thirty_nanoseconds_apart_are_told_apart()
    {
        DockerInstant.TryParse("2026-11-24T04:07:04.604273556Z", out var first);
        DockerInstant.TryParse("2026-11-24T04:07:04.604273586Z", out var second);

        Assert.That(first < second, Is.True);
        Assert.That(first.ToDateTimeOffset(), Is.EqualTo(second.ToDateTimeOffset()), "DateTimeOffset alone could not");
    }

    [Test]
    public void The_since_passed_to_docker_is_strictly_before_the_cursor_so_no_line_at_it_is_missed()
    {
        DockerInstant.TryParse(T2, out var instant);

        Assert.That(instant.JustBefore(), Is.LessThan(instant.ToDateTimeOffset()));
    }

    [Test]
    public void The_first_read_returns_every_line_and_a_cursor_at_the_last()
    {
        var (lines, next) = DockerLogCursor.After(null, Lines((T1, "one"), (T2, "two")));

        Assert.That(lines.Select(l => l.Message), Is.EqualTo(new[] { "one", "two" }));
        Assert.That(next!.ToLogCursor().Value, Is.EqualTo(T2 + "#1"));
    }

    [Test]
    public void Lines_up_to_the_cursor_are_not_returned_again()
    {
        var cursor = DockerLogCursor.From(new LogCursor(T2 + "#1"));

        var (lines, _) = DockerLogCursor.After(cursor, Lines((T1, "one"), (T2, "two"), (T3, "three")));

        Assert.That(lines.Select(l => l.Message), Is.EqualTo(new[] { "three" }));
    }

    [Test]
    public void A_line_with_the_same_nanosecond_as_one_already_read_is_still_returned_once()
    {
        var (first, cursor) = DockerLogCursor.After(null, Lines((T1, "one"), (T2, "two")));
        var (second, next) = DockerLogCursor.After(cursor, Lines((T2, "two"), (T2, "twin")));
        var (third, _) = DockerLogCursor.After(next, Lines((T2, "two"), (T2, "twin")));

        Assert.That(first.Concat(second).Concat(third).Select(l => l.Message), Is.EqualTo(new[] { "one", "two", "twin" }));
        Assert.That(next!.ToLogCursor().Value, Is.EqualTo(T2 + "#2"));
    }

    [Test]
    public void Nothing_new_keeps_the_cursor_it_was_given()
    {
        var cursor = DockerLogCursor.From(new LogCursor(T2 + "#1"));

        var (lines, next) = DockerLogCursor.After(cursor, Lines((T2, "two")));

        Assert.That(lines, Is.Empty);
        Assert.That(next, Is.EqualTo(cursor));
    }

    [Test]
    public void Nothing_ever_read_gives_no_cursor()
    {
        var (lines, next) = DockerLogCursor.After(null, []);

        Assert.That(lines, Is.Empty);
        Assert.That(next, Is.Null);
    }

    [Test]
    public void A_cursor_that_is_not_a_docker_one_is_refused()
    {
        Assert.That(() => DockerLogCursor.From(new LogCursor("f/3833412/forward")), Throws.ArgumentException);
    }

    [Test]
    public void Standard_output_and_error_are_merged_back_in_timestamp_order()
    {
        var merged = DockerLogLine.Merge(
        [
            DockerLogLine.Parse(T1 + " one", 0, 0)!,
            DockerLogLine.Parse(T3 + " three", 0, 1)!,
            DockerLogLine.Parse(T2 + " two (stderr)", 1, 0)!,
        ]);

        Assert.That(merged.Select(l => l.Message), Is.EqualTo(new[] { "one", "two (stderr)", "three" }));
    }

    [Test]
    public void An_empty_line_keeps_its_place_with_an_empty_message()
    {
        var line = DockerLogLine.Parse(T1 + " ", 0, 0);

        Assert.That(line!.Message, Is.Empty);
    }

    private static List<DockerLogLine> Lines(params (string Stamp, string Message)[] lines) =>
        [.. lines.Select((l, i) => DockerLogLine.Parse($"{l.Stamp} {l.Message}", 0, i)!)];
}
