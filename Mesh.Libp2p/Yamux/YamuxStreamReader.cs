using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Mesh.Libp2p.Yamux;

/// <summary>
/// The <see cref="YamuxStream.Input"/> reader: a stream's receive pipe whose <c>AdvanceTo</c> reports the bytes
/// consumed to the stream, which returns them to the remote as window.
/// </summary>
internal sealed class YamuxStreamReader(YamuxStream stream, PipeReader inner) : PipeReader
{
    // The buffer of the last read, to measure how much an AdvanceTo consumes.
    private ReadOnlySequence<byte> _lastBuffer;
    private int _completed;

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
        Track(inner.ReadAsync(cancellationToken));

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }

        _lastBuffer = result.Buffer;
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        var count = _lastBuffer.Slice(_lastBuffer.Start, consumed).Length;
        inner.AdvanceTo(consumed, examined);
        _lastBuffer = default;
        if (count > 0)
        {
            stream.OnConsumed(count);
        }
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return;
        }

        inner.Complete(exception);
        stream.OnInputCompleted();
    }

    protected override ValueTask<ReadResult> ReadAtLeastAsyncCore(int minimumSize, CancellationToken cancellationToken) =>
        Track(inner.ReadAtLeastAsync(minimumSize, cancellationToken));

    private ValueTask<ReadResult> Track(ValueTask<ReadResult> pending)
    {
        if (pending.IsCompletedSuccessfully)
        {
            var result = pending.Result;
            _lastBuffer = result.Buffer;
            return new ValueTask<ReadResult>(result);
        }

        return TrackAsync(pending);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReadResult> TrackAsync(ValueTask<ReadResult> pending)
    {
        var result = await pending.ConfigureAwait(false);
        _lastBuffer = result.Buffer;
        return result;
    }
}
