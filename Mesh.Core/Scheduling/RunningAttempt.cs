using Mesh.Core.Resources;
using Mesh.Core.Tasks;

namespace Mesh.Core.Scheduling;

/// <summary>One attempt running on this node, as the service tracks it.</summary>
internal sealed class RunningAttempt(TaskId taskId, AttemptId attemptId, int slots, ResourceVector request) : IDisposable
{
    public TaskId TaskId { get; } = taskId;

    public AttemptId AttemptId { get; } = attemptId;

    /// <summary>The slots it holds.</summary>
    public int Slots { get; } = slots;

    /// <summary>What it asked for.</summary>
    public ResourceVector Request { get; } = request;

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

    public void Dispose() => Kill.Dispose();
}
