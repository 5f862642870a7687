namespace TikTimer.Delivery.Tests.Configuration;

/// <summary>deploy/&lt;environment&gt;.json: what JSON allows but a setting cannot mean is refused with file and line.</summary>
public class EnvironmentFileTypeTests
{
    private SettingsFixture _fixture = null!;

    [SetUp]
    public void SetUp()
    {
        _fixture = new SettingsFixture();
        _fixture.Arguments["environment"] = "dev";
    }

    [TearDown]
    public void TearDown() => _fixture.Dispose();

    [Test]
    public void A_key_given_twice_is_refused_naming_both_lines_instead_of_the_first_silently_winning()
    {
        _fixture.WriteFile("deploy/dev.json", "{\n  \"platform\": \"local\",\n  \"migration-timeout\": \"5m\",\n  \"migration-timeout\": \"20m\"\n}\n");

        var error = _fixture.ResolveFails();

        Assert.That(error.Problems.Single().Key, Is.EqualTo("migration-timeout"));
        Assert.That(error.Message, Does.Contain("deploy/dev.json line 4 sets \"migration-timeout\" again (first set on line 3)"));
    }

    [Test]
    public void A_key_repeated_in_another_case_is_the_same_key_and_refused()
    {
        _fixture.WriteFile("deploy/dev.json", "{ \"platform\": \"local\",\n \"Rollback\": true,\n \"rollback\": false }");

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("line 3 sets \"rollback\" again (first set on line 2)"));
    }

    [TestCase("\"services\": 5", "is a number (5), but services takes: comma-separated list")]
    [TestCase("\"services\": true", "is a boolean (true), but services takes: comma-separated list")]
    [TestCase("\"services\": [[\"a\", \"b\"]]", "is a list holding a list, but each item must be a string")]
    [TestCase("\"services\": {\"name\": \"api\"}", "is an object, but services takes:")]
    [TestCase("\"repository\": [\"tiktimer\"]", "is a list, but repository takes: repository name")]
    [TestCase("\"rollback\": \"false\"", "is a string (\"false\"), but rollback takes: true or false; write true or false, without quotes")]
    [TestCase("\"migration-timeout\": true", "is a boolean (true), but migration-timeout takes: duration")]
    [TestCase("\"local-ports\": [18080, true]", "is a list holding a boolean (true), but each item must be a string or a number")]
    public void A_value_of_a_json_type_the_setting_does_not_take_is_refused_with_the_line(string entry, string expected)
    {
        _fixture.WriteFile("deploy/dev.json", "{\n  \"platform\": \"local\",\n  " + entry + "\n}\n");

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("deploy/dev.json line 3: ").And.Contain(expected));
        Assert.That(error.Problems, Has.Count.EqualTo(1));
    }

    [Test]
    public void Numbers_arrays_and_booleans_are_read_where_the_setting_takes_them()
    {
        _fixture.WriteFile("deploy/dev.json", """
            { "platform": "local", "local-ports": [19080, 19081], "aws-max-attempts": 5, "rollback": false,
              "migration-command": ["alembic", "upgrade", "head"], "extra-tags": ["latest", "stable"], "image": null }
            """);

        var settings = _fixture.Resolve().Settings;

        Assert.That(settings.LocalPorts, Is.EqualTo(new[] { 19080, 19081 }));
        Assert.That(settings.AwsMaxAttempts, Is.EqualTo(5));
        Assert.That(settings.Rollback, Is.False);
        Assert.That(settings.MigrationCommand, Is.EqualTo(new[] { "alembic", "upgrade", "head" }));
        Assert.That(settings.ExtraTags, Is.EqualTo(new[] { "latest", "stable" }));
        Assert.That(settings.Image, Is.Null, "null means not set");
    }

    [Test]
    public void A_secret_of_the_wrong_type_is_refused_without_quoting_it()
    {
        _fixture.WriteFile("deploy/dev.json", "{\n  \"platform\": \"local\",\n  \"registry-password\": 12345678\n}");

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("line 3: \"registry-password\" is a number, but").And.Not.Contain("12345678"));
    }

    [Test]
    public void A_bad_value_from_the_file_names_the_file_and_its_line_as_the_source()
    {
        _fixture.WriteFile("deploy/dev.json", "{\n  \"platform\": \"local\",\n\n  \"deploy-timeout\": \"soon\"\n}");

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("'soon' (from deploy/dev.json line 4) is not a positive duration"));
    }

    [Test]
    public void An_unknown_key_names_its_line_and_the_nearest_known_key()
    {
        _fixture.WriteFile("deploy/dev.json", "{\n  \"platform\": \"local\",\n  \"servics\": \"api\"\n}");

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("deploy/dev.json line 3 has an unknown key \"servics\". Did you mean \"services\"?"));
    }

    [Test]
    public void A_terraform_output_of_the_wrong_type_is_refused_naming_the_output()
    {
        _fixture.WriteFile("deploy/dev.json", """{ "platform": "local" }""");
        _fixture.WriteFile("tf.json", """{ "ecs_cluster_name": { "value": ["a", "b"] } }""");
        _fixture.Arguments["terraform-outputs"] = "tf.json";

        var error = _fixture.ResolveFails();

        Assert.That(error.Message, Does.Contain("output ecs_cluster_name is a list, but cluster takes: text"));
    }
}
