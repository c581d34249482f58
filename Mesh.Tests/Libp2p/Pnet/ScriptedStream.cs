namespace Mesh.Tests.Libp2p.Pnet;

/// <summary>A stream that reads from fixed bytes and records what is written, to check exact wire bytes.</summary>
internal sealed class ScriptedStream(byte[] incoming) : Stream
{
    private readonly MemoryStream _incoming = new(incoming);

    public MemoryStream Written { get; } = new();

    public long ReadPosition => _incoming.Position;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _incoming.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
