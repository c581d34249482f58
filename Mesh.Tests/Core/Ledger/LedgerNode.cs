using Mesh.Core.Ledger;
using Mesh.Core.Network;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.PubSub;
using Mesh.Tests.Libp2p.PubSub;
using Microsoft.Extensions.Logging;

namespace Mesh.Tests.Core.Ledger;

/// <summary>A real loopback host with a gossipsub router and a started <see cref="LedgerService"/>, for tests.</summary>
internal sealed class LedgerNode : IAsyncDisposable
{
    private LedgerNode(Libp2pHost host, Gossipsub router, LedgerService ledger)
    {
        Host = host;
        Router = router;
        Ledger = ledger;
    }

    public Libp2pHost Host { get; }

    public Gossipsub Router { get; }

    public LedgerService Ledger { get; }

    public PeerId PeerId => Host.PeerId;

    public static async Task<LedgerNode> StartAsync(LocalLedgerState state, LedgerOptions options)
    {
        var identity = IdentityKey.Generate();
        var hostOptions = new Libp2pHostOptions();
        hostOptions.ListenAddresses.Add(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0"));
        var host = new Libp2pHost(identity, hostOptions, TestLogging.Factory);
        await host.StartAsync();
        var router = new Gossipsub(host, identity, GossipNode.FastOptions(), TimeProvider.System, TestLogging.Factory.CreateLogger<Gossipsub>());
        await router.StartAsync();
        var ledger = new LedgerService(new GossipsubMeshPubSub(router), identity, state, options, TimeProvider.System, TestLogging.Factory.CreateLogger<LedgerService>());
        await ledger.StartAsync();
        return new LedgerNode(host, router, ledger);
    }

    public Task<PeerId> DialAsync(LedgerNode other) => Host.DialAsync(other.Host.ListenAddresses[0]);

    public async ValueTask DisposeAsync()
    {
        await Ledger.DisposeAsync();
        await Router.DisposeAsync();
        await Host.DisposeAsync();
    }
}
