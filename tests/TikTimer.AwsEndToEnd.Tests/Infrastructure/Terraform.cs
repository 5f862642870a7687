using System.Text.Json;
using System.Text.RegularExpressions;
using TikTimer.EndToEnd.Tests.Infrastructure;
using TikTimer.Testing;

namespace TikTimer.AwsEndToEnd.Tests.Infrastructure;

/// <summary>
/// Terraform on a copy of infra/ in a temporary directory (its own .terraform, state and
/// outputs, so parallel runs never share them), with a CLI configuration of its own that
/// installs the provider from the machine's filesystem mirror: nothing outside the
/// repository is assumed but terraform and the mirror.
/// </summary>
internal sealed partial class Terraform : IDisposable
{
    /// <summary>Where the provider mirror is when TIKTIMER_TERRAFORM_MIRROR and TF_CLI_CONFIG_FILE say nothing.</summary>
    public static readonly string[] MirrorCandidates = ["/opt/tf-plugins", "/usr/share/terraform/plugins", "/usr/local/share/terraform/plugins"];

    public const string MirrorVariable = "TIKTIMER_TERRAFORM_MIRROR";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(6);

    private readonly string _cliConfig;

    private Terraform(string directory, string cliConfig)
    {
        Directory = directory;
        _cliConfig = cliConfig;
    }

    /// <summary>The copy of infra/ (the suite's --terraform-dir).</summary>
    public string Directory { get; }

    public static Terraform CopyOfInfra(string repositoryRoot)
    {
        Prerequisite.Require(ProgramOnPath("terraform"), "terraform (1.11)", "Install Terraform 1.11 (the CI machine image has it).");
        var mirror = FindMirror();
        Prerequisite.Require(
            mirror is not null,
            "The Terraform provider mirror (registry.terraform.io/hashicorp/aws/5.100.0)",
            $"Set {MirrorVariable} to the folder above registry.terraform.io, or install the mirror in {MirrorCandidates[0]}.");

        var root = System.IO.Directory.CreateTempSubdirectory("tiktimer-infra-").FullName;
        var directory = Path.Combine(root, "infra");
        System.IO.Directory.CreateDirectory(directory);
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(repositoryRoot, "infra")))
        {
            if (file.EndsWith(".tf", StringComparison.Ordinal) || file.EndsWith(".json", StringComparison.Ordinal) || file.EndsWith(".terraform.lock.hcl", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
            }
        }

        var cliConfig = Path.Combine(root, "terraform.rc");
        File.WriteAllText(cliConfig, CliConfig(mirror!));
        return new Terraform(directory, cliConfig);
    }

    /// <summary>The CLI configuration that installs every provider from <paramref name="mirror"/> and nothing from the network.</summary>
    public static string CliConfig(string mirror) => $$"""
        provider_installation {
          filesystem_mirror {
            path = "{{mirror}}"
          }
          direct {
            exclude = ["*/*"]
          }
        }
        """;

    public static string? FindMirror()
    {
        if (Environment.GetEnvironmentVariable(MirrorVariable) is { Length: > 0 } given)
        {
            return given;
        }

        if (Environment.GetEnvironmentVariable("TF_CLI_CONFIG_FILE") is { Length: > 0 } config && File.Exists(config)
            && MirrorPath().Match(File.ReadAllText(config)) is { Success: true } match
            && System.IO.Directory.Exists(match.Groups["path"].Value))
        {
            return match.Groups["path"].Value;
        }

        return MirrorCandidates.FirstOrDefault(c => System.IO.Directory.Exists(Path.Combine(c, "registry.terraform.io", "hashicorp", "aws")));
    }

    /// <summary>Environment for every terraform command (and for ./build.sh's `terraform output`).</summary>
    public Dictionary<string, string?> ChildEnvironment() => new(StringComparer.Ordinal)
    {
        ["TF_CLI_CONFIG_FILE"] = _cliConfig,
        ["TF_IN_AUTOMATION"] = "1",
        ["TF_INPUT"] = "0",
        ["CHECKPOINT_DISABLE"] = "1",
    };

    public async Task<ChildProcessResult> RunAsync(IReadOnlyDictionary<string, string?> extraEnvironment, params string[] arguments)
    {
        var environment = ChildEnvironment();
        foreach (var (key, value) in extraEnvironment)
        {
            environment[key] = value;
        }

        return await ChildProcess.RunAsync("terraform", arguments, Directory, CommandTimeout, environment);
    }

    public async Task<ChildProcessResult> RunAsync(params string[] arguments) =>
        await RunAsync(new Dictionary<string, string?>(), arguments);

    /// <summary><c>terraform output -json</c>, parsed.</summary>
    public async Task<JsonElement> OutputsAsync()
    {
        var result = await RunAsync("output", "-json", "-no-color");
        Assert.That(result.ExitCode, Is.Zero, result.Output);
        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.Clone();
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path.GetDirectoryName(Directory)!, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary directory.
        }
    }

    private static bool ProgramOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, name)));

    [GeneratedRegex("""filesystem_mirror\s*\{[^}]*path\s*=\s*"(?<path>[^"]+)"  """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex MirrorPath();
}
