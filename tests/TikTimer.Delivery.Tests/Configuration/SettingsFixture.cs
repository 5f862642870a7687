using TikTimer.Delivery.Configuration;

namespace TikTimer.Delivery.Tests.Configuration;

/// <summary>A throw-away repository root with deploy/ files, and a fake environment.</summary>
internal sealed class SettingsFixture : IDisposable
{
    public SettingsFixture()
    {
        Root = Directory.CreateTempSubdirectory("tiktimer-settings-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "deploy"));
        // What the default dockerfile and service-project name, which BuildImage needs to exist.
        WriteFile("src/TikTimer.Api/Dockerfile", "FROM scratch\n");
        WriteFile("src/TikTimer.Api/TikTimer.Api.csproj", "<Project />\n");
    }

    public string Root { get; }

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Arguments { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The tasks the run will execute; null: the whole chain.</summary>
    public IReadOnlyCollection<string>? Tasks { get; set; }

    public Func<string, string> Terraform { get; set; } = _ => throw new InvalidOperationException("terraform not expected");

    public static string ValidAwsEnvironment => """
        {
          "platform": "aws",
          "region": "eu-west-1",
          "cluster": "TikTimer-dev-cluster",
          "services": ["TikTimer-dev-api"],
          "migration-task-family": "TikTimer-dev-migration",
          "subnets": ["subnet-0123456789abcdef0"],
          "security-groups": ["sg-0123456789abcdef0"],
          "smoke-base-url": "alb.example.com"
        }
        """;

    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public ResolvedSettings Resolve() =>
        SettingsResolver.Resolve(new SettingsInputs(Arguments, name => Variables.GetValueOrDefault(name), Root)
        {
            RunTerraformOutput = Terraform,
            Tasks = Tasks,
        });

    public SettingsException ResolveFails() => Assert.Throws<SettingsException>(() => Resolve())!;

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
