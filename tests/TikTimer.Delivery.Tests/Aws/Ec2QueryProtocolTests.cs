using System.Net;
using System.Text;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ec2;

namespace TikTimer.Delivery.Tests.Aws;

/// <summary>EC2's Query protocol: form parameters out, XML back, XML errors, shaped as in the EC2 API reference.</summary>
public class Ec2QueryProtocolTests
{
    private const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    [Test]
    public async Task DescribeSubnets_posts_the_ids_as_a_numbered_filter_signed_for_ec2()
    {
        var handler = FakeAwsHandler.Answering(() => Xml($"""<DescribeSubnetsResponse xmlns="{Namespace}"><requestId>r-1</requestId><subnetSet/></DescribeSubnetsResponse>"""));
        using var aws = TestAws.Clients(handler);

        await aws.Ec2.DescribeSubnetsAsync(DescribeSubnetsRequest.WithIds(["subnet-0abc", "subnet-0def"]));

        var request = handler.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Uri, Is.EqualTo(new Uri("https://ec2.eu-west-1.amazonaws.com/")));
            Assert.That(request.Body, Is.EqualTo("Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=subnet-id&Filter.1.Value.1=subnet-0abc&Filter.1.Value.2=subnet-0def"));
            Assert.That(request.Headers["Content-Type"], Does.StartWith("application/x-www-form-urlencoded"));
            Assert.That(request.Target, Is.Null, "the Query protocol has no X-Amz-Target");
            Assert.That(request.Headers["Authorization"], Does.Contain("/eu-west-1/ec2/aws4_request"));
        });
    }

    [Test]
    public async Task DescribeSubnets_reads_each_subnet_of_the_set_and_the_next_token()
    {
        using var aws = Answer($"""
            <DescribeSubnetsResponse xmlns="{Namespace}">
              <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>
              <subnetSet>
                <item>
                  <subnetId>subnet-0abc</subnetId><state>available</state><vpcId>vpc-0111</vpcId>
                  <cidrBlock>10.0.1.0/24</cidrBlock><availabilityZone>eu-west-1a</availabilityZone>
                  <tagSet><item><key>Name</key><value>private-a</value></item></tagSet>
                </item>
                <item><subnetId>subnet-0def</subnetId><state>pending</state><vpcId>vpc-0111</vpcId><availabilityZone>eu-west-1b</availabilityZone></item>
              </subnetSet>
              <nextToken>page-2</nextToken>
            </DescribeSubnetsResponse>
            """);

        var response = await aws.Ec2.DescribeSubnetsAsync(DescribeSubnetsRequest.WithIds(["subnet-0abc", "subnet-0def"]));

        Assert.That(response, Is.EqualTo(new DescribeSubnetsResponse(
            [new Subnet("subnet-0abc", "vpc-0111", "available", "eu-west-1a"), new Subnet("subnet-0def", "vpc-0111", "pending", "eu-west-1b")],
            "page-2")).Using<DescribeSubnetsResponse>((a, b) => a.Subnets.SequenceEqual(b.Subnets) && a.NextToken == b.NextToken));
    }

    [Test]
    public async Task DescribeSecurityGroups_reads_the_groups_and_not_the_items_of_their_rules()
    {
        using var aws = Answer($"""
            <DescribeSecurityGroupsResponse xmlns="{Namespace}">
              <requestId>r-2</requestId>
              <securityGroupInfo>
                <item>
                  <ownerId>123456789012</ownerId><groupId>sg-0aaa</groupId><groupName>TikTimer-dev-app</groupName>
                  <groupDescription>tasks</groupDescription><vpcId>vpc-0111</vpcId>
                  <ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>8080</fromPort><toPort>8080</toPort>
                    <groups><item><userId>123456789012</userId><groupId>sg-0bbb</groupId></item></groups></item></ipPermissions>
                  <ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissionsEgress>
                </item>
              </securityGroupInfo>
            </DescribeSecurityGroupsResponse>
            """);

        var response = await aws.Ec2.DescribeSecurityGroupsAsync(DescribeSecurityGroupsRequest.WithIds(["sg-0aaa"]));

        Assert.That(response.SecurityGroups, Is.EqualTo(new[] { new SecurityGroup("sg-0aaa", "TikTimer-dev-app", "vpc-0111") }));
        Assert.That(response.NextToken, Is.Null);
    }

    [Test]
    public async Task An_empty_set_is_no_subnets_rather_than_an_error()
    {
        using var aws = Answer($"""<DescribeSubnetsResponse xmlns="{Namespace}"><requestId>r-3</requestId><subnetSet/></DescribeSubnetsResponse>""");

        var response = await aws.Ec2.DescribeSubnetsAsync(DescribeSubnetsRequest.WithIds(["subnet-0abc"]));

        Assert.That(response.Subnets, Is.Empty);
    }

    [Test]
    public void An_EC2_error_body_gives_its_code_message_and_request_id()
    {
        using var aws = Answer(
            """<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>InvalidParameterValue</Code><Message>The filter 'subnet-idd' is invalid</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>""",
            HttpStatusCode.BadRequest);

        var error = Assert.ThrowsAsync<AwsServiceException>(() => aws.Ec2.DescribeSubnetsAsync(DescribeSubnetsRequest.WithIds(["subnet-0abc"])))!;

        Assert.Multiple(() =>
        {
            Assert.That((error.Service, error.Operation, error.ErrorCode, error.AwsMessage, error.RequestId, error.HttpStatus),
                Is.EqualTo(("EC2", "DescribeSubnets", "InvalidParameterValue", "The filter 'subnet-idd' is invalid", "ea966190-f9aa-478e-9ede-example", (int?)400)));
            Assert.That(error.Message, Does.Contain("subnet 'subnet-0abc'"), "names what was asked for");
        });
    }

    [Test]
    public void A_denied_describe_names_the_permission_to_grant()
    {
        using var aws = Answer(
            """<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>r-4</RequestID></Response>""",
            HttpStatusCode.Forbidden);

        var error = Assert.ThrowsAsync<AwsServiceException>(() => aws.Ec2.DescribeSecurityGroupsAsync(DescribeSecurityGroupsRequest.WithIds(["sg-0aaa"])))!;

        Assert.That(error.Message, Does.Contain("lack permission for ec2:DescribeSecurityGroups"));
    }

    [Test]
    public async Task EC2_throttling_is_retried_like_any_service_s()
    {
        var handler = FakeAwsHandler.Answering(
            () => Xml("""<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r-5</RequestID></Response>""", HttpStatusCode.ServiceUnavailable),
            () => Xml($"""<DescribeSubnetsResponse xmlns="{Namespace}"><subnetSet><item><subnetId>subnet-0abc</subnetId><vpcId>vpc-1</vpcId></item></subnetSet></DescribeSubnetsResponse>"""));
        using var aws = TestAws.Clients(handler, options: new AwsClientOptions { Region = "eu-west-1", Credentials = TestAws.Credentials, BaseRetryDelay = TimeSpan.FromMilliseconds(1) });

        var response = await aws.Ec2.DescribeSubnetsAsync(DescribeSubnetsRequest.WithIds(["subnet-0abc"]));

        Assert.That(handler.Requests, Has.Count.EqualTo(2));
        Assert.That(response.Subnets.Single().SubnetId, Is.EqualTo("subnet-0abc"));
    }

    [Test]
    public async Task The_endpoint_follows_AWS_ENDPOINT_URL_EC2()
    {
        var handler = FakeAwsHandler.Answering(() => Xml($"""<DescribeSubnetsResponse xmlns="{Namespace}"><subnetSet/></DescribeSubnetsResponse>"""));
        using var aws = TestAws.Clients(handler, environment: new Dictionary<string, string> { ["AWS_ENDPOINT_URL_EC2"] = "http://127.0.0.1:4566" });

        await aws.Ec2.DescribeSubnetsAsync(DescribeSubnetsRequest.WithIds(["subnet-0abc"]));

        Assert.That(handler.Requests.Single().Uri, Is.EqualTo(new Uri("http://127.0.0.1:4566/")));
    }

    private static AwsClients Answer(string xml, HttpStatusCode status = HttpStatusCode.OK) =>
        TestAws.Clients(FakeAwsHandler.Answering(() => Xml(xml, status)));

    private static HttpResponseMessage Xml(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };
}
