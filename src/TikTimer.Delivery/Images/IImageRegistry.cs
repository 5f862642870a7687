namespace TikTimer.Delivery.Images;

/// <summary>
/// One repository in an image registry: what PushToEcr needs of ECR, or of the
/// local environment's registry.
/// </summary>
public interface IImageRegistry
{
    /// <summary>
    /// The repository without tag, e.g. <c>127.0.0.1:5000/tiktimer</c> or <c>123456789012.dkr.ecr.eu-west-1.amazonaws.com/tiktimer</c>;
    /// final only after <see cref="EnsureRepositoryAsync"/> (ECR reports it).
    /// </summary>
    string Repository { get; }

    /// <summary>
    /// Makes sure the repository can be pushed to (ECR: create it when
    /// configured to, else fail naming it and the account; a plain registry:
    /// check it answers and accepts the credentials).
    /// </summary>
    Task EnsureRepositoryAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Read-only: whether the repository exists, learning its final <see cref="Repository"/> address
    /// (ECR reports it); never creates it. A plain registry creates repositories on first push: true.
    /// </summary>
    Task<bool> LookUpRepositoryAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    Task<RegistryLogin> GetLoginAsync(CancellationToken cancellationToken = default);

    /// <summary>The image a tag points to, or null when the tag does not exist.</summary>
    Task<RemoteImage?> FindImageAsync(string tag, CancellationToken cancellationToken = default);

    /// <summary>
    /// Points <paramref name="tag"/> at the manifest already stored under
    /// <paramref name="digest"/>, without pushing layers (ECR: PutImage;
    /// registry API: manifest GET by digest, PUT by tag).
    /// </summary>
    Task RetagAsync(string digest, string tag, CancellationToken cancellationToken = default);

    /// <summary>
    /// The labels in <paramref name="image"/>'s config (its OCI revision, the build recipe), so a
    /// run can tell whether the tag holds this commit's build. Null when the registry cannot say,
    /// which never lets an image be reused.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>?> ReadLabelsAsync(RemoteImage image, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>?>(null);
}
