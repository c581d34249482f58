using Mesh.Libp2p.Channels;

namespace Mesh.Libp2p.Noise;

/// <summary>
/// The Noise transport layer as a <see cref="Stream"/> over the inner channel (wire notes §8.2): reads take
/// frames from the inner <see cref="IDuplexChannel.Input"/> and decrypt them straight into the caller's buffer;
/// writes encrypt into frames of up to 65519 plaintext bytes in the inner <see cref="IDuplexChannel.Output"/>'s
/// own memory, and <see cref="FlushAsync(CancellationToken)"/> sends them. Only the asynchronous read path is
/// supported; reads and writes may run concurrently with each other (one of each at a time).
/// The stream does not own the inner channel.
/// </summary>
internal sealed partial class NoiseTransportStream : Stream
{
    private readonly IDuplexChannel _inner;
    private readonly NoiseCipherState _send;
    private readonly NoiseCipherState _receive;
    private volatile bool _aborted;
    private int _disposed;

    public NoiseTransportStream(IDuplexChannel inner, NoiseCipherState send, NoiseCipherState receive)
    {
        _inner = inner;
        _send = send;
        _receive = receive;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Makes every later read and write fail; the owner aborts the inner channel.</summary>
    public void MarkAborted() => _aborted = true;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _send.Dispose();
            _receive.Dispose();
        }

        base.Dispose(disposing);
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_aborted)
        {
            throw new IOException("The secured channel was aborted.");
        }
    }
}
