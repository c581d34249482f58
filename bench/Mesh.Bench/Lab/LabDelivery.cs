using System.Globalization;

namespace Mesh.Bench.Lab;

/// <summary>
/// What became of the published messages: each <c>m{k}:{ns}</c> was published by peer <c>k mod N</c> at its clock's
/// <c>ns</c>; every other peer should print it once. Latency is the receiver's print time minus that stamp.
/// </summary>
/// <param name="Expected">Messages times receivers.</param>
/// <param name="Delivered">Distinct (message, receiver) pairs seen.</param>
/// <param name="Duplicates">Copies beyond the first at a receiver.</param>
/// <param name="OwnCopies">Copies a publisher got of its own message.</param>
/// <param name="LatenciesMs">Per delivery.</param>
/// <param name="ReachedAllMs">Per message that reached every other peer: its slowest delivery.</param>
/// <param name="ByPair">Per (publisher kind, receiver kind): latencies.</param>
public sealed record LabDelivery(
    int Expected,
    int Delivered,
    int Duplicates,
    int OwnCopies,
    IReadOnlyList<double> LatenciesMs,
    IReadOnlyList<double> ReachedAllMs,
    IReadOnlyDictionary<(LabPeerKind From, LabPeerKind To), List<double>> ByPair)
{
    /// <summary>Distinct deliveries so far, all peers together (for waiting).</summary>
    public static int CountDelivered(IReadOnlyList<LabBenchPeer> peers) =>
        peers.Sum(p => p.Events().Where(e => e.Name == "message" && e.Data is not null).Select(e => e.Data!.Split(':')[0]).Distinct().Count());

    /// <summary>Reads every peer's message events.</summary>
    public static LabDelivery Measure(IReadOnlyList<LabBenchPeer> peers, int messages)
    {
        var latencies = new List<double>();
        var slowest = new double[messages];
        var receivers = new int[messages];
        var byPair = new Dictionary<(LabPeerKind, LabPeerKind), List<double>>();
        int delivered = 0, duplicates = 0, own = 0;
        foreach (var peer in peers)
        {
            var seen = new HashSet<int>();
            foreach (var e in peer.Events().Where(e => e.Name == "message" && e.Data is not null))
            {
                if (!TryParse(e.Data!, out var k, out var sentNs) || k < 0 || k >= messages)
                {
                    continue;
                }

                var publisher = peers[k % peers.Count];
                if (publisher == peer)
                {
                    own++;
                }
                else if (!seen.Add(k))
                {
                    duplicates++;
                }
                else
                {
                    var ms = (e.Nanoseconds - sentNs) / 1e6;
                    delivered++;
                    latencies.Add(ms);
                    slowest[k] = Math.Max(slowest[k], ms);
                    receivers[k]++;
                    var pair = (publisher.Kind, peer.Kind);
                    if (!byPair.TryGetValue(pair, out var list))
                    {
                        byPair[pair] = list = [];
                    }

                    list.Add(ms);
                }
            }
        }

        var reachedAll = Enumerable.Range(0, messages).Where(k => receivers[k] == peers.Count - 1).Select(k => slowest[k]).ToList();
        return new LabDelivery(messages * (peers.Count - 1), delivered, duplicates, own, latencies, reachedAll, byPair);
    }

    private static bool TryParse(string data, out int k, out long sentNs)
    {
        k = -1;
        sentNs = 0;
        var colon = data.IndexOf(':', StringComparison.Ordinal);
        return data.StartsWith('m') && colon > 1
            && int.TryParse(data.AsSpan(1, colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out k)
            && long.TryParse(data.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sentNs);
    }
}
