using Cake.Core;

namespace Cake.Frosting;

/// <summary>Marker for the build context the host creates once per run.</summary>
public interface IFrostingContext : ICakeContext
{
}

/// <summary>Base class for the build context: every Cake alias works on it.</summary>
public class FrostingContext(ICakeContext context) : CakeContextAdapter(context), IFrostingContext
{
}
