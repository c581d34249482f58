using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.PubSub;
using Microsoft.Extensions.Logging;

namespace Mesh.Tests.Libp2p.PubSub;

/// <summary>A real <see cref="Libp2pHost"/> on loopback with a started <see cref="Gossipsub"/> router, for tests.</summary>
internal sealed class GossipNode : IAsyncDisposable
{
    private GossipNode(Libp2pHost host, Gossipsub router)
    {
        Host = host;
        Router = router;
    }

    public Libp2pHost Host { get; }

    public Gossipsub Router { get; }

    public PeerId PeerId => Host.PeerId;

    /// <summary>Options with a fast heartbeat, so meshes settle within a test's budget.</summary>
    public static GossipsubOptions FastOptions(Action<GossipsubOptions>? configure = null)
    {
        var options = new GossipsubOptions
        {
            HeartbeatInterval = TimeSpan.FromMilliseconds(50),
            HeartbeatInitialDelay = TimeSpan.FromMilliseconds(10),
        };
        configure?.Invoke(options);
        return options;
    }

    public static async Task<GossipNode> StartAsync(GossipsubOptions? options = null)
    {
        var identity = IdentityKey.Generate();
        var hostOptions = new Libp2pHostOptions();
        hostOptions.ListenAddresses.Add(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0"));
        var host = new Libp2pHost(identity, hostOptions, TestLogging.Factory);
        await host.StartAsync();
        var router = new Gossipsub(host, identity, options ?? FastOptions(), TimeProvider.System, TestLogging.Factory.CreateLogger<Gossipsub>());
        await router.StartAsync();
        return new GossipNode(host, router);
    }

    public static async Task<GossipNode[]> StartManyAsync(int count, GossipsubOptions? options = null) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => StartAsync(options)));

    public Task<PeerId> DialAsync(GossipNode other) => Host.DialAsync(other.Host.ListenAddresses[0]);

    public async ValueTask DisposeAsync()
    {
        await Router.DisposeAsync();
        await Host.DisposeAsync();
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <paramref name="seconds"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, double seconds = 5)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Reads the next message of <paramref name="subscription"/>, failing the test after <paramref name="seconds"/>.</summary>
    public static async Task<PubSubMessage> NextAsync(TopicSubscription subscription, double seconds = 5)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            return await subscription.Messages.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no message on {subscription.Topic} within {seconds} s");
            throw;
        }
    }
}
