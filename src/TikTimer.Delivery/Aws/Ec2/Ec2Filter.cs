namespace TikTimer.Delivery.Aws.Ec2;

/// <summary>
/// One EC2 filter, e.g. <c>subnet-id</c> with the ids wanted. A filter answers with what
/// matches and never fails on an id that does not exist, so every missing id can be named
/// at once (the SubnetId.N / GroupId.N parameters fail on the first unknown one).
/// </summary>
public sealed record Ec2Filter(string Name, IReadOnlyList<string> Values);
