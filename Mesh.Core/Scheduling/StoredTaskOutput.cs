using System.Threading.Channels;
using Mesh.Core.Execution;
using Mesh.Core.Tasks;

namespace Mesh.Core.Scheduling;

/// <summary>
/// The output sink of one attempt: chunks are batched per stream and appended to the <see cref="TaskStore"/>, a full
/// batch at once (the executor's pump waits for that write: backpressure), a partial one after
/// <see cref="TaskServiceOptions.OutputFlushDelay"/> by a flusher this object owns.
/// </summary>
internal sealed class StoredTaskOutput : IExecutionOutput, IAsyncDisposable
{
    private readonly TaskStore _store;
    private readonly TaskId _taskId;
    private readonly AttemptId _attemptId;
    private readonly int _batchBytes;
    private readonly TimeSpan _flushDelay;
    private readonly TimeProvider _time;
    private readonly Action _stored;
    private readonly StreamBuffer[] _streams = [new(Tasks.OutputStreamKind.Stdout), new(Tasks.OutputStreamKind.Stderr)];
    private readonly Channel<bool> _flushRequests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _flusher;
    private volatile bool _stale;

    public StoredTaskOutput(TaskStore store, TaskId taskId, AttemptId attemptId, TaskServiceOptions options, TimeProvider time, Action stored)
    {
        _store = store;
        _taskId = taskId;
        _attemptId = attemptId;
        _batchBytes = options.OutputBatchBytes;
        _flushDelay = options.OutputFlushDelay;
        _time = time;
        _stored = stored;
        _flusher = FlushLaterAsync();
    }

    public ValueTask WriteAsync(Execution.OutputChunk chunk, CancellationToken cancellationToken)
    {
        var buffer = _streams[chunk.Stream == Tasks.OutputStreamKind.Stdout ? 0 : 1];
        bool full;
        lock (buffer)
        {
            if (buffer.Pending.Length == 0)
            {
                buffer.PendingOffset = chunk.Offset;
            }

            buffer.Pending.Write(chunk.Data.Span);
            full = buffer.Pending.Length >= _batchBytes;
            if (full)
            {
                Store(buffer);
            }
        }

        if (!full)
        {
            _flushRequests.Writer.TryWrite(true);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Stops the flusher and stores whatever is pending.</summary>
    public async ValueTask DisposeAsync()
    {
        _flushRequests.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        await _flusher.ConfigureAwait(false);
        FlushAll();
        _stop.Dispose();
    }

    private async Task FlushLaterAsync()
    {
        try
        {
            while (await _flushRequests.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                _flushRequests.Reader.TryRead(out _);
                await Task.Delay(_flushDelay, _time, _stop.Token).ConfigureAwait(false);
                FlushAll();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposal flushes what is left.
        }
    }

    private void FlushAll()
    {
        foreach (var buffer in _streams)
        {
            lock (buffer)
            {
                Store(buffer);
            }
        }
    }

    // Called under the buffer's lock, so one stream's appends reach the store in offset order.
    private void Store(StreamBuffer buffer)
    {
        if (buffer.Pending.Length == 0)
        {
            return;
        }

        var data = buffer.Pending.ToArray();
        buffer.Pending.SetLength(0);
        if (_stale)
        {
            return;
        }

        // At most one batch per append, so a large chunk from the executor stays within the store's chunk limit.
        for (var start = 0; start < data.Length; start += _batchBytes)
        {
            var slice = data.AsMemory(start, Math.Min(_batchBytes, data.Length - start));
            var result = _store.AppendOutput(_taskId, _attemptId, buffer.Kind, buffer.PendingOffset + start, slice);
            if (result.Outcome is OutputAppendOutcome.StaleAttempt or OutputAppendOutcome.NotFound)
            {
                // The attempt was taken away (requeued); its output no longer belongs to the task.
                _stale = true;
                return;
            }
        }

        _stored();
    }

    private sealed class StreamBuffer(Tasks.OutputStreamKind kind)
    {
        public Tasks.OutputStreamKind Kind { get; } = kind;

        public MemoryStream Pending { get; } = new();

        public long PendingOffset { get; set; }
    }
}
