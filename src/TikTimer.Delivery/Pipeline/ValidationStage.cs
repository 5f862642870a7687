using System.Net.Sockets;
using TikTimer.Delivery.Processes;
using TikTimer.Delivery.Validation;

namespace TikTimer.Delivery.Pipeline;

/// <summary>What must hold before the chain changes anything, per platform.</summary>
public static class ValidationStage
{
    public const string UnitTestFilter = "TestCategory!=Integration&TestCategory!=EndToEnd";

    public static Task RunAsync(DeliveryServices services, CancellationToken cancellationToken) =>
        new PrerequisiteValidator(services.Log).ValidateAsync(Checks(services), cancellationToken);

    public static IEnumerable<IPrerequisiteCheck> Checks(DeliveryServices services)
    {
        var settings = services.Settings;
        yield return new DelegateCheck("Docker daemon reachable", ct => DockerAsync(services, ct));
        if (settings.IsLocal)
        {
            yield return new DelegateCheck($"local registry {settings.Registry} answers and accepts the credentials", ct => LocalRegistryAsync(services, ct));
            yield return new DelegateCheck("local PostgreSQL reachable", ct => DatabaseAsync(services, ct));
        }
        else
        {
            var identityKnown = false;
            yield return new DelegateCheck("AWS credentials resolve and STS GetCallerIdentity answers", async ct =>
            {
                var problem = await AwsIdentityAsync(services, ct).ConfigureAwait(false);
                identityKnown = problem is null;
                return problem;
            });

            // The validator runs each check before asking for the next, so the
            // resource checks are only listed when they can say something
            // other than the credentials problem already reported.
            if (identityKnown)
            {
                foreach (var check in AwsPreflight.Checks(services))
                {
                    yield return check;
                }
            }
        }

        if (!settings.SkipTests)
        {
            yield return new DelegateCheck("unit tests pass", ct => UnitTestsAsync(services, ct));
        }
    }

    private static async Task<string?> DockerAsync(DeliveryServices services, CancellationToken cancellationToken)
    {
        try
        {
            return await services.Docker.IsAvailableAsync(cancellationToken).ConfigureAwait(false)
                ? null
                : "the docker client cannot reach a daemon. Start it (scripts/setup-local.sh starts one here; on a laptop start Docker Desktop or 'sudo systemctl start docker') and check 'docker info'.";
        }
        catch (DeliveryException ex)
        {
            return ex.Message;
        }
    }

    private static async Task<string?> LocalRegistryAsync(DeliveryServices services, CancellationToken cancellationToken)
    {
        var settings = services.Settings;
        try
        {
            using var registry = LocalRegistryAccess.Open(settings, services.Log, "Validate");
            await registry.EnsureRepositoryAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (DeliveryException ex)
        {
            return ex.Message + " Run scripts/setup-local.sh to start the local registry.";
        }
    }

    private static async Task<string?> DatabaseAsync(DeliveryServices services, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(services.Settings.DatabaseUrl, UriKind.Absolute, out var url) || url.Host.Length == 0)
        {
            return "database-url is not a postgres://user:password@host:port/database URL. Set --database-url or DATABASE_URL.";
        }

        var port = url.Port > 0 ? url.Port : 5432;
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await client.ConnectAsync(url.Host, port, timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"nothing answers on {url.Host}:{port}. Start PostgreSQL (scripts/setup-local.sh does) or fix --database-url.";
        }
    }

    private static async Task<string?> AwsIdentityAsync(DeliveryServices services, CancellationToken cancellationToken)
    {
        try
        {
            var identity = await services.Aws.Clients.Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
            services.Log.Information($"  AWS identity: {identity.Arn} (account {identity.Account}, region {services.Aws.Clients.Region})");
            var expected = services.Settings.ExpectedAccountId;
            return expected is not null && expected != identity.Account
                ? $"the credentials belong to account {identity.Account}, but expected-account-id is {expected}. Use the right profile (AWS_PROFILE) or role, or fix expected-account-id."
                : null;
        }
        catch (DeliveryException ex)
        {
            return ex.Message;
        }
    }

    private static async Task<string?> UnitTestsAsync(DeliveryServices services, CancellationToken cancellationToken)
    {
        if (NestedTestRun.IsInside(Environment.GetEnvironmentVariable))
        {
            return NestedTestRun.Refusal;
        }

        var settings = services.Settings;
        var solution = Path.Combine(settings.RepositoryRoot, "TikTimer.sln");
        var spec = new ProcessSpec("dotnet", ["test", solution, "--filter", UnitTestFilter, "--nologo", "--logger", "console;verbosity=normal"])
        {
            WorkingDirectory = settings.RepositoryRoot,
            Environment = new Dictionary<string, string?> { [NestedTestRun.Marker] = "1" },
            OnOutputLine = services.Log.Verbose,
            OnErrorLine = services.Log.Verbose,
            ThrowOnFailure = false,
            Step = "Validate",
        };
        var result = await services.Processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return null;
        }

        // The failed tests' names (and build errors) are what tells the user where to look.
        var failures = result.OutputLines.Concat(result.ErrorLines)
            .Where(l => l.TrimStart().StartsWith("Failed ", StringComparison.Ordinal) || l.Contains(": error ", StringComparison.Ordinal) || l.StartsWith("Failed!", StringComparison.Ordinal))
            .Select(l => l.Trim())
            .Distinct()
            .TakeLast(15)
            .DefaultIfEmpty(result.OutputLines.LastOrDefault(l => l.Trim().Length > 0) ?? "(no output)");
        return $"'dotnet test --filter \"{UnitTestFilter}\"' exited with {result.ExitCode}:{Environment.NewLine}    "
            + string.Join(Environment.NewLine + "    ", failures)
            + $"{Environment.NewLine}    Fix the tests, or pass --skip-tests to validate without them.";
    }
}
