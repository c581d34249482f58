using System.Buffers;

namespace Mesh.Libp2p.Pnet;

/// <summary>The stream above pnet: decrypts what it reads in place, encrypts what it writes into a pooled buffer.</summary>
internal sealed class PnetStream(Stream inner, XSalsa20KeyStream outgoing, XSalsa20KeyStream incoming) : Stream
{
    private const int WriteChunk = 64 * 1024;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        incoming.Apply(buffer.Span[..read], buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // The caller's buffer is never modified: ciphertext goes to a rented buffer.
        var rented = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length, WriteChunk));
        try
        {
            while (!buffer.IsEmpty)
            {
                var n = Math.Min(buffer.Length, rented.Length);
                outgoing.Apply(buffer.Span[..n], rented.AsSpan(0, n));
                await inner.WriteAsync(rented.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                buffer = buffer[n..];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
