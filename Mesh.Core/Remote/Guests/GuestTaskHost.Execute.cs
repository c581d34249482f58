using Mesh.Core.Execution;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Remote.Guests;

/// <content>Running an accepted attempt: its inputs, the process under a renewed lease, and killing it on request.</content>
public sealed partial class GuestTaskHost
{
    /// <summary>
    /// Runs the attempt; null when the conversation ended before the process could start. Evicted: the owner-first
    /// policy killed it (<see cref="GuestTaskHost.SurplusChanged"/>).
    /// </summary>
    private async Task<(ExecutionResult? Execution, bool Evicted)> ExecuteAsync(
        RunRequestMessage request, string origin, GuestConversation conversation, CancellationToken cancellationToken)
    {
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnKill(object? sender, EventArgs e) => TryCancel(kill);
        conversation.KillRequested += OnKill;
        using var leaseEnd = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var lease = RenewLeaseAsync(request, conversation, leaseEnd.Token);
        try
        {
            var failure = await ReceiveInputsAsync(request, conversation, cancellationToken).ConfigureAwait(false);
            if (conversation.End != GuestConversationEnd.None)
            {
                return (null, false);
            }

            if (failure is not null)
            {
                return (FailedToStart(failure), false);
            }

            var spec = request.Spec;
            var execution = new ExecutionRequest
            {
                TaskId = request.Task.ToString(),
                AttemptId = request.Attempt.ToString(),
                Argv = spec.Argv,
                Environment = spec.Environment,
                Limits = new ExecutionLimits(
                    spec.Resources.Cpu > 0 ? spec.Resources.Cpu : null,
                    spec.Resources.Memory > 0 ? spec.Resources.Memory : null),
                Timeout = spec.Timeout,
                Inputs = [.. spec.Inputs.Select(input => new ExecutionInput(input.Name, _cache.PathOf(input.Sha256)))],
                Output = new GuestOutputSink(conversation),
            };
            // From here the attempt may have to give way to the owner: evicting it kills the process like a cancel.
            var guest = AddGuest(request, origin);
            try
            {
                using var evicted = guest.EvictionRequested.Register(() => TryCancel(kill));
                return (await _executor.ExecuteAsync(execution, kill.Token).ConfigureAwait(false), guest.Evicted);
            }
            catch (ArgumentException ex)
            {
                return (FailedToStart(ex.Message), false);
            }
            finally
            {
                RemoveGuest(guest);
                guest.Dispose();
            }
        }
        finally
        {
            conversation.KillRequested -= OnKill;
            await leaseEnd.CancelAsync().ConfigureAwait(false);
            await lease.ConfigureAwait(false);
        }
    }

    private static void TryCancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The attempt already ended.
        }
    }

    private ExecutionResult FailedToStart(string reason)
    {
        var now = _time.GetUtcNow();
        return new ExecutionResult { Outcome = ExecutionOutcome.FailedToStart, FailureReason = reason, StartedAt = now, FinishedAt = now };
    }

    /// <summary>LeaseRenew every lease/3 while the attempt runs (the origin answers LeaseRenewed or LeaseLost).</summary>
    private async Task RenewLeaseAsync(RunRequestMessage request, GuestConversation conversation, CancellationToken cancellationToken)
    {
        var period = request.Lease / 3;
        if (period <= TimeSpan.Zero)
        {
            period = TimeSpan.FromMilliseconds(1);
        }

        try
        {
            while (true)
            {
                await Task.Delay(period, _time, cancellationToken).ConfigureAwait(false);
                await conversation.SendAsync(new LeaseRenewMessage(request.Attempt, _time.GetUtcNow() + request.Lease), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The attempt ended.
        }
#pragma warning disable CA1031 // A failed write means the stream broke: that ends the conversation, not the node.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            conversation.Fail(GuestConversationEnd.Broken, $"renewing the lease failed: {ex.Message}");
        }
    }
}
