using System.Reflection;
using Cake.Cli;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Packaging;
using Cake.Core.Tooling;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Cake.Frosting;

/// <summary>
/// A Cake.Frosting-shaped host over the real Cake engine (the Cake.Frosting
/// package is not on our package source). Same builder methods, same task
/// base classes and attributes; exit codes are 0 and 1, as shells and CI expect.
/// </summary>
public sealed class CakeHost
{
    private readonly List<Assembly> _assemblies = [];
    private IReadOnlyList<Type>? _taskTypes;
    private readonly List<Action<IServiceCollection>> _configureServices = [];
    private Type _contextType = typeof(FrostingContext);
    private Type? _lifetimeType;
    private Type? _taskLifetimeType;
    private TextWriter? _output;
    private Func<IEnumerable<string>>? _helpSection;

    public CakeHost UseContext<TContext>()
        where TContext : class, IFrostingContext
    {
        _contextType = typeof(TContext);
        return this;
    }

    public CakeHost UseLifetime<TLifetime>()
        where TLifetime : class, IFrostingLifetime
    {
        _lifetimeType = typeof(TLifetime);
        return this;
    }

    public CakeHost UseTaskLifetime<TLifetime>()
        where TLifetime : class, IFrostingTaskLifetime
    {
        _taskLifetimeType = typeof(TLifetime);
        return this;
    }

    public CakeHost ConfigureServices(Action<IServiceCollection> configure)
    {
        _configureServices.Add(configure);
        return this;
    }

    /// <summary>Adds an assembly whose public task classes become tasks (default: the entry assembly).</summary>
    public CakeHost AddAssembly(Assembly assembly)
    {
        _assemblies.Add(assembly);
        return this;
    }

    /// <summary>Uses exactly these task classes instead of scanning assemblies (host tests).</summary>
    internal CakeHost UseTasks(params Type[] taskTypes)
    {
        _taskTypes = taskTypes;
        return this;
    }

    /// <summary>More lines for --help after the tasks (the build's settings).</summary>
    public CakeHost UseHelpSection(Func<IEnumerable<string>> lines)
    {
        _helpSection = lines;
        return this;
    }

    /// <summary>Where the host writes (tests capture it); defaults to the console.</summary>
    public CakeHost UseOutput(TextWriter output)
    {
        _output = output;
        return this;
    }

    public int Run(IEnumerable<string> args) => RunAsync(args).GetAwaiter().GetResult();

