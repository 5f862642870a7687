using System.Text;
using System.Text.Json.Serialization;
using TikTimer.Delivery.Aws.Http;

namespace TikTimer.Delivery.Aws.Ecr;

public sealed record GetAuthorizationTokenRequest;

public sealed record GetAuthorizationTokenResponse
{
    public IReadOnlyList<AuthorizationData> AuthorizationData { get; init; } = [];
}

/// <summary>A registry login: the token is base64 of "USER:PASSWORD" and is a secret.</summary>
public sealed record AuthorizationData
{
    public string? AuthorizationToken { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>https://ACCOUNT.dkr.ecr.REGION.amazonaws.com: what docker login takes.</summary>
    public string? ProxyEndpoint { get; init; }

    /// <summary>The user name (always AWS for ECR) and password inside the token.</summary>
    public (string UserName, string Password) DecodeCredentials()
    {
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(AuthorizationToken ?? string.Empty));
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new DeliveryException($"ECR GetAuthorizationToken: the token for {ProxyEndpoint} is not base64 of USER:PASSWORD.");
        }

        return (decoded[..colon], decoded[(colon + 1)..]);
    }

    // The token is a password: never let it reach a log through ToString().
    public override string ToString() => $"AuthorizationData {{ ProxyEndpoint = {ProxyEndpoint}, ExpiresAt = {ExpiresAt:O}, AuthorizationToken = *** }}";
}
