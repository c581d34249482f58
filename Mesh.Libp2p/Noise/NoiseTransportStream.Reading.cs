using System.Buffers;
using System.Runtime.CompilerServices;

namespace Mesh.Libp2p.Noise;

/// <summary>The read half: frames in, plaintext out.</summary>
internal sealed partial class NoiseTransportStream
{
    private const int TagLength = NoiseCipherState.TagLength;

    // A frame larger than the caller's buffer is decrypted here and handed out over several reads.
    private byte[]? _pending;
    private int _pendingOffset;
    private int _pendingCount;
    private NoiseTransportException? _readFault;

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The Noise transport stream is read asynchronously only.");

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>
    /// Reads at least one byte of plaintext, waiting for a whole frame if needed; 0 when the inner channel
    /// ended cleanly between frames.
    /// </summary>
    /// <exception cref="NoiseTransportException">A frame failed to authenticate, or the input ended inside a frame.</exception>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfUnusable();
        if (_readFault is not null)
        {
            return ValueTask.FromException<int>(_readFault);
        }

        if (buffer.IsEmpty)
        {
            return ValueTask.FromResult(0);
        }

        if (_pendingCount > 0)
        {
            return ValueTask.FromResult(DrainPending(buffer.Span));
        }

        return ReadFramesAsync(buffer, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadFramesAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var input = _inner.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                input.AdvanceTo(result.Buffer.Start);
                throw new OperationCanceledException("The read of the inner channel was cancelled.");
            }

            var buffer = result.Buffer;
            int written;
            try
            {
                written = DecryptFrames(ref buffer, destination.Span);
            }
            catch (NoiseTransportException fault)
            {
                _readFault = fault;
                input.AdvanceTo(result.Buffer.Start);
                throw;
            }

            if (written > 0)
            {
                input.AdvanceTo(buffer.Start);
                return written;
            }

            // Nothing whole yet: keep the partial frame and wait for more bytes.
            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty)
                {
                    _readFault = new NoiseTransportException($"The connection ended inside a Noise frame ({buffer.Length} bytes left).");
                    throw _readFault;
                }

                return 0;
            }
        }
    }

    /// <summary>
    /// Decrypts as many whole frames as fit into <paramref name="destination"/>, advancing <paramref name="buffer"/>
    /// past them. A first frame larger than the destination goes to the pending buffer.
    /// </summary>
    private int DecryptFrames(ref ReadOnlySequence<byte> buffer, Span<byte> destination)
    {
        var written = 0;
        while (written < destination.Length)
        {
            var rest = buffer;
            if (!NoiseFrame.TryRead(ref rest, out var message))
            {
                break;
            }

            if (message.Length < TagLength)
            {
                throw new NoiseTransportException($"A Noise transport frame of {message.Length} bytes cannot hold the {TagLength}-byte tag.");
            }

            var plaintextLength = (int)message.Length - TagLength;
            if (plaintextLength <= destination.Length - written)
            {
                Decrypt(message, destination.Slice(written, plaintextLength));
                written += plaintextLength;
                buffer = rest;
                continue;
            }

            if (written > 0)
            {
                break;
            }

            _pending ??= ArrayPool<byte>.Shared.Rent(NoiseFrame.MaxPlaintextLength);
            Decrypt(message, _pending.AsSpan(0, plaintextLength));
            _pendingOffset = 0;
            _pendingCount = plaintextLength;
            buffer = rest;
            return DrainPending(destination);
        }

        return written;
    }

    private void Decrypt(ReadOnlySequence<byte> message, Span<byte> plaintext)
    {
        bool authentic;
        if (message.IsSingleSegment)
        {
            var frame = message.FirstSpan;
            authentic = _receive.TryDecrypt(frame[..plaintext.Length], frame[plaintext.Length..], plaintext, ReadOnlySpan<byte>.Empty);
        }
        else
        {
            // The frame spans segments: gather the ciphertext into the destination and decrypt it in place.
            Span<byte> tag = stackalloc byte[TagLength];
            message.Slice(0, plaintext.Length).CopyTo(plaintext);
            message.Slice(plaintext.Length).CopyTo(tag);
            authentic = _receive.TryDecrypt(plaintext, tag, plaintext, ReadOnlySpan<byte>.Empty);
        }

        if (!authentic)
        {
            throw new NoiseTransportException("A Noise transport frame did not authenticate (tampered, reordered or wrong key).");
        }
    }

    private int DrainPending(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _pendingCount);
        _pending.AsSpan(_pendingOffset, count).CopyTo(destination);
        _pendingOffset += count;
        _pendingCount -= count;
        if (_pendingCount == 0 && _pending is { } drained)
        {
            // Hold the 64 KiB buffer only while a frame is being handed out.
            _pending = null;
            ArrayPool<byte>.Shared.Return(drained);
        }

        return count;
    }
}
