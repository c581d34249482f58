using Mesh.Core.Ledger;
using Mesh.Core.Resources;
using Mesh.Tests.Libp2p.PubSub;
using static Mesh.Tests.Core.Ledger.LedgerTestData;

namespace Mesh.Tests.Core.Ledger;

/// <summary>Ledger services on real loopback hosts talking gossipsub.</summary>
[CancelAfter(30_000)]
public sealed class LedgerClusterTests
{
    [Test]
    public async Task Ledger_ThreeHosts_TablesConvergeAndADisposedHostExpires()
    {
        // Short timing so convergence and expiry fit a fast test; the ratio rule (expiry > 2 intervals) still holds.
        var options = new LedgerOptions
        {
            PublishInterval = TimeSpan.FromMilliseconds(100),
            ExpireAfter = TimeSpan.FromMilliseconds(600),
            ExpiryCheckInterval = TimeSpan.FromMilliseconds(50),
        };
        var states = new[] { NodeA, NodeB, State("node-c", new ResourceVector(1, GiB, 100 * GB, 0), ResourceVector.Zero) };
        var nodes = await Task.WhenAll(states.Select(s => LedgerNode.StartAsync(s, options)));
        var stopped = false;
        try
        {
            await nodes[0].DialAsync(nodes[1]);
            await nodes[1].DialAsync(nodes[2]);

            foreach (var node in nodes)
            {
                await GossipNode.WaitUntilAsync(() => node.Ledger.Table.Count == 3, $"{node.PeerId} sees all three", seconds: 10);
            }

            var view = nodes[0].Ledger.GetPeersView();
            Assert.Multiple(() =>
            {
                Assert.That(view.Peers.Select(p => p.Name), Is.EquivalentTo(new[] { "node-a", "node-b", "node-c" }));
                Assert.That(view.Totals.Surplus, Is.EqualTo(new ResourceVector(5, 15 * GiB + 512 * MiB, TB + 100 * GB, 0)));
                Assert.That(nodes.Sum(n => n.Ledger.Statistics.Forged), Is.Zero);
            });

            var leaving = nodes[2].PeerId;
            await nodes[2].DisposeAsync();
            stopped = true;

            foreach (var node in nodes.Take(2))
            {
                await GossipNode.WaitUntilAsync(
                    () => node.Ledger.Table.Snapshot().Peers.All(p => p.Entry.Peer != leaving),
                    $"{node.PeerId} forgets the stopped host",
                    seconds: 10);
            }

            Assert.Multiple(() =>
            {
                Assert.That(nodes[0].Ledger.Table.Count, Is.EqualTo(2));
                Assert.That(nodes[1].Ledger.Table.Count, Is.EqualTo(2));
                Assert.That(nodes[0].Ledger.Statistics.PeersExpired, Is.EqualTo(1));
            });
        }
        finally
        {
            foreach (var node in stopped ? nodes.Take(2) : nodes)
            {
                await node.DisposeAsync();
            }
        }
    }
}
