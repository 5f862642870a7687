namespace TikTimer.Delivery.Validation;

/// <summary>
/// Marks the test run Validate starts, so that a test inside it which runs the real
/// Validate task refuses to start the same test run again.
/// </summary>
/// <remarks>
/// Without it, a host test that reaches Validate (e.g. when --exclusive is broken) runs
/// 'dotnet test' on the solution, which runs that host test again: a recursion of test
/// runs with no end. The marker is an environment variable because that is what a child
/// process inherits whatever starts it (dotnet test, the test host, the host under test).
/// </remarks>
public static class NestedTestRun
{
    public const string Marker = "TIKTIMER_VALIDATE_TEST_RUN";

    /// <summary>True when this process runs inside a test run started by Validate.</summary>
    public static bool IsInside(Func<string, string?> getEnvironmentVariable) =>
        !string.IsNullOrEmpty(getEnvironmentVariable(Marker));

    public static string Refusal =>
        $"not run: this process is inside the unit-test run of another Validate ({Marker} is set), and running the tests here "
        + $"would start that test run inside itself. A test that runs Validate must pass --skip-tests; if {Marker} leaked into your shell, unset it.";
}
