namespace TikTimer.Delivery.Smoke;

/// <summary>
/// Where the service reports its version, and the version it must report: the one just
/// deployed. Behind a load balancer the old tasks keep answering for a while after a
/// rollout, and a smoke test they pass proves nothing about the new version.
/// </summary>
/// <param name="Path">The endpoint, starting with '/', e.g. <c>/</c>.</param>
/// <param name="Field">The JSON field holding the version; dots walk into objects (<c>build.version</c>).</param>
/// <param name="Expected">The version deployed, e.g. the image tag baked in as APP_VERSION.</param>
public sealed record VersionCheck(string Path, string Field, string Expected);
