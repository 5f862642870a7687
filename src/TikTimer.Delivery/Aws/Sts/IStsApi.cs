namespace TikTimer.Delivery.Aws.Sts;

/// <summary>Who the credentials belong to: the cheapest proof that they work.</summary>
public interface IStsApi
{
    Task<GetCallerIdentityResponse> GetCallerIdentityAsync(CancellationToken cancellationToken = default);
}

public sealed record GetCallerIdentityResponse(string Account, string Arn, string UserId);
