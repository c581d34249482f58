namespace Mesh.Core.Tasks.Wire;

/// <summary>The first element of every task protocol message: which record the body is.</summary>
public enum TaskMessageType
{
    /// <summary>Origin to executor: run this attempt of a task.</summary>
    RunRequest = 1,

    /// <summary>Executor to origin: the attempt is accepted and leased.</summary>
    RunAccepted = 2,

    /// <summary>Executor to origin: the attempt is refused (with a reason code).</summary>
    RunRefused = 3,

    /// <summary>Executor to origin: the input contents (by SHA-256) the executor lacks.</summary>
    InputRequest = 4,

    /// <summary>Origin to executor: a chunk of one input's content.</summary>
    InputData = 5,

    /// <summary>Executor to origin: a chunk of stdout or stderr.</summary>
    OutputChunk = 6,

    /// <summary>Origin to executor: more output bytes it can take.</summary>
    OutputCredit = 7,

    /// <summary>Executor to origin: please extend the lease.</summary>
    LeaseRenew = 8,

    /// <summary>Origin to executor: the lease is extended.</summary>
    LeaseRenewed = 9,

    /// <summary>Origin to executor: the attempt is no longer current; kill it.</summary>
    LeaseLost = 10,

    /// <summary>Executor to origin: how the attempt ended.</summary>
    RunResult = 11,

    /// <summary>Origin to executor: the result is recorded (or was a duplicate); the executor may forget it.</summary>
    ResultAck = 12,

    /// <summary>Executor to origin: a chunk of one output file.</summary>
    OutputFileData = 13,

    /// <summary>Origin to executor: cancel the attempt.</summary>
    Cancel = 14,

    /// <summary>Thief to victim: offer me work that fits my surplus.</summary>
    StealRequest = 15,

    /// <summary>Victim to thief: these attempts, leased to the thief.</summary>
    StealOffer = 16,
}
