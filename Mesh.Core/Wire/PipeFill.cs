using System.Buffers;
using System.IO.Pipelines;

namespace Mesh.Core.Wire;

/// <summary>Reads a frame body of known length out of a pipe as it arrives.</summary>
internal static class PipeFill
{
    /// <summary>
    /// Copies exactly <paramref name="destination"/>'s length out of <paramref name="reader"/>, consuming each piece as
    /// it comes: a frame may be larger than the transport's flow-control window (yamux starts at 256 KiB), and the
    /// window opens only for bytes the reader consumes, so waiting for the whole frame inside the pipe could wait forever.
    /// </summary>
    /// <returns>False when the stream ended first.</returns>
    /// <exception cref="OperationCanceledException">The read was canceled.</exception>
    public static async ValueTask<bool> TryFillAsync(PipeReader reader, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < destination.Length)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var take = (int)Math.Min(buffer.Length, destination.Length - filled);
            buffer.Slice(0, take).CopyTo(destination.Span[filled..]);
            filled += take;
            reader.AdvanceTo(buffer.GetPosition(take));
            if (filled < destination.Length && (result.IsCompleted || result.IsCanceled))
            {
                return result.IsCanceled ? throw new OperationCanceledException("The read was canceled.") : false;
            }
        }

        return true;
    }
}
