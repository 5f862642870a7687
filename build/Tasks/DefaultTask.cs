using Cake.Frosting;

namespace TikTimer.Build.Tasks;

[TaskName("Default")]
[TaskDescription("The whole chain: Validate -> BuildImage -> PushToEcr -> MigrateViaEcs -> Deploy -> SmokeTest")]
[IsDependentOn(typeof(SmokeTestTask))]
public sealed class DefaultTask : FrostingTask<BuildContext>;
