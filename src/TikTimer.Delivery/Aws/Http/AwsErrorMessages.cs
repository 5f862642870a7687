namespace TikTimer.Delivery.Aws.Http;

/// <summary>Turns an AWS error into a sentence that names the resource, the code and the operation.</summary>
internal static class AwsErrorMessages
{
    private static readonly HashSet<string> AccessDeniedCodes = new(StringComparer.Ordinal)
    {
        "AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "UnauthorizedException",
    };

    public static string Describe(AwsService service, string operation, AwsErrorResponse error, IReadOnlyList<AwsResource> resources)
    {
        var subject = Subject(error.Code, resources);
        var text = subject is not null
            ? $"{subject} ({error.Code}) in {operation}: {error.Message}"
            : $"{service.Name} {operation}{About(resources)} failed ({error.Code}): {error.Message}";

        if (AccessDeniedCodes.Contains(error.Code))
        {
            text += $" The credentials in use lack permission for {service.SigningName}:{operation}; grant it to the role or user.";
        }

        return text + RequestIdText(error.RequestId);
    }

    public static string RequestIdText(string? requestId) => requestId is null ? string.Empty : $" (request id {requestId})";

    private static string? Subject(string code, IReadOnlyList<AwsResource> resources)
    {
        (string Kind, string State)? match = code switch
        {
            "ClusterNotFoundException" => (AwsResource.Cluster, "not found"),
            "ServiceNotFoundException" => (AwsResource.Service, "not found"),
            "ServiceNotActiveException" => (AwsResource.Service, "not active"),
            "RepositoryNotFoundException" => (AwsResource.Repository, "not found"),
            "RepositoryAlreadyExistsException" => (AwsResource.Repository, "already exists"),
            "ImageNotFoundException" => (AwsResource.Image, "not found"),
            "ImageAlreadyExistsException" or "ImageTagAlreadyExistsException" => (AwsResource.Image, "already exists"),
            "ResourceNotFoundException" => (resources.FirstOrDefault()?.Kind ?? "resource", "not found"),
            _ => null,
        };
        if (match is not { } m)
        {
            return null;
        }

        var resource = resources.FirstOrDefault(r => r.Kind == m.Kind);
        if (code == "ResourceNotFoundException" && resources.Count > 1)
        {
            return $"{string.Join(" or ", resources)} {m.State}";
        }

        return resource is null ? $"{m.Kind} {m.State}" : $"{resource} {m.State}";
    }

    private static string About(IReadOnlyList<AwsResource> resources) =>
        resources.Count == 0 ? string.Empty : " for " + string.Join(", ", resources);
}
