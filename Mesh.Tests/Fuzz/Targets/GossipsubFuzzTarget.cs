using Mesh.Libp2p.PubSub;

namespace Mesh.Tests.Fuzz.Targets;

/// <summary>Decodes a gossipsub RPC (the body of the length-prefixed frame) with the default limits.</summary>
internal static class GossipsubFuzzTarget
{
    private static readonly GossipRpcLimits Limits = new();

    /// <summary>Decodes the RPC; never expects an exception.</summary>
    public static void Run(ReadOnlySpan<byte> input) => _ = GossipRpcDecoder.TryDecode(input, Limits, out _);
}
