using System.Buffers;
using Mesh.Libp2p.Encoding;
using Mesh.Libp2p.Multistream;

namespace Mesh.Tests.Fuzz.Targets;

/// <summary>Reads multistream-select messages back to back, as a negotiation reads a peer's bytes.</summary>
internal static class MultistreamFuzzTarget
{
    /// <summary>Reads every whole message; stops at the first that is not Ok. Never expects an exception.</summary>
    public static void Run(ReadOnlySpan<byte> input)
    {
        var buffer = new ReadOnlySequence<byte>(input.ToArray());
        while (MultistreamMessage.TryRead(ref buffer, out var message) == LengthPrefixedResult.Ok)
        {
            if (message.Length >= MultistreamMessage.MaxLength)
            {
                throw new FuzzInvariantException($"a message of {message.Length} characters passed the {MultistreamMessage.MaxLength}-byte limit");
            }
        }
    }
}
