using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace TikTimer.Delivery.Aws.Http;

/// <summary>
/// The facts of an AWS error answer, from an awsJson body (<c>__type</c>, <c>message</c>),
/// the X-Amzn-ErrorType header, or an XML body (the Query protocol, and moto's 403s).
/// </summary>
internal sealed record AwsErrorResponse(int HttpStatus, string Code, string Message, string? RequestId)
{
    /// <summary>
    /// An HTML page that names no AWS error: not an answer of the AWS service but of something in
    /// front of it or in its place (moto answers an operation it does not implement with HTTP 500 and one).
    /// </summary>
    public bool IsHtmlPage { get; init; }

    public static AwsErrorResponse Parse(int httpStatus, HttpResponseHeaders headers, byte[] body)
    {
        string? code = null;
        string? message = null;
        string? requestId = Header(headers, "x-amzn-RequestId") ?? Header(headers, "x-amz-request-id");
        var text = Encoding.UTF8.GetString(body).Trim();

        if (text.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }

                    if (property.NameEquals("__type") || property.Name.Equals("code", StringComparison.OrdinalIgnoreCase))
                    {
                        code ??= property.Value.GetString();
                    }
                    else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase))
                    {
                        message ??= property.Value.GetString();
                    }
                }
            }
            catch (JsonException)
            {
                // A proxy's or load balancer's page: fall through to the status code.
            }
        }
        else if (text.StartsWith('<'))
        {
            try
            {
                var root = XDocument.Parse(text).Root!;
                code = FirstDescendant(root, "Code");
                message = FirstDescendant(root, "Message");
                requestId ??= FirstDescendant(root, "RequestId") ?? FirstDescendant(root, "RequestID");
            }
            catch (System.Xml.XmlException)
            {
                // Not XML after all; the status code will have to do.
            }
        }

        code ??= Header(headers, "X-Amzn-ErrorType");
        var htmlPage = code is null && text.Contains("<html", StringComparison.OrdinalIgnoreCase);
        code = NormaliseCode(code) ?? $"HTTP{httpStatus}";
        message = string.IsNullOrWhiteSpace(message) ? Shorten(text) : message.Trim();
        return new AwsErrorResponse(httpStatus, code, message, requestId) { IsHtmlPage = htmlPage };
    }

    /// <summary>
    /// "com.amazonaws.ecs#ClusterNotFoundException" and "ClusterNotFoundException:http://..."
    /// both mean ClusterNotFoundException.
    /// </summary>
    public static string? NormaliseCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var result = code.Trim();
        var hash = result.LastIndexOf('#');
        if (hash >= 0)
        {
            result = result[(hash + 1)..];
        }

        var colon = result.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            result = result[..colon];
        }

        return result.Length == 0 ? null : result;
    }

    private static string? FirstDescendant(XElement root, string localName) =>
        root.DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim();

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Shorten(string text) =>
        text.Length == 0 ? "(empty response body)" : text.Length <= 300 ? text : text[..300] + "...";
}
