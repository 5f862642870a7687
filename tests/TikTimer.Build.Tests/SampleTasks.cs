using Cake.Core;
using Cake.Frosting;

namespace TikTimer.Build.Tests.Samples;

/// <summary>What the sample tasks did, in order.</summary>
public static class Journal
{
    public static List<string> Entries { get; } = [];
}

[TaskName("First")]
[TaskDescription("Runs first")]
public sealed class First : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => Journal.Entries.Add("First");
}

[TaskName("Second")]
[IsDependentOn(typeof(First))]
public sealed class Second : AsyncFrostingTask<ICakeContext>
{
    public override async Task RunAsync(ICakeContext context)
    {
        await Task.Yield();
        Journal.Entries.Add("Second");
    }
}

[TaskName("Third")]
[IsDependentOn(typeof(Second))]
public sealed class Third : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => Journal.Entries.Add("Third");
}

[TaskName("Broken")]
[IsDependentOn(typeof(First))]
public sealed class Broken : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => throw new InvalidOperationException("the broken task broke");
}

[TaskName("AfterBroken")]
[IsDependentOn(typeof(Broken))]
public sealed class AfterBroken : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => Journal.Entries.Add("AfterBroken");
}

[TaskName("ObservesError")]
public sealed class ObservesError : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => throw new InvalidOperationException("observed failure");

    public override void OnError(Exception exception, ICakeContext context) => Journal.Entries.Add("OnError: " + exception.Message);

    public override void Finally(ICakeContext context) => Journal.Entries.Add("Finally");
}

[TaskName("AfterObserved")]
[IsDependentOn(typeof(ObservesError))]
public sealed class AfterObserved : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => Journal.Entries.Add("AfterObserved");
}

[TaskName("Recovers")]
[ContinueOnError]
public sealed class Recovers : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => throw new InvalidOperationException("recoverable");

    public override void OnError(Exception exception, ICakeContext context) => Journal.Entries.Add("recovered");
}

[TaskName("AfterRecovered")]
[IsDependentOn(typeof(Recovers))]
public sealed class AfterRecovered : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => Journal.Entries.Add("AfterRecovered");
}

[TaskName("OnlyOnCi")]
public sealed class OnlyOnCi : FrostingTask<ICakeContext>
{
    public override bool ShouldRun(ICakeContext context) => false;

    public override string SkippedMessage => "works only on GitHub Actions";

    public override void Run(ICakeContext context) => Journal.Entries.Add("OnlyOnCi");
}

[TaskName("ReadsArgument")]
public sealed class ReadsArgument : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) =>
        Journal.Entries.Add("color=" + context.Arguments.GetArguments("color").Single());
}

[TaskName("AfterOnlyOnCi")]
[IsDependentOn(typeof(OnlyOnCi))]
public sealed class AfterOnlyOnCi : FrostingTask<ICakeContext>
{
    public override void Run(ICakeContext context) => Journal.Entries.Add("AfterOnlyOnCi");
}
