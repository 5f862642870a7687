namespace TikTimer.Delivery.Aws;

/// <summary>
/// AWS answered a call with an error. The message names the operation, the resource and
/// the AWS error code; the properties keep the raw facts for callers that branch on them
/// (e.g. <c>ErrorCode == "RepositoryAlreadyExistsException"</c>).
/// </summary>
public class AwsServiceException : DeliveryException
{
    public AwsServiceException(
        string message,
        string service,
        string operation,
        string errorCode,
        string awsMessage,
        string? requestId,
        int? httpStatus,
        bool outcomeUnknown = false,
        Exception? innerException = null)
        : base(message, innerException!)
    {
        Service = service;
        Operation = operation;
        ErrorCode = errorCode;
        AwsMessage = awsMessage;
        RequestId = requestId;
        HttpStatus = httpStatus;
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>ECS, ECR, CloudWatch Logs or STS.</summary>
    public string Service { get; }

    public string Operation { get; }

    /// <summary>The AWS error code (<c>__type</c> without its namespace prefix).</summary>
    public string ErrorCode { get; }

    public string AwsMessage { get; }

    /// <summary>x-amzn-RequestId, for AWS support and CloudTrail.</summary>
    public string? RequestId { get; }

    public int? HttpStatus { get; }

    /// <summary>
    /// True when a non-idempotent call failed in a way that does not tell whether AWS
    /// carried it out (a 5xx after the request was sent); it was deliberately not retried.
    /// </summary>
    public bool OutcomeUnknown { get; }
}
