using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.PubSub;

namespace Mesh.Tests.Libp2p.PubSub;

/// <summary>
/// A hostile peer (a plain host without a router, writing crafted RPC frames on a /meshsub/1.1.0 stream) against a
/// router. Each case ends with the hostile peer sending a valid message, which must still be delivered: the bad
/// input was dropped and counted, and the peer is still served.
/// </summary>
[CancelAfter(30_000)]
public sealed class GossipsubHostileTests
{
    private const string Topic = "t";

    [Test]
    public async Task UnsignedMessage_DroppedAndCounted()
    {
        await RunAsync(DefaultOptions(), (key, _) =>
        [
            GossipRpc.OfMessages(Sign(key, "bad") with { Signature = null }),
        ], stats => Assert.That(stats.UnsignedMessages, Is.EqualTo(1)));
    }

    [Test]
    public async Task ForgedSignature_DroppedAndCounted()
    {
        await RunAsync(DefaultOptions(), (key, _) =>
        [
            GossipRpc.OfMessages(Sign(key, "bad") with { Data = "forged"u8.ToArray() }),
            GossipRpc.OfMessages(Sign(IdentityKey.Generate(), "other") with { From = key.PeerId.Bytes.ToArray(), Key = null }),
        ], stats => Assert.That(stats.InvalidSignatures, Is.EqualTo(2)));
    }

    [Test]
    public async Task OversizedFrame_DiscardedUnbufferedAndCounted()
    {
        var options = DefaultOptions();
        options.MaxMessageSize = 512;
        options.RpcLimits.MaxRpcSize = 1024;
        await RunAsync(options, (key, _) =>
        [
            GossipRpc.OfMessages(GossipMessageSigning.Sign(key, Topic, new byte[4000], 1)),
        ], stats => Assert.That(stats.OversizedFrames, Is.EqualTo(1)));
    }

    [Test]
    public async Task IHaveFlood_ExcessIgnoredAndCounted()
    {
        var ids = Enumerable.Range(0, 3).Select(i => new byte[] { 1, (byte)i }).ToArray();
        await RunAsync(DefaultOptions(), (_, _) =>
        [
            GossipRpc.OfControl(new ControlMessage([.. Enumerable.Range(0, 50).Select(_ => new ControlIHave(Topic, ids))], [], [], [])),
        ], stats => Assert.That(stats.IHaveFloods, Is.EqualTo(40)));
    }

    [Test]
    public async Task GraftFlood_ExcessIgnoredAndCounted()
    {
        var options = DefaultOptions();
        options.MaxGraftsPerHeartbeat = 5;
        await RunAsync(options, (_, _) =>
        [
            GossipRpc.OfControl(new ControlMessage([], [], [.. Enumerable.Range(0, 100).Select(_ => new ControlGraft(Topic))], [])),
        ], stats => Assert.That(stats.GraftFloods, Is.EqualTo(95)));
    }

    [Test]
    public async Task GarbageFrame_DroppedAndCounted()
    {
        var options = DefaultOptions();
        await RunRawAsync(options, [[3, 0x0a, 0xff, 0x01]], stats => Assert.That(stats.MalformedRpcs, Is.EqualTo(1)));
    }

    /// <summary>A heartbeat that never fires during the test, so per-heartbeat counters are exact.</summary>
    private static GossipsubOptions DefaultOptions() => new()
    {
        HeartbeatInterval = TimeSpan.FromMinutes(10),
        HeartbeatInitialDelay = TimeSpan.FromMinutes(10),
    };

    private static GossipMessage Sign(IdentityKey key, string data) =>
        GossipMessageSigning.Sign(key, Topic, System.Text.Encoding.UTF8.GetBytes(data), (ulong)Random.Shared.NextInt64(1, long.MaxValue));

    private static Task RunAsync(GossipsubOptions options, Func<IdentityKey, PeerId, GossipRpc[]> hostile, Action<GossipsubStatistics> check) =>
        RunRawAsync(options, null, check, hostile);

    private static async Task RunRawAsync(
        GossipsubOptions options,
        byte[][]? rawFrames,
        Action<GossipsubStatistics> check,
        Func<IdentityKey, PeerId, GossipRpc[]>? hostile = null)
    {
        await using var victim = await GossipNode.StartAsync(options);
        var subscription = victim.Router.Subscribe(Topic);
        var key = IdentityKey.Generate();
        var hostOptions = new Libp2pHostOptions();
        hostOptions.ListenAddresses.Add(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0"));
        await using var attacker = new Libp2pHost(key, hostOptions, TestLogging.Factory);
        await attacker.StartAsync();
        await attacker.DialAsync(victim.Host.ListenAddresses[0]);
        await using var stream = await attacker.OpenStreamAsync(victim.PeerId, [GossipProtocols.MeshSub11]);

        var frames = rawFrames ?? hostile!(key, victim.PeerId).Select(GossipRpcEncoder.EncodeFramed).ToArray();
        foreach (var frame in frames)
        {
            await stream.Output.WriteAsync(frame);
        }

        var valid = GossipMessageSigning.Sign(key, Topic, "still served"u8, 42);
        await stream.Output.WriteAsync(GossipRpcEncoder.EncodeFramed(GossipRpc.OfMessages(valid)));

        var delivered = await GossipNode.NextAsync(subscription);

        Assert.Multiple(() =>
        {
            Assert.That(System.Text.Encoding.UTF8.GetString(delivered.Data.Span), Is.EqualTo("still served"));
            Assert.That(delivered.From, Is.EqualTo(key.PeerId));
            Assert.That(subscription.Messages.TryRead(out _), Is.False, "a bad message was delivered");
            check(victim.Router.Statistics);
        });
    }
}
