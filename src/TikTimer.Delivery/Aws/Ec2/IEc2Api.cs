namespace TikTimer.Delivery.Aws.Ec2;

/// <summary>The EC2 reads Validate uses to check the migration's network. Errors surface as <see cref="AwsServiceException"/>.</summary>
public interface IEc2Api
{
    Task<DescribeSubnetsResponse> DescribeSubnetsAsync(DescribeSubnetsRequest request, CancellationToken cancellationToken = default);

    Task<DescribeSecurityGroupsResponse> DescribeSecurityGroupsAsync(DescribeSecurityGroupsRequest request, CancellationToken cancellationToken = default);
}
