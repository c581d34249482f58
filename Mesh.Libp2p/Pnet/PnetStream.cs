using System.Buffers;

namespace Mesh.Libp2p.Pnet;

/// <summary>
/// The XOR layer of a private network connection (wire notes §12.2/§12.3): outgoing bytes are XORed with
/// XSalsa20(PSK, own nonce), incoming with XSalsa20(PSK, peer nonce); each keystream runs on across calls.
/// One read and one write may run at once. A write that fails or is cancelled leaves the outgoing keystream
/// ahead of what was sent, so the stream then refuses further writes. Owns the inner stream.
/// </summary>
internal sealed class PnetStream : Stream
{
    private const int WriteChunkSize = 16 * 1024;

    private readonly Stream _inner;
    private readonly XSalsa20KeyStream _outgoing;
    private readonly XSalsa20KeyStream _incoming;
    private bool _writeBroken;
    private int _disposed;

    public PnetStream(Stream inner, PreSharedKey psk, byte[] localNonce, byte[] remoteNonce)
    {
        _inner = inner;
        _outgoing = new XSalsa20KeyStream(psk.Key, localNonce);
        _incoming = new XSalsa20KeyStream(psk.Key, remoteNonce);
    }

    public override bool CanRead => _inner.CanRead;

    public override bool CanWrite => _inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        _incoming.Apply(buffer[..read], buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        _incoming.Apply(buffer.Span[..read], buffer.Span[..read]);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>XORs into a pooled buffer, never into the caller's memory.</summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfWriteBroken();
        var chunk = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length, WriteChunkSize));
        try
        {
            while (!buffer.IsEmpty)
            {
                var count = Math.Min(buffer.Length, chunk.Length);
                _outgoing.Apply(buffer[..count], chunk.AsSpan(0, count));
                _writeBroken = true;
                _inner.Write(chunk, 0, count);
                _writeBroken = false;
                buffer = buffer[count..];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>XORs into a pooled buffer, never into the caller's memory.</summary>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfWriteBroken();
        var chunk = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length, WriteChunkSize));
        try
        {
            while (!buffer.IsEmpty)
            {
                var count = Math.Min(buffer.Length, chunk.Length);
                _outgoing.Apply(buffer.Span[..count], chunk.AsSpan(0, count));
                _writeBroken = true;
                await _inner.WriteAsync(chunk.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
                _writeBroken = false;
                buffer = buffer[count..];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void ThrowIfWriteBroken()
    {
        if (_writeBroken)
        {
            throw new IOException("An earlier write failed part-way, so the private network keystream is out of step; close the connection.");
        }
    }
}
