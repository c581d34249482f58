namespace Mesh.Core.Journal.Audit;

public sealed partial class JournalWatch
{
    /// <summary>What the watch knows of one peer's journal; guarded by the watch's lock.</summary>
    private sealed class PeerRecord(JournalHead verified)
    {
        /// <summary>The newest head known to extend every earlier one.</summary>
        public JournalHead Verified { get; set; } = verified;

        /// <summary>The newest head announced above <see cref="Verified"/>, waiting for an audit; null when none.</summary>
        public JournalHead? Pending { get; set; }

        public JournalPeerStatus Status { get; private set; } = JournalPeerStatus.Consistent;

        public string? Problem { get; private set; }

        /// <summary>True while an audit of this peer runs.</summary>
        public bool Auditing { get; set; }

        /// <summary>When the last audit of this peer started; null before the first.</summary>
        public DateTimeOffset? LastAuditAt { get; set; }

        /// <summary>True when a head waits and no audit runs.</summary>
        public bool WantsAudit => Status != JournalPeerStatus.Forked && Pending is not null && !Auditing;

        public void Fork(string problem)
        {
            Status = JournalPeerStatus.Forked;
            Problem = problem;
            Pending = null;
        }

        public JournalPeerState ToState() => new(Status, Verified, Problem);
    }
}
