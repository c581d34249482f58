namespace Mesh.Core.Remote.Dispatch;

/// <summary>Where a remote attempt's conversation is: which executor messages it takes (contract "Fresh run").</summary>
internal enum ConversationPhase
{
    /// <summary>RunRequest sent: RunAccepted or RunRefused next.</summary>
    AwaitingAcceptance = 0,

    /// <summary>Accepted (or redelivering): InputRequest (fresh runs, once), OutputChunk, LeaseRenew, RunResult.</summary>
    Running = 1,

    /// <summary>RunResult received: the manifest's files as OutputFileData, in manifest order; LeaseRenew.</summary>
    ReceivingFiles = 2,
}
