using Mesh.Core.Tasks;
using Mesh.Libp2p.Channels;

namespace Mesh.Core.Remote.Dispatch;

/// <summary>The state of one attempt's conversation with its executor, owned by the single loop serving it.</summary>
internal sealed class RemoteConversation(IDuplexChannel stream, TaskId task, AttemptId attempt, TaskSpec spec, string peer, ConversationPhase phase)
{
    public IDuplexChannel Stream { get; } = stream;

    public TaskId Task { get; } = task;

    public AttemptId Attempt { get; } = attempt;

    public TaskSpec Spec { get; } = spec;

    public string Peer { get; } = peer;

    public ConversationPhase Phase { get; set; } = phase;

    /// <summary>Output bytes the executor may still send: granted minus spent.</summary>
    public long Credit { get; set; }

    /// <summary>Whether the executor may still ask for inputs (fresh runs only, once).</summary>
    public bool InputsAllowed { get; set; }

    /// <summary>Cancelled when the task was cancelled (fresh runs); never for redeliveries.</summary>
    public CancellationToken Kill { get; init; }

    /// <summary>When Cancel was sent, the time by which the result must have come; null before.</summary>
    public DateTimeOffset? CancelDeadline { get; set; }

    /// <summary>The executor's result while its files arrive.</summary>
    public TaskResult? Result { get; set; }

    /// <summary>Receives the result's files; null before RunResult.</summary>
    public OutputFileReceiver? Files { get; set; }

    /// <summary>The executor-signed compute record of the result, checked; null before RunResult or without a journal.</summary>
    public Journal.SignedComputeRecord? Transaction { get; set; }

    /// <summary>For a redelivery of a result already journaled: its entry, whose countersignature answers it; otherwise null.</summary>
    public Journal.JournalEntry? Journaled { get; init; }
}
