using Cake.Core.Diagnostics;

namespace Cake.Frosting;

/// <summary>
/// The command line as the host understands it: Cake's own switches, and
/// every other <c>--key=value</c> kept (keys case-insensitive) for the build.
/// </summary>
public sealed class HostArguments
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["t"] = "target",
        ["e"] = "exclusive",
        ["v"] = "verbosity",
        ["w"] = "working",
        ["h"] = "help",
        ["?"] = "help",
        ["noop"] = "dryrun",
        ["whatif"] = "dryrun",
    };

    // Cake's own switches; the valueless ones (flags) never take the next argument as their value.
    private static readonly Dictionary<string, bool> SwitchTakesValue = new(StringComparer.OrdinalIgnoreCase)
    {
        ["target"] = true,
        ["verbosity"] = true,
        ["working"] = true,
        ["exclusive"] = false,
        ["dryrun"] = false,
        ["tree"] = false,
        ["description"] = false,
        ["version"] = false,
        ["help"] = false,
        ["info"] = false,
    };

    private HostArguments(string target, ILookup<string, string> values)
    {
        Target = target;
        Values = values;
    }

    public string Target { get; }

    /// <summary>Every <c>--key=value</c>, Cake switches included, keys lower-cased.</summary>
    public ILookup<string, string> Values { get; }

    public bool Exclusive => IsSet("exclusive");

    public bool DryRun => IsSet("dryrun");

    public bool Tree => IsSet("tree");

    public bool Description => IsSet("description");

    public bool Version => IsSet("version");

    public bool Help => IsSet("help");

    public bool Info => IsSet("info");

    public string? WorkingDirectory => Last("working");

    public Verbosity Verbosity { get; private init; } = Verbosity.Normal;

    public static IReadOnlySet<string> HostSwitches { get; } = SwitchTakesValue.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static HostArguments Parse(IReadOnlyList<string> args)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg == "-" || arg == "--")
            {
                throw new HostUsageException($"Unexpected argument '{arg}'. Arguments are '--key=value' or '--flag'; see --help.");
            }

            var body = arg.TrimStart('-');
            string key;
            string value;
            var separator = body.IndexOfAny(['=', ':']);
            if (separator > 0)
            {
                key = body[..separator];
                value = body[(separator + 1)..];
            }
            else
            {
                key = body;
                var canonicalFlag = Aliases.GetValueOrDefault(key, key);
                var next = i + 1 < args.Count ? args[i + 1] : null;
                // A following switch, long or short (-e, -t), is never this one's value.
                if (SwitchTakesValue.GetValueOrDefault(canonicalFlag, true) is false || next is null || (next.StartsWith('-') && next.Length > 1))
                {
                    value = "true";
                }
                else
                {
                    value = next;
                    i++;
                }
            }

            key = Aliases.GetValueOrDefault(key, key).ToLowerInvariant();
            if (key.Length == 0)
            {
                throw new HostUsageException($"Argument '{arg}' has no name; write '--key=value'.");
            }

            pairs.Add(new(key, Unquote(value)));
        }

        var values = pairs.ToLookup(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var target = values["target"].LastOrDefault() ?? "Default";
        return new HostArguments(target, values)
        {
            Verbosity = ParseVerbosity(values["verbosity"].LastOrDefault()),
        };
    }

    private static Verbosity ParseVerbosity(string? value)
    {
        if (value is null)
        {
            return Verbosity.Normal;
        }

        return value.ToLowerInvariant() switch
        {
            "q" or "quiet" => Verbosity.Quiet,
            "m" or "minimal" => Verbosity.Minimal,
            "n" or "normal" => Verbosity.Normal,
            "v" or "verbose" => Verbosity.Verbose,
            "d" or "diagnostic" => Verbosity.Diagnostic,
            _ => throw new HostUsageException(
                $"Unknown verbosity '{value}'. Use one of: quiet, minimal, normal, verbose, diagnostic (e.g. --verbosity=verbose)."),
        };
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    /// <summary>A flag's value means "on" unless it is absent or <c>false</c>.</summary>
    public static bool IsOn(string? value) =>
        value is not null && !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

    private bool IsSet(string key) => IsOn(Last(key));

    private string? Last(string key) => Values[key].LastOrDefault();
}

/// <summary>The command line itself is wrong; nothing has run.</summary>
public sealed class HostUsageException(string message) : Exception(message);
