using Cake.Frosting;

namespace TikTimer.Build.Tests;

public class OutputColorsTests
{
    [TestCase(false, null, null, null, ExpectedResult = true, TestName = "A terminal gets colours")]
    [TestCase(true, null, null, null, ExpectedResult = false, TestName = "A pipe or a log file gets plain text")]
    [TestCase(true, null, "true", null, ExpectedResult = true, TestName = "GitHub Actions gets colours although its log is a pipe")]
    [TestCase(false, "1", null, null, ExpectedResult = false, TestName = "NO_COLOR turns colours off on a terminal")]
    [TestCase(true, "1", "true", null, ExpectedResult = false, TestName = "NO_COLOR turns colours off on GitHub Actions too")]
    [TestCase(false, "", null, null, ExpectedResult = true, TestName = "An empty NO_COLOR is not set")]
    [TestCase(false, null, null, "dumb", ExpectedResult = false, TestName = "A dumb terminal gets plain text")]
    public bool Colours(bool outputRedirected, string? noColor, string? githubActions, string? term)
    {
        var variables = new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["GITHUB_ACTIONS"] = githubActions, ["TERM"] = term };
        return OutputColors.Enabled(name => variables.GetValueOrDefault(name), outputRedirected);
    }
}
