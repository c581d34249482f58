namespace Mesh.Bench.Lab;

/// <summary>
/// How long one peer took from its spawn to be ready (listening, discovery started), to have discovered every other
/// peer by mDNS, and to be connected to every other peer at once; null where that never happened.
/// </summary>
/// <param name="Peer">The peer.</param>
/// <param name="ReadyMs">Spawn to ready.</param>
/// <param name="DiscoveredAllMs">Spawn to the last other peer's first mDNS discovery event.</param>
/// <param name="ConnectedAllMs">Spawn to the first moment it was connected to every other peer.</param>
public sealed record LabStartup(LabBenchPeer Peer, double ReadyMs, double? DiscoveredAllMs, double? ConnectedAllMs)
{
    /// <summary>Spawn to connected to all, or null.</summary>
    public double? ConnectedAll => ConnectedAllMs;

    /// <summary>Reads the peer's events so far against the ids of all peers (its own included).</summary>
    public static LabStartup Measure(LabBenchPeer peer, IReadOnlyList<string> allIds)
    {
        var others = allIds.Where(id => id != peer.Id).ToHashSet();
        var events = peer.Events().OrderBy(e => e.Nanoseconds).ToList();
        var ready = events.FirstOrDefault(e => e.Name == "ready");
        double? discoveredAll = null;
        double? connectedAll = null;
        var discovered = new HashSet<string>();
        var connected = new Dictionary<string, int>();
        foreach (var e in events)
        {
            if (e.Peer is null || !others.Contains(e.Peer))
            {
                continue;
            }

            switch (e.Name)
            {
                case "peer:discovery":
                    if (discovered.Add(e.Peer) && discovered.Count == others.Count)
                    {
                        discoveredAll ??= Since(peer, e);
                    }

                    break;
                case "peer:connect":
                    connected[e.Peer] = connected.GetValueOrDefault(e.Peer) + 1;
                    if (connected.Count(c => c.Value > 0) == others.Count)
                    {
                        connectedAll ??= Since(peer, e);
                    }

                    break;
                case "peer:disconnect":
                    connected[e.Peer] = Math.Max(0, connected.GetValueOrDefault(e.Peer) - 1);
                    break;
            }
        }

        return new LabStartup(peer, ready is null ? double.NaN : Since(peer, ready), discoveredAll, connectedAll);
    }

    private static double Since(LabBenchPeer peer, LabPeerEvent e) => (e.Nanoseconds - peer.SpawnNanoseconds) / 1e6;
}
