using System.Threading.Channels;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Channels;

namespace Mesh.Core.Remote.Guests;

/// <summary>
/// One task-protocol stream seen from the executor: serialised writes (one writer at a time), the output credit the
/// origin granted, and a reader loop (<see cref="RunReaderAsync"/>) that takes the origin's messages as they come
/// (docs/protocol.md "Task protocol": messages interleave). Any protocol violation or a broken stream ends it
/// (<see cref="Stopped"/> is cancelled); the caller then aborts the stream.
/// </summary>
internal sealed partial class GuestConversation : IDisposable
{
    private readonly IDuplexChannel _stream;
    private readonly TaskWireLimits _limits;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly Channel<InputDataMessage> _inputs = Channel.CreateBounded<InputDataMessage>(4);
    private readonly TaskCompletionSource<ResultAckMessage> _ack = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _renewed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _creditArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _credit;
    private bool _acceptInputs;
    private bool _expectAck;
    private bool _cancelled;
    private GuestConversationEnd _end;
    private string? _problem;

    public GuestConversation(IDuplexChannel stream, AttemptId attempt, TaskId task, TaskWireLimits limits)
    {
        _stream = stream;
        Attempt = attempt;
        Task = task;
        _limits = limits;
    }

    /// <summary>Raised (once) when the origin cancels the attempt or takes its lease back, so the host can kill the process.</summary>
    public event EventHandler? KillRequested;

    public AttemptId Attempt { get; }

    public TaskId Task { get; }

    /// <summary>Cancelled when the conversation ended abnormally (see <see cref="End"/>).</summary>
    public CancellationToken Stopped => _stop.Token;

    /// <summary>Why it stopped abnormally.</summary>
    public GuestConversationEnd End
    {
        get
        {
            lock (_lock)
            {
                return _end;
            }
        }
    }

    /// <summary>True once the origin asked to cancel the attempt while it ran.</summary>
    public bool CancelledByOrigin
    {
        get
        {
            lock (_lock)
            {
                return _cancelled;
            }
        }
    }

    /// <summary>What went wrong, for the log (null when nothing).</summary>
    public string? Problem
    {
        get
        {
            lock (_lock)
            {
                return _problem;
            }
        }
    }

    /// <summary>Completes with true on LeaseRenewed, false when the conversation stopped first (LeaseLost, broken).</summary>
    public Task<bool> Renewed => _renewed.Task;

    /// <summary>Sends one message (not spending credit); one writer at a time.</summary>
    public async Task SendAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await TaskWireStream.WriteAsync(_stream.Output, message, _limits, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Sends <paramref name="data"/> as messages made by <paramref name="make"/>(offset, piece, last), each at most
    /// one chunk and never more than the credit left: waits for credit when none is left (backpressure).
    /// </summary>
    /// <param name="data">The bytes; empty sends one empty message.</param>
    /// <param name="offset">The offset of the first byte.</param>
    /// <param name="lastAtEnd">Whether the final piece is flagged last.</param>
    /// <param name="make">Builds a message from (offset, piece, last).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task SendSpendingAsync(
        ReadOnlyMemory<byte> data, long offset, bool lastAtEnd, Func<long, ReadOnlyMemory<byte>, bool, TaskMessage> make, CancellationToken cancellationToken)
    {
        if (data.IsEmpty)
        {
            await SendAsync(make(offset, data, lastAtEnd), cancellationToken).ConfigureAwait(false);
            return;
        }

        while (!data.IsEmpty)
        {
            var size = await TakeCreditAsync(Math.Min(data.Length, _limits.MaxChunkSize), cancellationToken).ConfigureAwait(false);
            var piece = data[..size];
            data = data[size..];
            await SendAsync(make(offset, piece, lastAtEnd && data.IsEmpty), cancellationToken).ConfigureAwait(false);
            offset += size;
        }
    }

    /// <summary>Waits for the result's acknowledgement; null when it does not come within <paramref name="timeout"/> or the conversation stopped.</summary>
    public async Task<ResultAckMessage?> WaitForAckAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        wait.CancelAfter(timeout);
        try
        {
            return await _ack.Task.WaitAsync(timeout, time, wait.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            // The origin acknowledges, then closes: the end of the stream can stop the wait before it sees the ack.
            return _ack.Task.IsCompletedSuccessfully ? _ack.Task.Result : null;
        }
    }

    /// <summary>From now on an InputData is in phase; before this (and after <see cref="EndInputs"/>) it is a violation.</summary>
    public void BeginInputs()
    {
        lock (_lock)
        {
            _acceptInputs = true;
        }
    }

    /// <summary>InputData is out of phase again.</summary>
    public void EndInputs()
    {
        lock (_lock)
        {
            _acceptInputs = false;
        }
    }

    /// <summary>From now on a ResultAck is in phase (set before the RunResult is sent, since the answer may be quick).</summary>
    public void ExpectAck()
    {
        lock (_lock)
        {
            _expectAck = true;
        }
    }

    /// <summary>The next input chunk; null when the origin is silent for <paramref name="silence"/> or the conversation stopped.</summary>
    public async Task<InputDataMessage?> ReadInputAsync(TimeSpan silence, TimeProvider time, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        try
        {
            return await _inputs.Reader.ReadAsync(wait.Token).AsTask().WaitAsync(silence, time, wait.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or ChannelClosedException && !cancellationToken.IsCancellationRequested)
        {
            Fail(GuestConversationEnd.Broken, ex is TimeoutException ? $"the origin sent no input for {silence}" : "the conversation ended during the input transfer");
            return null;
        }
    }

    /// <summary>Ends the conversation abnormally (the first reason wins) and wakes every waiter.</summary>
    public void Fail(GuestConversationEnd end, string problem)
    {
        lock (_lock)
        {
            if (_end != GuestConversationEnd.None)
            {
                return;
            }

            _end = end;
            _problem = problem;
        }

        _renewed.TrySetResult(false);
        _inputs.Writer.TryComplete();
        _stop.Cancel();
        KillRequested?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Aborts the stream (both directions), so the origin sees a reset.</summary>
    public void Abort() => _stream.Abort();

    /// <summary>Closes our write side after a normal end.</summary>
    public async Task CloseWriteAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _writeLock.Dispose();
    }

    private async Task<int> TakeCreditAsync(int wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task arrived;
            lock (_lock)
            {
                if (_credit > 0)
                {
                    var taken = (int)Math.Min(wanted, _credit);
                    _credit -= taken;
                    return taken;
                }

                arrived = _creditArrived.Task;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            await arrived.WaitAsync(wait.Token).ConfigureAwait(false);
        }
    }

    private void AddCredit(long bytes)
    {
        TaskCompletionSource arrived;
        lock (_lock)
        {
            // Saturate: a hostile origin cannot overflow the counter.
            _credit = bytes > long.MaxValue - _credit ? long.MaxValue : _credit + bytes;
            arrived = _creditArrived;
            _creditArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.TrySetResult();
    }
}
