using System.Net;
using System.Text;
using TikTimer.Delivery.Aws;
using TikTimer.Delivery.Aws.Ecr;
using TikTimer.Delivery.Aws.Ecs;

namespace TikTimer.Delivery.Tests.Aws;

public class ErrorMappingTests
{
    [Test]
    public void A_missing_cluster_names_the_cluster_the_code_and_the_operation()
    {
        using var aws = Answering(FakeAwsHandler.Error(HttpStatusCode.BadRequest, "com.amazonaws.ecs#ClusterNotFoundException", "Cluster not found."));

        var error = Assert.ThrowsAsync<AwsServiceException>(() => aws.Ecs.DescribeServicesAsync(new("TikTimer-dev-cluster", ["api"])));

        Assert.That(error!.Message, Is.EqualTo("ECS cluster 'TikTimer-dev-cluster' not found (ClusterNotFoundException) in DescribeServices: Cluster not found. (request id req-123)"));
        Assert.That((error.Operation, error.ErrorCode, error.AwsMessage, error.RequestId, error.HttpStatus),
            Is.EqualTo(("DescribeServices", "ClusterNotFoundException", "Cluster not found.", "req-123", (int?)400)));
    }

    [Test]
    public void A_missing_service_names_the_service()
    {
        using var aws = Answering(FakeAwsHandler.Error(HttpStatusCode.BadRequest, "ServiceNotFoundException", "Service not found."));

        var error = Assert.ThrowsAsync<AwsServiceException>(() => aws.Ecs.UpdateServiceAsync(new("c", "tiktimer-api")));

        Assert.That(error!.Message, Does.StartWith("ECS service 'tiktimer-api' not found (ServiceNotFoundException) in UpdateService"));
    }

    [Test]
    public void The_error_type_header_is_used_when_the_body_has_no_type()
    {
        var response = FakeAwsHandler.Json("""{"message":"no such repo"}""", HttpStatusCode.BadRequest);
        response.Headers.TryAddWithoutValidation("X-Amzn-ErrorType", "RepositoryNotFoundException:http://internal.amazon.com/coral/com.amazonaws.ecr/");
        using var aws = Answering(response);

        var error = Assert.ThrowsAsync<AwsServiceException>(() => aws.Ecr.DescribeImagesAsync(new("tiktimer/api")));

        Assert.That(error!.ErrorCode, Is.EqualTo("RepositoryNotFoundException"));
        Assert.That(error.Message, Does.StartWith("ECR repository 'tiktimer/api' not found"));
    }

    [Test]
    public void Moto_s_XML_signature_error_becomes_a_credentials_error()
    {
        var xml = """<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error></Errors><RequestID>r-1</RequestID></Response>""";
        using var aws = Answering(new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent(xml, Encoding.UTF8, "text/xml") });

        var error = Assert.ThrowsAsync<AwsCredentialsException>(() => aws.Ecs.ListTasksAsync(new("c")));

        Assert.That(error!.ErrorCode, Is.EqualTo("SignatureDoesNotMatch"));
        Assert.That(error.InnerException, Is.InstanceOf<AwsServiceException>().With.Property(nameof(AwsServiceException.RequestId)).EqualTo("r-1"));
    }

    [Test]
    public void Expired_session_credentials_explain_how_to_renew_them()
    {
        using var aws = Answering(FakeAwsHandler.Error(HttpStatusCode.BadRequest, "ExpiredTokenException", "The security token included in the request is expired"));

        var error = Assert.ThrowsAsync<AwsCredentialsException>(() => aws.Ecs.ListTasksAsync(new("c")));

        Assert.That(error!.Message, Does.Contain("the session credentials have expired")
            .And.Contain("aws sso login").And.Contain("AWS_PROFILE").And.Contain("AWS_ACCESS_KEY_ID").And.Contain("OIDC"));
    }

    [Test]
    public void Access_denied_says_which_permission_is_missing()
    {
        using var aws = Answering(FakeAwsHandler.Error(HttpStatusCode.BadRequest, "AccessDeniedException", "User is not authorized"));

        var error = Assert.ThrowsAsync<AwsServiceException>(() => aws.Ecs.RunTaskAsync(new() { Cluster = "c", TaskDefinition = "td" }));

        Assert.That(error!.Message, Does.Contain("lack permission for ecs:RunTask"));
    }

    [Test]
    public void A_proxy_s_HTML_page_still_gives_a_readable_error()
    {
        using var aws = Answering(new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("<html><body>Bad gateway</body></html>") });

        var error = Assert.ThrowsAsync<AwsServiceException>(() => aws.Ecr.CreateRepositoryAsync(new("r")));

        Assert.That(error!.ErrorCode, Is.EqualTo("HTTP400"));
        Assert.That(error.Message, Does.StartWith("ECR CreateRepository for ECR repository 'r' failed (HTTP400)"));
    }

    [Test]
    public void A_success_answer_that_is_not_JSON_is_reported_with_the_endpoint()
    {
        using var aws = Answering(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<ListAllMyBucketsResult/>") });

        var error = Assert.ThrowsAsync<DeliveryException>(() => aws.Ecs.ListTasksAsync(new("c")));

        Assert.That(error!.Message, Does.StartWith("ECS ListTasks: the response from https://ecs.eu-west-1.amazonaws.com/ is not awsJson"));
    }

    private static AwsClients Answering(HttpResponseMessage response) => TestAws.Clients(FakeAwsHandler.Answering(() => response));
}
