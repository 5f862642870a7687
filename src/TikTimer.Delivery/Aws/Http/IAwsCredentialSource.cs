namespace TikTimer.Delivery.Aws.Http;

/// <summary>Gives the credentials to sign the next request with (refreshed as they near expiry).</summary>
internal interface IAwsCredentialSource
{
    Task<AwsCredentials> GetAsync(CancellationToken cancellationToken);
}

internal sealed class StaticCredentialSource(AwsCredentials credentials) : IAwsCredentialSource
{
    public Task<AwsCredentials> GetAsync(CancellationToken cancellationToken) => Task.FromResult(credentials);
}
