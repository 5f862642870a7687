using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TikTimer.Delivery.Aws.Http;

/// <summary>awsJson 1.1: POST / with X-Amz-Target = Prefix.Operation and a JSON body each way.</summary>
internal sealed class AwsJsonProtocol(AwsRequestSender sender)
{
    public const string ContentType = "application/x-amz-json-1.1";

    public AwsRequestSender Sender => sender;

    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(
        string operation,
        bool idempotent,
        TRequest request,
        IReadOnlyList<AwsResource> resources,
        CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, AwsJson.Options);
        var response = await InvokeRawAsync(operation, idempotent, body, resources, cancellationToken).ConfigureAwait(false);
        try
        {
            return response.Deserialize<TResponse>(AwsJson.Options)
                ?? throw new JsonException("The response body was null.");
        }
        catch (JsonException error)
        {
            throw new DeliveryException(
                $"{sender.Service.Name} {operation}: the response from {sender.Endpoint} could not be read ({error.Message}). "
                + "Check that the endpoint is the AWS service and not a proxy.",
                error);
        }
    }

    /// <summary>Sends a body and returns the answer with nulls removed (an empty answer is <c>{}</c>).</summary>
    public async Task<JsonObject> InvokeRawAsync(
        string operation,
        bool idempotent,
        byte[] body,
        IReadOnlyList<AwsResource> resources,
        CancellationToken cancellationToken)
    {
        var call = new AwsCall(operation, idempotent, body, ContentType, $"{sender.Service.TargetPrefix}.{operation}", resources);
        var bytes = await sender.SendAsync(call, cancellationToken).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(bytes);
        try
        {
            return string.IsNullOrWhiteSpace(text)
                ? []
                : AwsJson.WithoutNulls(JsonNode.Parse(text)) as JsonObject
                  ?? throw new JsonException("The response body is not a JSON object.");
        }
        catch (JsonException error)
        {
            throw new DeliveryException(
                $"{sender.Service.Name} {operation}: the response from {sender.Endpoint} is not awsJson ({error.Message}). "
                + "Check that the endpoint is the AWS service (a request without a signature is answered by moto's S3, for example).",
                error);
        }
    }
}
