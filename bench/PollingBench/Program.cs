using System.Globalization;
using TikTimer.Delivery.Polling;

// Compares the migration wait's describe schedule with the AWS CLI's
// tasks-stopped waiter (every 6 s), both measured here on the same simulated
// migrations: how many DescribeTasks calls a wait costs, and how late the end
// of a migration is noticed. No clock is involved: the schedules are pure.
var adaptive = AdaptivePollingSchedule.Default;
static TimeSpan Fixed(TimeSpan elapsed, TimeSpan? previous) => TimeSpan.FromSeconds(6);
TimeSpan Adaptive(TimeSpan elapsed, TimeSpan? previous) => adaptive.NextDelay(elapsed, previous);

var wait = TimeSpan.FromMinutes(10);
var quick = Enumerable.Range(1, 50).Select(i => TimeSpan.FromSeconds(i * 0.1)).ToArray();          // 0.1 .. 5 s
var any = Enumerable.Range(1, 600).Select(i => TimeSpan.FromSeconds(i)).ToArray();                   // 1 .. 600 s

var rows = new[]
{
    ("DescribeTasks calls in a 10-minute wait", Calls(Adaptive, wait), Calls(Fixed, wait), "calls"),
    ("worst notice delay, migrations <= 5 s", quick.Max(t => Delay(Adaptive, t)), quick.Max(t => Delay(Fixed, t)), "s"),
    ("mean notice delay, migrations <= 5 s", quick.Average(t => Delay(Adaptive, t)), quick.Average(t => Delay(Fixed, t)), "s"),
    ("mean notice delay, migrations 1 s .. 10 min", any.Average(t => Delay(Adaptive, t)), any.Average(t => Delay(Fixed, t)), "s"),
    ("mean calls, migrations 1 s .. 10 min", any.Average(t => Calls(Adaptive, t)), any.Average(t => Calls(Fixed, t)), "calls"),
};

Console.WriteLine($"{"migration wait: adaptive vs AWS CLI waiter (6 s)",-46} {"adaptive",9} {"waiter",9} {"ratio",7}");
foreach (var (name, ours, baseline, unit) in rows)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-46} {ours,9:0.##} {baseline,9:0.##} {ours / baseline,6:0.00}x  ({unit})"));
}

var ok = Calls(Adaptive, wait) <= 80 && quick.Max(t => Delay(Adaptive, t)) <= 2;
Console.WriteLine(ok ? "requirements met: <= 80 calls in 10 min, a <= 5 s migration noticed within 2 s" : "REQUIREMENTS NOT MET");
return ok ? 0 : 1;

// Polls happen at 0 and then after each delay; a wait costs the polls up to its end.
static IEnumerable<TimeSpan> Polls(Func<TimeSpan, TimeSpan?, TimeSpan> next)
{
    var at = TimeSpan.Zero;
    TimeSpan? previous = null;
    while (true)
    {
        yield return at;
        var delay = next(at, previous);
        previous = delay;
        at += delay;
    }
}

static double Calls(Func<TimeSpan, TimeSpan?, TimeSpan> next, TimeSpan stopsAt) =>
    Polls(next).TakeWhile(p => p < stopsAt).Count() + 1;

static double Delay(Func<TimeSpan, TimeSpan?, TimeSpan> next, TimeSpan stopsAt) =>
    (Polls(next).First(p => p >= stopsAt) - stopsAt).TotalSeconds;
