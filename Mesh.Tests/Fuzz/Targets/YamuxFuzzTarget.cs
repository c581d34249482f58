using System.Buffers;
using Mesh.Libp2p.Yamux;

namespace Mesh.Tests.Fuzz.Targets;

/// <summary>Reads yamux frames back to back, as a session's read loop does.</summary>
internal static class YamuxFuzzTarget
{
    // The default initial window (256 KiB), the largest Data payload a session accepts on a fresh stream.
    private const uint MaxDataLength = 256 * 1024;

    /// <summary>Reads every whole valid frame; stops at the first that is not Ok. Never expects an exception.</summary>
    public static void Run(ReadOnlySpan<byte> input)
    {
        var buffer = new ReadOnlySequence<byte>(input.ToArray());
        while (true)
        {
            var before = buffer.Length;
            if (YamuxFrameReader.TryReadFrame(ref buffer, MaxDataLength, out var header, out var payload) != YamuxFrameStatus.Ok)
            {
                return;
            }

            if (buffer.Length != before - YamuxHeader.Size - payload.Length || payload.Length > MaxDataLength)
            {
                throw new FuzzInvariantException($"frame {header} consumed {before - buffer.Length} bytes with a {payload.Length}-byte payload");
            }
        }
    }
}
