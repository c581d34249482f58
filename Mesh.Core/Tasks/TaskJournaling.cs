using Mesh.Core.Journal;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Tasks;

/// <summary>
/// What a node needs to journal the compute transactions it takes part in (docs/protocol.md "Journal"): its identity
/// key, which signs records as executor and countersigns them as origin, and its own journal. The task service, the
/// remote attempt runner and the guest task host take it as their <c>Journaling</c> property; null there means not
/// journaled (unit tests), and mesh-node always sets it.
/// </summary>
public sealed class TaskJournaling
{
    /// <summary>Pairs the node's key with its journal.</summary>
    /// <exception cref="ArgumentException">The journal is not owned by the key's peer.</exception>
    public TaskJournaling(IdentityKey identity, IComputeJournal journal)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(journal);
        if (journal.Owner != identity.PeerId)
        {
            throw new ArgumentException($"The journal of {journal.Owner} is not the journal of {identity.PeerId}, whose key signs.", nameof(journal));
        }

        Identity = identity;
        Journal = journal;
    }

    /// <summary>The node's identity key.</summary>
    public IdentityKey Identity { get; }

    /// <summary>The node's own journal.</summary>
    public IComputeJournal Journal { get; }

    /// <summary>The node's peer id.</summary>
    public PeerId Self => Identity.PeerId;
}
