using System.IO.Pipelines;

namespace Mesh.Tests.Libp2p.Pnet;

/// <summary>One end of a <see cref="DuplexStreamPair"/>: reads from one pipe, writes to the other.</summary>
internal sealed class DuplexPipeStream(PipeReader input, PipeWriter output) : Stream
{
    private readonly Stream _reader = input.AsStream();
    private readonly Stream _writer = output.AsStream();

    public bool Disposed { get; private set; }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _reader.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _reader.ReadAsync(buffer, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => _writer.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _writer.WriteAsync(buffer, cancellationToken);

    public override void Flush() => _writer.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _writer.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Ends this side's writing: the other end reads end-of-stream.</summary>
    public void CloseWrite() => output.Complete();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Disposed = true;
            _reader.Dispose();
            _writer.Dispose();
        }

        base.Dispose(disposing);
    }
}
