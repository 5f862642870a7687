using TikTimer.Api.Configuration;
using TikTimer.Api.Migrations;
using TikTimer.Api.Web;

if (args.Length > 0 && args[0] == MigrateCommand.Name)
{
    return await MigrateCommand.RunAsync(args[1..], Environment.GetEnvironmentVariable, Console.Out, Console.Error);
}

ServiceSettings settings;
try
{
    settings = ServiceSettings.FromEnvironment(Environment.GetEnvironmentVariable);
}
catch (ConfigurationException error)
{
    await Console.Error.WriteLineAsync($"tiktimer: cannot start: {error.Message}");
    return 1;
}

await using var app = ApiApplication.Build(settings, args);
await Console.Out.WriteLineAsync($"tiktimer {settings.Version} starting; {settings.Database.Description}");
await app.RunAsync();
return 0;
