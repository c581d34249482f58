using System.IO.Pipelines;
using Mesh.Libp2p.Channels;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Libp2p.Noise;

/// <summary>
/// A connection secured by Noise: reads decrypt transport frames from the inner channel, writes encrypt into it
/// (wire notes §8.2). Also carries what the handshake proved about the remote. Owns the inner channel.
/// </summary>
public sealed class NoiseSecuredChannel : IDuplexChannel
{
    // Reads are offered at least this much room so a full 65519-byte frame usually decrypts straight into the pipe.
    private const int ReadBufferSize = 64 * 1024;
    private const int MinimumReadSize = 16 * 1024;
    private const int MinimumWriteBufferSize = 16 * 1024;

    private readonly IDuplexChannel _inner;
    private readonly NoiseTransportStream _stream;
    private readonly ILogger _logger;
    private int _writeClosed;
    private int _disposed;

    internal NoiseSecuredChannel(
        IDuplexChannel inner,
        NoiseCipherState send,
        NoiseCipherState receive,
        PublicKey remotePublicKey,
        PeerId remotePeer,
        IReadOnlyList<string> remoteMuxers,
        byte[] handshakeHash,
        ILogger logger)
    {
        _inner = inner;
        _logger = logger;
        _stream = new NoiseTransportStream(inner, send, receive);
        RemotePublicKey = remotePublicKey;
        RemotePeer = remotePeer;
        RemoteMuxers = remoteMuxers;
        HandshakeHash = handshakeHash;
        Input = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: ReadBufferSize, minimumReadSize: MinimumReadSize, leaveOpen: true));
        Output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: MinimumWriteBufferSize, leaveOpen: true));
    }

    /// <summary>The remote's peer id, proven by the handshake signature.</summary>
    public PeerId RemotePeer { get; }

    /// <summary>The remote's identity public key.</summary>
    public PublicKey RemotePublicKey { get; }

    /// <summary>
    /// The remote's early-muxer list (<c>extensions.stream_muxers</c>), empty when it sent none.
    /// Use the early muxer iff both sides' lists are non-empty (wire notes §6.6).
    /// </summary>
    public IReadOnlyList<string> RemoteMuxers { get; }

    /// <summary>The final Noise handshake hash (the same on both ends; usable for channel binding).</summary>
    public ReadOnlyMemory<byte> HandshakeHash { get; }

    /// <inheritdoc/>
    /// <remarks>A frame that fails to authenticate makes reads throw <see cref="NoiseTransportException"/>.</remarks>
    public PipeReader Input { get; }

    /// <inheritdoc/>
    public PipeWriter Output { get; }

    /// <summary>Flushes, then half-closes the inner channel (Noise has no close message of its own).</summary>
    public async ValueTask CloseWriteAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _writeClosed, 1) != 0)
        {
            return;
        }

        await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await Output.CompleteAsync().ConfigureAwait(false);
        await _inner.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Abort()
    {
        _stream.MarkAborted();
        _inner.Abort();
    }

    /// <summary>Releases the pipes and keys and disposes the inner channel. Data written but not flushed is dropped.</summary>
    /// <remarks>Like any pipe, this must not race a pending read: stop the reader (or <see cref="Abort"/> and let it fail) first.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Input.CompleteAsync().ConfigureAwait(false);
        if (Interlocked.Exchange(ref _writeClosed, 1) == 0)
        {
            // Completing with an error makes the writer drop unflushed bytes instead of sending them,
            // so disposing never waits on a peer that stopped reading.
            await Output.CompleteAsync(new ObjectDisposedException(nameof(NoiseSecuredChannel))).ConfigureAwait(false);
        }

        try
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }

        NoiseLog.ChannelDisposed(_logger, RemotePeer);
    }
}
