using System.Runtime.CompilerServices;

namespace TikTimer.Delivery.Aws.Ecs;

/// <summary>Follows nextToken so callers see one sequence; works on any <see cref="IEcsApi"/>, fakes included.</summary>
public static class EcsPaging
{
    public static async IAsyncEnumerable<string> ListAllTaskArnsAsync(
        this IEcsApi ecs,
        ListTasksRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = request;
        while (true)
        {
            var response = await ecs.ListTasksAsync(page, cancellationToken).ConfigureAwait(false);
            foreach (var arn in response.TaskArns)
            {
                yield return arn;
            }

            if (string.IsNullOrEmpty(response.NextToken) || response.NextToken == page.NextToken)
            {
                yield break;
            }

            page = page with { NextToken = response.NextToken };
        }
    }
}
