using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.Host;

/// <summary>
/// The listen addresses identified peers announced, kept after they disconnect so that they can be dialed again
/// (gossipsub peer exchange names peers by id only). Bounded: at most <c>maxPeers</c> peers, the least recently
/// updated forgotten first, and at most <c>maxAddressesPerPeer</c> addresses each. Thread-safe.
/// </summary>
internal sealed class AddressBook(int maxPeers, int maxAddressesPerPeer)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<PeerId, LinkedListNode<(PeerId Peer, Multiaddr[] Addresses)>> _entries = [];
    private readonly LinkedList<(PeerId Peer, Multiaddr[] Addresses)> _byAge = new();

    /// <summary>Peers known now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Replaces what is known of <paramref name="peer"/> (an empty list forgets it) and marks it the most recent.</summary>
    public void Record(PeerId peer, IReadOnlyList<Multiaddr> addresses)
    {
        // Stored without /p2p/: the caller appends the id it dials, so a forged suffix cannot redirect a dial.
        var kept = addresses.Select(a => a.WithoutPeerId()).Where(a => !a.IsEmpty).Distinct().Take(maxAddressesPerPeer).ToArray();
        lock (_gate)
        {
            if (_entries.Remove(peer, out var existing))
            {
                _byAge.Remove(existing);
            }

            if (kept.Length == 0)
            {
                return;
            }

            if (_entries.Count >= maxPeers && _byAge.First is { } oldest)
            {
                _entries.Remove(oldest.Value.Peer);
                _byAge.RemoveFirst();
            }

            _entries[peer] = _byAge.AddLast((peer, kept));
        }
    }

    /// <summary>The addresses last recorded for <paramref name="peer"/>, without /p2p/; false when none are known.</summary>
    public bool TryGet(PeerId peer, out IReadOnlyList<Multiaddr> addresses)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(peer, out var node))
            {
                addresses = node.Value.Addresses;
                return true;
            }
        }

        addresses = [];
        return false;
    }
}
