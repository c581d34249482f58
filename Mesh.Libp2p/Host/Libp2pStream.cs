using System.IO.Pipelines;
using Mesh.Libp2p.Channels;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.Host;

/// <summary>A negotiated stream to a peer: the muxed channel, plus who is on the other end and what it speaks.</summary>
public sealed class Libp2pStream : IDuplexChannel
{
    private readonly IDuplexChannel _inner;

    internal Libp2pStream(IDuplexChannel inner, PeerId remotePeer, string protocol, CancellationToken connectionClosing)
    {
        _inner = inner;
        RemotePeer = remotePeer;
        Protocol = protocol;
        ConnectionClosing = connectionClosing;
    }

    /// <summary>
    /// Cancelled when the connection carrying this stream closes, including when a newer connection to the same
    /// peer replaces it (no disconnect is raised then): a long-lived stream should then be opened again.
    /// </summary>
    public CancellationToken ConnectionClosing { get; }

    /// <summary>The peer on the other end.</summary>
    public PeerId RemotePeer { get; }

    /// <summary>The protocol both ends agreed on.</summary>
    public string Protocol { get; }

    /// <inheritdoc/>
    public PipeReader Input => _inner.Input;

    /// <inheritdoc/>
    public PipeWriter Output => _inner.Output;

    /// <inheritdoc/>
    public ValueTask CloseWriteAsync(CancellationToken cancellationToken = default) => _inner.CloseWriteAsync(cancellationToken);

    /// <inheritdoc/>
    public void Abort() => _inner.Abort();

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
