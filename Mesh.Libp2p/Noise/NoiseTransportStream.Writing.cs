using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Mesh.Libp2p.Noise;

/// <summary>The write half: plaintext in, frames out.</summary>
internal sealed partial class NoiseTransportStream
{
    // Within one large write, the inner channel is flushed every so often so a multi-megabyte write
    // does not pile up in the inner buffers before the first byte leaves.
    private const int FlushThreshold = 256 * 1024;
    private const int FrameCapacity = NoiseFrame.HeaderLength + NoiseFrame.MaxMessageLength;

    // The frame being filled: memory taken from the inner writer, not yet advanced.
    private Memory<byte> _frame;
    private int _framePlaintext;
    private bool _frameOpen;
    private long _unflushed;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>Encrypts into frames without sending; <see cref="Flush"/> sends.</summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfUnusable();
        while (!buffer.IsEmpty)
        {
            buffer = buffer[WriteSome(buffer)..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Encrypts into frames; a large write is flushed to the inner channel in steps of about 256 KiB.</summary>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        while (!buffer.IsEmpty)
        {
            buffer = buffer[WriteSome(buffer.Span)..];
            if (_unflushed >= FlushThreshold && !_frameOpen && !buffer.IsEmpty)
            {
                return FlushThenWriteAsync(buffer, cancellationToken);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Seals the open frame and sends everything (sync: blocks while the inner channel applies back-pressure).</summary>
    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Seals the open frame and flushes the inner channel.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        ThrowIfUnusable();
        if (_frameOpen)
        {
            SealOpenFrame();
        }

        return FlushInnerAsync(cancellationToken).AsTask();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FlushThenWriteAsync(ReadOnlyMemory<byte> rest, CancellationToken cancellationToken)
    {
        await FlushInnerAsync(cancellationToken).ConfigureAwait(false);
        await WriteAsync(rest, cancellationToken).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FlushInnerAsync(CancellationToken cancellationToken)
    {
        _unflushed = 0;
        var result = await _inner.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCompleted)
        {
            throw new IOException("The remote end stopped reading; the secured channel cannot send.");
        }
    }

    /// <summary>Puts up to one frame's worth of <paramref name="source"/> into frames; returns how much it took.</summary>
    private int WriteSome(ReadOnlySpan<byte> source)
    {
        const int MaxPlaintext = NoiseFrame.MaxPlaintextLength;
        if (!_frameOpen && source.Length >= MaxPlaintext)
        {
            // A whole frame's worth: encrypt straight from the caller's memory, no copy.
            var frame = _inner.Output.GetSpan(FrameCapacity);
            SealFrame(frame, source[..MaxPlaintext]);
            return MaxPlaintext;
        }

        if (!_frameOpen)
        {
            _frame = _inner.Output.GetMemory(FrameCapacity);
            _framePlaintext = 0;
            _frameOpen = true;
        }

        var count = Math.Min(source.Length, MaxPlaintext - _framePlaintext);
        source[..count].CopyTo(_frame.Span[(NoiseFrame.HeaderLength + _framePlaintext)..]);
        _framePlaintext += count;
        if (_framePlaintext == MaxPlaintext)
        {
            SealOpenFrame();
        }

        return count;
    }

    private void SealOpenFrame()
    {
        var frame = _frame.Span;
        _frameOpen = false;
        _frame = default;
        SealFrame(frame, frame.Slice(NoiseFrame.HeaderLength, _framePlaintext));
    }

    /// <summary>Writes the length, encrypts <paramref name="plaintext"/> into the frame (in place when it already lies there) and advances the inner writer.</summary>
    private void SealFrame(Span<byte> frame, ReadOnlySpan<byte> plaintext)
    {
        var messageLength = plaintext.Length + TagLength;
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)messageLength);
        var body = frame.Slice(NoiseFrame.HeaderLength, messageLength);
        _send.Encrypt(plaintext, body[..plaintext.Length], body[plaintext.Length..], ReadOnlySpan<byte>.Empty);
        _inner.Output.Advance(NoiseFrame.HeaderLength + messageLength);
        _unflushed += NoiseFrame.HeaderLength + messageLength;
    }
}
