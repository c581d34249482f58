using Mesh.Core.Execution;
using Mesh.Core.Scheduling;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Channels;

namespace Mesh.Core.Remote.Guests;

/// <content>A fresh run (docs/protocol.md "Task protocol", remote-contract "Fresh run"): checks, acceptance, the run, the result.</content>
public sealed partial class GuestTaskHost
{
    /// <summary>
    /// Serves one run request from <paramref name="origin"/> on <paramref name="stream"/> (its first message already
    /// read by the dispatcher) to the end: refuse it, or accept, take the inputs, run, stream the output, store and
    /// send the result and wait for its acknowledgement. Anything the origin does wrong ends only this conversation.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the only exception thrown).</exception>
    public async Task ServeAsync(RunRequestMessage request, IDuplexChannel stream, string origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(origin);
        var admission = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = ServeTrackedAsync(request, stream, origin, admission.Task, cancellationToken);
        var admitted = TryTrack(work);
        admission.SetResult(admitted);
        try
        {
            await work.ConfigureAwait(false);
        }
        finally
        {
            if (admitted)
            {
                Untrack(work);
            }
        }
    }

    private async Task ServeTrackedAsync(RunRequestMessage request, IDuplexChannel stream, string origin, Task<bool> admission, CancellationToken cancellationToken)
    {
        var admitted = await admission.ConfigureAwait(false);
        using var conversation = new GuestConversation(stream, request.Attempt, request.Task, _limits);
        using var serving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var attempt = request.Attempt.ToString();
        try
        {
            SlotReservation? reservation = null;
            var refusal = admitted ? Check(request, origin, out reservation) : (RunRefusalReason.ShuttingDown, "this node is stopping");
            if (refusal is { } refused)
            {
                LogRefused(_logger, request.Task.ToString(), attempt, origin, refused.Reason.ToString(), refused.Message);
                // The caller's token, not the host's: a refusal because the node stops must still be sent.
                await conversation.SendAsync(new RunRefusedMessage(request.Attempt, request.Task, refused.Reason, refused.Message), cancellationToken).ConfigureAwait(false);
                await conversation.CloseWriteAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            await RunAcceptedAsync(request, origin, conversation, reservation!, serving.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            conversation.Abort();
            throw;
        }
#pragma warning disable CA1031 // Whatever goes wrong ends this one conversation; other guests are unaffected.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogConversationFailed(_logger, attempt, origin, ex.Message);
            conversation.Abort();
        }
    }

    /// <summary>The checks of step 2, in the contract's order; null (and a reservation) when the run is accepted.</summary>
    private (RunRefusalReason Reason, string Message)? Check(RunRequestMessage request, string origin, out SlotReservation? reservation)
    {
        reservation = null;
        var spec = request.Spec;
        if (!GuestResultFolders.IsSafeOrigin(origin))
        {
            return (RunRefusalReason.NotAllowed, "the origin is not a peer id");
        }

        if (_policy.RefusalFor(origin, spec.Resources) is { } notAllowed)
        {
            return (RunRefusalReason.NotAllowed, notAllowed);
        }

        var problems = TaskSpecValidator.Validate(spec, _options.SpecLimits);
        if (problems.Count > 0)
        {
            return (RunRefusalReason.BadSpec, string.Join("; ", problems.Take(4)));
        }

        if (InputBytesOverLimit(spec))
        {
            return (RunRefusalReason.BadSpec, $"the inputs are more than the {_options.MaxInputBytes} bytes a guest task may bring here");
        }

        reservation = _slots.TryTake(spec.Resources);
        if (reservation is null)
        {
            return (RunRefusalReason.NoCapacity, $"no free slot for cpu={spec.Resources.Cpu} now");
        }

        // The pool's in-use sum includes this request now: memory and GPUs must stay within the surplus.
        var surplus = _surplus();
        var inUse = _slots.InUse;
        if (inUse.Memory > surplus.Memory || inUse.Gpu > surplus.Gpu)
        {
            reservation.Dispose();
            reservation = null;
            return (RunRefusalReason.NoCapacity, "not enough free memory or GPUs in this node's surplus now");
        }

        return null;
    }

    private bool InputBytesOverLimit(TaskSpec spec)
    {
        long total = 0;
        foreach (var input in spec.Inputs)
        {
            if (input.Size > _options.MaxInputBytes - total)
            {
                return true;
            }

            total += input.Size;
        }

        return false;
    }

    private async Task RunAcceptedAsync(RunRequestMessage request, string origin, GuestConversation conversation, SlotReservation reservation, CancellationToken cancellationToken)
    {
        var folder = _folders.AttemptFolder(origin, request.Task, request.Attempt);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? reader = null;
        ExecutionResult? execution;
        bool evicted;
        ChangeRunning(1);
        try
        {
            // Made at acceptance: the origin's folder is the durable note that this node may owe it a result.
            Directory.CreateDirectory(folder);
            await conversation.SendAsync(new RunAcceptedMessage(request.Attempt, request.Task, _time.GetUtcNow() + request.Lease), cancellationToken).ConfigureAwait(false);
            LogAccepted(_logger, request.Task.ToString(), request.Attempt.ToString(), origin);
            reader = conversation.RunReaderAsync(reading.Token);
            (execution, evicted) = await ExecuteAsync(request, origin, conversation, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            GuestResultFolders.DeleteAttempt(folder);
            await StopReaderAsync(reading, reader).ConfigureAwait(false);
            throw;
        }
        finally
        {
            // The slots are held from acceptance until the process ended, not while the result travels.
            reservation.Dispose();
            ChangeRunning(-1);
        }

        try
        {
            await FinishAsync(request, origin, conversation, execution, evicted, folder, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await StopReaderAsync(reading, reader).ConfigureAwait(false);
        }
    }

    private static async Task StopReaderAsync(CancellationTokenSource reading, Task? reader)
    {
        await reading.CancelAsync().ConfigureAwait(false);
        if (reader is not null)
        {
            await reader.ConfigureAwait(false);
        }
    }

    /// <summary>After the process: drop the attempt (lease lost, stream broken, node stopping) or store and deliver its result.</summary>
    private async Task FinishAsync(
        RunRequestMessage request, string origin, GuestConversation conversation, ExecutionResult? execution, bool evicted, string folder, CancellationToken cancellationToken)
    {
        var task = request.Task.ToString();
        var attempt = request.Attempt.ToString();
        var end = conversation.End;
        var dropped = execution is null || end != GuestConversationEnd.None
            || (cancellationToken.IsCancellationRequested && !conversation.CancelledByOrigin);
        if (dropped)
        {
            // This version does not resume a running attempt: the origin requeues it when its lease runs out.
            LogDropped(_logger, task, attempt, origin, conversation.Problem ?? "the node is stopping");
            RemoveWorkingDirectory(execution?.WorkingDirectory);
            GuestResultFolders.DeleteAttempt(folder);
            conversation.Abort();
            return;
        }

        // An eviction is not the task's result (docs/protocol.md "Eviction"): no files, and the origin runs it again,
        // unless the origin cancelled it meanwhile, which is then what it ended by.
        var result = evicted && !conversation.CancelledByOrigin
            ? Evicted(request.Spec, execution!)
            : await ToTaskResultAsync(request.Spec, execution!, folder, cancellationToken).ConfigureAwait(false);
        RemoveWorkingDirectory(execution!.WorkingDirectory);

        // Durable BEFORE it is sent: no finished result is lost, whatever happens to the stream. Its signed compute
        // record is stored with it, so a redelivery sends the very bytes the origin may already have countersigned.
        var journal = SignRecord(request, origin, result, execution);
        _results.Put(request.Task, request.Attempt, origin, result, journal);
        LogEnded(_logger, task, attempt, origin, result.Reason.ToString(), result.ExitCode);
        MarkDelivering(request.Attempt, true);
        try
        {
            if (!await DeliverAsync(conversation, result, journal, folder, cancellationToken).ConfigureAwait(false))
            {
                conversation.Abort();
                ScheduleRedelivery(origin);
            }
        }
        finally
        {
            MarkDelivering(request.Attempt, false);
        }
    }
}
