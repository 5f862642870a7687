using System.Text.RegularExpressions;
using TikTimer.Delivery.Configuration;

namespace TikTimer.Delivery.Tests.Configuration;

/// <summary>The catalog is the one place a setting is described; what is produced from it must agree.</summary>
public class SettingCatalogTests
{
    private const string TableStart = "<!-- settings-table:start (generated from SettingCatalog; SettingCatalogTests checks it) -->";
    private const string TableEnd = "<!-- settings-table:end -->";

    private static IEnumerable<SettingDefinition> All => SettingCatalog.All;

    [TestCaseSource(nameof(All))]
    public void Every_default_parses_with_the_settings_own_parser(SettingDefinition setting)
    {
        if (setting.Default is { } value)
        {
            Assert.That(setting.Check(value), Is.Null, $"default '{value}' of {setting.Key}");
        }
    }

    [TestCaseSource(nameof(All))]
    public void Every_entry_is_complete(SettingDefinition setting)
    {
        Assert.That(setting.Key, Does.Match("^[a-z][a-z0-9-]+$"));
        Assert.That(setting.Description, Is.Not.Empty);
        Assert.That(setting.Form, Is.Not.Empty);
        Assert.That(setting.Required is null || (setting.Required.Tasks & ~setting.ReadBy) == DeliveryTask.None, Is.True, "a task that needs a value also reads it");
    }

    [Test]
    public void Every_entry_is_resolved_and_readable_by_its_entry_whether_or_not_a_property_binds_it()
    {
        using var fixture = new SettingsFixture();
        fixture.Arguments["migration-timeout"] = "90s";
        fixture.Arguments["allow-unknown-region"] = "true";

        var settings = fixture.Resolve().Settings;

        Assert.That(settings.Get(SettingCatalog.MigrationTimeout), Is.EqualTo(TimeSpan.FromSeconds(90)));
        Assert.That(settings.Get(SettingCatalog.AllowUnknownRegion), Is.True);
        Assert.That(settings.Get(SettingCatalog.LocalPorts), Is.EqualTo(new[] { 18080, 18081 }), "defaults too");
        Assert.That(settings.Get(SettingCatalog.TerraformDir), Is.Null);
    }

    [Test]
    public void Keys_environment_names_and_terraform_outputs_are_each_claimed_once()
    {
        Assert.That(All.Select(d => d.Key), Is.Unique);
        Assert.That(All.SelectMany(d => d.EnvironmentVariables), Is.Unique);
        Assert.That(All.SelectMany(d => d.TerraformOutputs), Is.Unique);
    }

    [Test]
    public void Secrets_are_the_passwords_and_the_database_url()
    {
        Assert.That(All.Where(d => d.IsSecret).Select(d => d.Key), Is.EquivalentTo(new[] { "registry-password", "database-url" }));
    }

    [Test]
    public void The_help_text_lists_every_setting_once()
    {
        var help = string.Join("\n", SettingsHelp.Lines());

        foreach (var setting in All)
        {
            Assert.That(Regex.Matches(help, $@"^    --{Regex.Escape(setting.Key)} ", RegexOptions.Multiline), Has.Count.EqualTo(1), setting.Key);
        }
    }

    [Test]
    public void The_readme_settings_table_is_the_one_the_catalog_produces()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf(TableStart, StringComparison.Ordinal);
        var end = readme.IndexOf(TableEnd, StringComparison.Ordinal);
        Assert.That(start >= 0 && end > start, Is.True, $"README.md must hold the settings table between\n{TableStart}\nand\n{TableEnd}");

        var table = readme[(start + TableStart.Length)..end].Trim('\n') + "\n";

        Assert.That(table, Is.EqualTo(SettingsHelp.MarkdownTable()), "Replace the README's table with:\n" + SettingsHelp.MarkdownTable());
    }

    [Test]
    public void A_value_a_bad_key_or_a_missing_value_never_shows_a_stack_trace_or_exception_type()
    {
        using var fixture = new SettingsFixture();
        fixture.Arguments["local-ports"] = "x";
        fixture.Arguments["image"] = "nope";
        fixture.Arguments["no-such-setting"] = "1";
        fixture.Arguments["migration-command"] = "[\"unclosed";

        var message = fixture.ResolveFails().Message;

        Assert.That(message, Does.Not.Contain("   at ").And.Not.Contain("Exception").And.Not.Contain("System."));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TikTimer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("TikTimer.sln not found above the test directory.");
    }
}
