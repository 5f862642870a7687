using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace TikTimer.Delivery.Aws.Http;

/// <summary>
/// Credentials from AWSSDK.Core: a named profile, or the default chain (environment
/// variables, AWS_PROFILE or the default profile including SSO and assume-role, web
/// identity for CI OIDC, ECS container and EC2 instance roles). The SDK object is kept
/// so that temporary credentials are refreshed by the SDK before they expire.
/// </summary>
internal sealed class SdkCredentialSource(string? profile) : IAwsCredentialSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AWSCredentials? _provider;

    public async Task<AwsCredentials> GetAsync(CancellationToken cancellationToken)
    {
        var provider = _provider ?? await ResolveProviderAsync(cancellationToken).ConfigureAwait(false);
        ImmutableCredentials credentials;
        try
        {
            credentials = await provider.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throw new AwsCredentialsException(
                $"AWS credentials ({Describe()}) could not be loaded or refreshed: {error.Message} {AwsCredentialsException.HowToFix}",
                errorCode: null,
                error);
        }

        return new AwsCredentials(credentials.AccessKey, credentials.SecretKey, credentials.UseToken ? credentials.Token : null);
    }

    private async Task<AWSCredentials> ResolveProviderAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_provider is not null)
            {
                return _provider;
            }

            if (profile is not null)
            {
                if (!new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var fromProfile))
                {
                    throw new AwsCredentialsException(
                        $"AWS credentials: profile '{profile}' was not found in ~/.aws/config or ~/.aws/credentials, or holds no credentials. "
                        + AwsCredentialsException.HowToFix,
                        errorCode: null,
                        innerException: null);
                }

                return _provider = fromProfile;
            }

            try
            {
                return _provider = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonClientException error)
            {
                throw new AwsCredentialsException(
                    "AWS credentials: none were found by the default chain (environment variables, AWS_PROFILE or the default "
                    + "profile incl. SSO, web identity, container and instance roles). " + AwsCredentialsException.HowToFix,
                    errorCode: null,
                    error);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private string Describe() => profile is null ? "default chain" : $"profile '{profile}'";
}
