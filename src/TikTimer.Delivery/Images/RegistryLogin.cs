namespace TikTimer.Delivery.Images;

/// <summary>Credentials for <c>docker login</c>. Short-lived where the registry allows (ECR: 12 hours).</summary>
/// <param name="ServerAddress">What <c>docker login</c> takes, e.g. <c>127.0.0.1:5000</c> or <c>123456789012.dkr.ecr.eu-west-1.amazonaws.com</c>.</param>
/// <param name="Password">A secret: register it with the log and pass it only on standard input.</param>
public sealed record RegistryLogin(string ServerAddress, string Username, string Password)
{
    // A record prints every property; this one must never print the password.
    public override string ToString() => $"RegistryLogin {{ ServerAddress = {ServerAddress}, Username = {Username}, Password = *** }}";
}
