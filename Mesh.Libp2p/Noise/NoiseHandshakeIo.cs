using System.Buffers;
using System.IO.Pipelines;

namespace Mesh.Libp2p.Noise;

/// <summary>Sends and receives whole framed handshake messages over the inner channel, leaving any later bytes unread.</summary>
internal static class NoiseHandshakeIo
{
    public static async ValueTask WriteMessageAsync(PipeWriter output, byte[] message, CancellationToken cancellationToken)
    {
        NoiseFrame.Write(output, message);
        var result = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCompleted)
        {
            throw new NoiseHandshakeException(NoiseHandshakeFailure.ConnectionClosed, "The remote stopped reading during the Noise handshake.");
        }
    }

    /// <summary>Reads one framed message; bytes after it stay in <paramref name="input"/> for the transport phase.</summary>
    public static async ValueTask<byte[]> ReadMessageAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (NoiseFrame.TryRead(ref buffer, out var message))
            {
                var bytes = message.ToArray();
                input.AdvanceTo(buffer.Start);
                return bytes;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The read of the inner channel was cancelled during the Noise handshake.");
            }

            if (result.IsCompleted)
            {
                throw new NoiseHandshakeException(NoiseHandshakeFailure.ConnectionClosed, "The connection ended during the Noise handshake.");
            }
        }
    }
}
