using Cake.Frosting;
using TikTimer.Build;
using TikTimer.Delivery.Configuration;

return new CakeHost()
    .UseContext<BuildContext>()
    .UseLifetime<BuildLifetime>()
    .UseTaskLifetime<BuildTaskLifetime>()
    .UseHelpSection(SettingsHelp.Lines)
    .Run(args);
