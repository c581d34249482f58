using Mesh.Core.Tasks;

namespace Mesh.Core.Scheduling;

/// <summary>One attempt of this node's task, running here or on another peer, as the service tracks it.</summary>
internal sealed class RunningAttempt(TaskId taskId, AttemptId attemptId, SlotReservation? slots, string? peer) : IDisposable
{
    public TaskId TaskId { get; } = taskId;

    public AttemptId AttemptId { get; } = attemptId;

    /// <summary>The slots it holds here; null when it runs on another peer.</summary>
    public SlotReservation? Slots { get; } = slots;

    /// <summary>The executor's peer id when it runs on another peer; null when it runs here.</summary>
    public string? Peer { get; } = peer;

    /// <summary>What it asked for.</summary>
    public Resources.ResourceVector Request { get; init; }

    /// <summary>When this node started it.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Cancelled to kill the attempt (cancel, lost lease, node stopping).</summary>
    public CancellationTokenSource Kill { get; } = new();

    /// <summary>Set when the node stops: the attempt is requeued, not completed.</summary>
    public bool StoppedByNode { get; set; }

    /// <summary>The attempt's whole run, through recording its result and removing its working directory.</summary>
    public Task Completion { get; set; } = Task.CompletedTask;

    /// <summary>Kills the attempt; harmless when it has already ended.</summary>
    public async Task KillAsync()
    {
        try
        {
            await Kill.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // It ended (and was disposed) between being looked up and being killed.
        }
    }

    /// <summary>Asks the attempt to stop without waiting (its token's callbacks run here); harmless when it has ended.</summary>
    public void RequestKill()
    {
        try
        {
            Kill.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It ended (and was disposed) in the meantime.
        }
    }

    public void Dispose() => Kill.Dispose();
}
