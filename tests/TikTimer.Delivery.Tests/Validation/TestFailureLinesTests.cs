using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Tests.Validation;

public class TestFailureLinesTests
{
    [Test]
    public void Dotnet_test_failures_are_named_with_the_summary()
    {
        string[] output =
        [
            "  Passed TikTimer.Api.Tests.DatabaseUrlTests.Parses [3 ms]",
            "  Failed TikTimer.Api.Tests.DatabaseUrlTests.Rejects_http [12 ms]",
            "  Error Message:",
            "   Expected: True",
            "Failed!  - Failed:     1, Passed:    41, Skipped:     0, Total:    42",
        ];

        Assert.That(TestFailureLines.From(output), Is.EqualTo(new[]
        {
            "Failed TikTimer.Api.Tests.DatabaseUrlTests.Rejects_http [12 ms]",
            "Failed!  - Failed:     1, Passed:    41, Skipped:     0, Total:    42",
        }));
    }

    [Test]
    public void A_dotnet_build_error_is_named()
    {
        string[] output = ["/src/Web/Api.cs(12,5): error CS1002: ; expected [/src/Api.csproj]", "Build FAILED."];

        Assert.That(TestFailureLines.From(output), Is.EqualTo(new[] { "/src/Web/Api.cs(12,5): error CS1002: ; expected [/src/Api.csproj]" }));
    }

    [Test]
    public void Pytest_failures_and_errors_are_named_with_the_summary()
    {
        string[] output =
        [
            "tests/test_endpoints.py .F.                                              [ 50%]",
            "=================================== FAILURES ===================================",
            "E       assert 503 == 200",
            "=========================== short test summary info ============================",
            "FAILED tests/test_endpoints.py::test_health_is_200 - assert 503 == 200",
            "ERROR tests/test_migrations.py::test_upgrade[postgresql] - OperationalError",
            "============== 1 failed, 12 passed, 1 error in 2.31s ===============",
        ];

        Assert.That(TestFailureLines.From(output), Is.EqualTo(new[]
        {
            "FAILED tests/test_endpoints.py::test_health_is_200 - assert 503 == 200",
            "ERROR tests/test_migrations.py::test_upgrade[postgresql] - OperationalError",
            "============== 1 failed, 12 passed, 1 error in 2.31s ===============",
        }));
    }

    [Test]
    public void A_passing_pytest_summary_is_not_a_failure()
    {
        string[] output = ["============== 19 passed in 5.74s ===============", "run-tests.sh: could not build the test image"];

        Assert.That(TestFailureLines.From(output), Is.EqualTo(new[] { "run-tests.sh: could not build the test image" }));
    }

    [Test]
    public void Without_a_recognised_line_the_last_line_is_shown_and_without_output_says_so()
    {
        Assert.That(TestFailureLines.From(["", "Segmentation fault", "  "]), Is.EqualTo(new[] { "Segmentation fault" }));
        Assert.That(TestFailureLines.From([]), Is.EqualTo(new[] { "(no output)" }));
    }

    [Test]
    public void At_most_the_last_fifteen_failures_are_kept()
    {
        var output = Enumerable.Range(1, 40).Select(i => $"FAILED tests/test_x.py::test_{i}");

        var lines = TestFailureLines.From(output);

        Assert.That(lines, Has.Count.EqualTo(TestFailureLines.MaxLines));
        Assert.That(lines[^1], Is.EqualTo("FAILED tests/test_x.py::test_40"));
    }
}
