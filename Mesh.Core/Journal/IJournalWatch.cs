using Mesh.Libp2p.Identity;

namespace Mesh.Core.Journal;

/// <summary>Watches the journal heads peers announce and reports a peer whose history was rewritten.</summary>
public interface IJournalWatch
{
    /// <summary>What this node knows of <paramref name="peer"/>'s journal.</summary>
    JournalPeerState StateOf(PeerId peer);
}
