using System.Buffers;
using Mesh.Libp2p.Channels;

namespace Mesh.Libp2p.Protocols.Echo;

/// <summary>
/// <c>/echo/1.0.0</c> (as js-libp2p's <c>@libp2p/echo</c>): every byte read is written back until the
/// opener closes its write side; then this side closes too. Used for interop checks and throughput benchmarks.
/// </summary>
public static class EchoProtocol
{
    /// <summary>The protocol id.</summary>
    public const string Id = "/echo/1.0.0";

    /// <summary>Echoes <paramref name="stream"/> until end of input, then half-closes.</summary>
    public static async Task RespondAsync(IDuplexChannel stream, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var read = await stream.Input.ReadAsync(cancellationToken).ConfigureAwait(false);
            foreach (var segment in read.Buffer)
            {
                stream.Output.Write(segment.Span);
            }

            stream.Input.AdvanceTo(read.Buffer.End);
            if (!read.Buffer.IsEmpty)
            {
                await stream.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (read.IsCompleted)
            {
                break;
            }
        }

        await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
    }
}
