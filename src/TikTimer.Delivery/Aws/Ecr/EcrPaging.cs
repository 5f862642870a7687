using System.Runtime.CompilerServices;

namespace TikTimer.Delivery.Aws.Ecr;

/// <summary>Follows nextToken so callers see one sequence; works on any <see cref="IEcrApi"/>.</summary>
public static class EcrPaging
{
    public static async IAsyncEnumerable<Repository> DescribeAllRepositoriesAsync(
        this IEcrApi ecr,
        DescribeRepositoriesRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = request;
        while (true)
        {
            var response = await ecr.DescribeRepositoriesAsync(page, cancellationToken).ConfigureAwait(false);
            foreach (var repository in response.Repositories)
            {
                yield return repository;
            }

            if (string.IsNullOrEmpty(response.NextToken) || response.NextToken == page.NextToken)
            {
                yield break;
            }

            page = page with { NextToken = response.NextToken };
        }
    }

    public static async IAsyncEnumerable<ImageDetail> DescribeAllImagesAsync(
        this IEcrApi ecr,
        DescribeImagesRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = request;
        while (true)
        {
            var response = await ecr.DescribeImagesAsync(page, cancellationToken).ConfigureAwait(false);
            foreach (var image in response.ImageDetails)
            {
                yield return image;
            }

            if (string.IsNullOrEmpty(response.NextToken) || response.NextToken == page.NextToken)
            {
                yield break;
            }

            page = page with { NextToken = response.NextToken };
        }
    }
}
