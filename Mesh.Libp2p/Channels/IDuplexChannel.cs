using System.IO.Pipelines;

namespace Mesh.Libp2p.Channels;

/// <summary>
/// A two-way byte channel with half-close: what each layer of a connection hands to the layer above
/// (TCP, then pnet, then Noise, then each yamux stream). Reading through <see cref="Input"/> keeps any
/// bytes a layer did not consume for the next layer, so a negotiation never loses data that followed it.
/// </summary>
public interface IDuplexChannel : IAsyncDisposable
{
    /// <summary>Bytes from the remote side. Completes when the remote closes its write side.</summary>
    PipeReader Input { get; }

    /// <summary>Bytes to the remote side; data is sent on <c>FlushAsync</c>.</summary>
    PipeWriter Output { get; }

    /// <summary>Flushes and half-closes: the remote reads end-of-stream, and this side can still read.</summary>
    ValueTask CloseWriteAsync(CancellationToken cancellationToken = default);

    /// <summary>Aborts both directions at once (yamux RST, TCP reset); pending reads and writes fail.</summary>
    void Abort();
}