    public async Task<int> RunAsync(IEnumerable<string> args)
    {
        var output = _output ?? Console.Out;
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = _output is null ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = _output is null ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });

        HostArguments arguments;
        try
        {
            arguments = HostArguments.Parse([.. args]);
        }
        catch (HostUsageException ex)
        {
            WriteError(ansi, ex.Message);
            return 1;
        }

        var environment = new CakeEnvironment(new CakePlatform(), new CakeRuntime());
        if (arguments.WorkingDirectory is { } working)
        {
            environment.WorkingDirectory = new DirectoryPath(working).MakeAbsolute(environment);
        }

        var console = new HostConsole(output, environment);
        var log = new CakeBuildLog(console, arguments.Verbosity);
        var taskTypes = _taskTypes ?? TaskRegistrar.FindTaskTypes(_assemblies.Count > 0 ? _assemblies : [Assembly.GetEntryAssembly()!]);

        if (arguments.Version)
        {
            ansi.WriteLine(VersionOf(Assembly.GetEntryAssembly() ?? typeof(CakeHost).Assembly));
            return 0;
        }

        if (arguments.Info)
        {
            ansi.WriteLine($"Cake engine {typeof(ICakeContext).Assembly.GetName().Version} (host: {VersionOf(typeof(CakeHost).Assembly)})");
            return 0;
        }

        if (arguments.Help)
        {
            HelpText.Write(ansi, taskTypes, _helpSection?.Invoke() ?? []);
            return 0;
        }

        var services = new ServiceCollection();
        var data = new CakeDataService();
        var context = CreateCakeContext(environment, log, arguments, data, services);
        var engine = new CakeEngine(data, log);
        var printer = new CakeSpectreReportPrinter(ansi);
        var strategy = new ReportingExecutionStrategy(log, printer);

        services.AddSingleton<ICakeContext>(context);
        services.AddSingleton<ICakeLog>(log);
        services.AddSingleton<ICakeEnvironment>(environment);
        services.AddSingleton<ICakeArguments>(context.Arguments);
        services.AddSingleton<IAnsiConsole>(ansi);
        services.AddSingleton(RunPlan.For(taskTypes, arguments.Target, arguments.Exclusive));
        services.AddSingleton(_contextType);
        foreach (var type in taskTypes)
        {
            services.AddTransient(type);
        }

        foreach (var configure in _configureServices)
        {
            configure(services);
        }

        using var provider = services.BuildServiceProvider();
        IFrostingContext? buildContext = null;
        TaskRegistrar.Register(
            engine,
            taskTypes,
            type => (IFrostingTask)provider.GetRequiredService(type),
            strategy);

        var target = engine.Tasks.FirstOrDefault(t => string.Equals(t.Name, arguments.Target, StringComparison.OrdinalIgnoreCase));
        if (arguments.Description)
        {
            // Lists every task; the target does not matter.
            await new DescriptionScriptHost(engine, context, ansi).RunTargetAsync(target?.Name ?? arguments.Target);
            return 0;
        }

        if (target is null)
        {
            WriteError(ansi, $"Unknown target '{arguments.Target}'. Available tasks: {string.Join(", ", engine.Tasks.Select(t => t.Name))}.");
            return 1;
        }

        try
        {
            if (arguments.Tree || arguments.DryRun)
            {
                await RunInspectionAsync(arguments, engine, context, console, log, target.Name);
                return 0;
            }

            // The build context resolves the settings; a bad configuration
            // stops here, before any task (and so any side effect) runs.
            buildContext = (IFrostingContext)provider.GetRequiredService(_contextType);
            RegisterLifetimes(engine, provider, buildContext);

            var settings = new ExecutionSettings().SetTarget(target.Name);
            if (arguments.Exclusive)
            {
                settings.UseExclusiveTarget();
            }

            var report = await engine.RunTargetAsync(buildContext, strategy, settings);
            printer.Write(report);
            return 0;
        }
        catch (CakeReportException ex)
        {
            printer.Write(ex.Report);
            WriteFailure(ansi, ex.InnerException ?? ex, arguments.Verbosity, buildContext as IOutputRedactor);
            return 1;
        }
        catch (Exception ex)
        {
            WriteFailure(ansi, ex, arguments.Verbosity, buildContext as IOutputRedactor);
            return 1;
        }
    }

    private void RegisterLifetimes(CakeEngine engine, IServiceProvider provider, IFrostingContext buildContext)
    {
        if (_lifetimeType is not null)
        {
            var lifetime = (IFrostingLifetime)ActivatorUtilities.CreateInstance(provider, _lifetimeType);
            engine.RegisterSetupAction(info => lifetime.Setup(buildContext, info));
            engine.RegisterTeardownAction(info => lifetime.Teardown(buildContext, info));
        }

        if (_taskLifetimeType is not null)
        {
            var taskLifetime = (IFrostingTaskLifetime)ActivatorUtilities.CreateInstance(provider, _taskLifetimeType);
            engine.RegisterTaskSetupAction(info => taskLifetime.Setup(buildContext, info));
            engine.RegisterTaskTeardownAction(info => taskLifetime.Teardown(buildContext, info));
        }
    }

    private static async Task RunInspectionAsync(
        HostArguments arguments,
        CakeEngine engine,
        ICakeContext context,
        IConsole console,
        ICakeLog log,
        string target)
    {
        if (arguments.Tree && arguments.Exclusive)
        {
            // Cake's tree printer ignores --exclusive; only the target would run, so only the target is shown.
            console.WriteLine(string.Empty);
            console.WriteLine("{0}", target);
            return;
        }

        Cake.Core.Scripting.ScriptHost host = arguments.Tree
            ? new TreeScriptHost(engine, context, console)
            : new DryRunScriptHost(engine, context, log);
        if (arguments.Exclusive)
        {
            host.Settings.UseExclusiveTarget();
        }

        await host.RunTargetAsync(target);
    }

    private static CakeContext CreateCakeContext(
        CakeEnvironment environment,
        ICakeLog log,
        HostArguments arguments,
        CakeDataService data,
        IServiceCollection services)
    {
        var fileSystem = new FileSystem();
        var configuration = new CakeConfiguration(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
        var globber = new Globber(fileSystem, environment);
        var toolRepository = new ToolRepository(environment);
        var toolStrategy = new ToolResolutionStrategy(fileSystem, environment, globber, configuration, log);
        var tools = new ToolLocator(environment, toolRepository, toolStrategy);
        var processRunner = new ProcessRunner(fileSystem, environment, log, tools, configuration);
        var toolInstaller = new ToolInstaller(environment, tools, configuration, log, Array.Empty<IPackageInstaller>());

        // The context needs a service provider before ours is built; Cake
        // itself only uses it for optional services, so a small one suffices.
        var cakeServices = new ServiceCollection().BuildServiceProvider();
        services.AddSingleton<IFileSystem>(fileSystem);
        services.AddSingleton<IProcessRunner>(processRunner);
        services.AddSingleton<IToolLocator>(tools);
        services.AddSingleton<IGlobber>(globber);
        return new CakeContext(
            fileSystem,
            environment,
            globber,
            log,
            new CakeArguments(arguments.Values),
            processRunner,
            new WindowsRegistry(),
            tools,
            data,
            configuration,
            toolInstaller,
            cakeServices);
    }

    private static void WriteFailure(IAnsiConsole ansi, Exception exception, Verbosity verbosity, IOutputRedactor? redactor)
    {
        var redact = redactor is null ? (Func<string, string>)(text => text) : redactor.Redact;
        var failure = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
        WriteError(ansi, failure is OperationCanceledException
            ? "Cancelled (Ctrl-C or SIGTERM). The lines above say what was still running and how it was stopped."
            : redact(failure.Message));
        if (verbosity >= Verbosity.Diagnostic || IsProgrammingError(failure))
        {
            ansi.WriteLine(redact(failure.ToString()));
        }
    }

    // Anticipated failures carry a message written for users; these mean a
    // bug, and the stack trace helps whoever reports it.
    private static bool IsProgrammingError(Exception exception) =>
        exception is NullReferenceException or InvalidCastException or IndexOutOfRangeException
            or KeyNotFoundException or ArgumentException;

    // Plain text, never wrapped: error lines are read in CI logs and grepped.
    private static void WriteError(IAnsiConsole ansi, string message) =>
        ansi.Profile.Out.Writer.WriteLine($"Error: {message}");

    private static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
