using System.Text.Json.Serialization;
using TikTimer.Delivery.Aws.Http;

namespace TikTimer.Delivery.Aws.Ecr;

public sealed record Repository
{
    public string? RepositoryArn { get; init; }

    public string? RegistryId { get; init; }

    public string? RepositoryName { get; init; }

    /// <summary>ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME: what docker push takes.</summary>
    public string? RepositoryUri { get; init; }

    /// <summary>MUTABLE or IMMUTABLE.</summary>
    public string? ImageTagMutability { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? CreatedAt { get; init; }
}
