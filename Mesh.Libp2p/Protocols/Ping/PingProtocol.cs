using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;
using Mesh.Libp2p.Channels;

namespace Mesh.Libp2p.Protocols.Ping;

/// <summary>
/// Ping (wire notes §9.2) on a stream multistream-select has already agreed: the opener writes 32 random
/// bytes and the responder echoes them. The caller owns the stream and disposes it.
/// </summary>
public static class PingProtocol
{
    /// <summary>The ping protocol id.</summary>
    public const string Id = "/ipfs/ping/1.0.0";

    /// <summary>The size of one ping.</summary>
    public const int PayloadSize = 32;

    /// <summary>
    /// Answers pings on a stream the peer opened: echoes each complete 32 bytes as soon as it arrives
    /// (js's connection monitor waits for the echo before it closes), until the peer closes its write side;
    /// then closes ours. A partial ping left at end of stream is dropped.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static async Task RespondAsync(IDuplexChannel stream, CancellationToken cancellationToken = default)
    {
        var reader = stream.Input;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var echoed = false;
            while (buffer.Length >= PayloadSize)
            {
                var ping = buffer.Slice(0, PayloadSize);
                foreach (var segment in ping)
                {
                    stream.Output.Write(segment.Span);
                }

                buffer = buffer.Slice(ping.End);
                echoed = true;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (echoed)
            {
                await stream.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The ping read was canceled.");
            }

            if (result.IsCompleted)
            {
                break;
            }
        }

        await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends one ping and waits for its echo. Can be called again on the same stream; the stream stays open.
    /// Bound the wait with <paramref name="cancellationToken"/> (js waits at most 10 s).
    /// </summary>
    /// <param name="stream">A stream this side opened for <see cref="Id"/>.</param>
    /// <param name="timeProvider">The clock the round trip is measured with.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The round-trip time.</returns>
    /// <exception cref="PingException">The echo differed, or the stream ended before it was complete.</exception>
    public static async Task<TimeSpan> PingAsync(IDuplexChannel stream, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        var payload = RandomNumberGenerator.GetBytes(PayloadSize);
        var started = timeProvider.GetTimestamp();
        stream.Output.Write(payload);
        await stream.Output.FlushAsync(cancellationToken).ConfigureAwait(false);

        var echo = await ReadEchoAsync(stream.Input, cancellationToken).ConfigureAwait(false);
        var elapsed = timeProvider.GetElapsedTime(started);
        if (!CryptographicOperations.FixedTimeEquals(echo, payload))
        {
            throw new PingException("The ping echo differs from the bytes sent.");
        }

        return elapsed;
    }

    /// <summary>Sends one ping, waits for its echo, then closes this side's write half, as js <c>ping()</c> ends.</summary>
    /// <inheritdoc cref="PingAsync(IDuplexChannel, TimeProvider, CancellationToken)"/>
    public static async Task<TimeSpan> PingOnceAsync(IDuplexChannel stream, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        var elapsed = await PingAsync(stream, timeProvider, cancellationToken).ConfigureAwait(false);
        await stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
        return elapsed;
    }

    private static async ValueTask<byte[]> ReadEchoAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length >= PayloadSize)
            {
                var echo = buffer.Slice(0, PayloadSize).ToArray();
                reader.AdvanceTo(buffer.GetPosition(PayloadSize));
                return echo;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException("The ping read was canceled.");
            }

            if (result.IsCompleted)
            {
                throw new PingException($"The stream ended after {buffer.Length} of the {PayloadSize} echo bytes.");
            }
        }
    }
}
