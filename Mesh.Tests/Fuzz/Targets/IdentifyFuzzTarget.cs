using Mesh.Libp2p.Protocols.Identify;

namespace Mesh.Tests.Fuzz.Targets;

/// <summary>Decodes an identify message (the body of the length-prefixed frame).</summary>
internal static class IdentifyFuzzTarget
{
    /// <summary>Decodes with the default limits; never expects an exception.</summary>
    public static void Run(ReadOnlySpan<byte> input) => _ = IdentifyMessage.TryParse(input, out _);
}
