using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Pnet;
using Mesh.Libp2p.Protocols.Echo;

namespace Mesh.Tests.Interop;

/// <summary>Mesh.Libp2p against a real js-libp2p 3.x node over loopback, both directions, with and without pnet.</summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class JsInteropTests
{
    private string _pskFile = "";
    private PreSharedKey _psk = null!;

    [OneTimeSetUp]
    public void WriteMeshKey()
    {
        _psk = PreSharedKey.Generate();
        _pskFile = Path.Combine(Path.GetTempPath(), $"mesh-interop-{Guid.NewGuid():N}.key");
        File.WriteAllText(_pskFile, _psk.ToSwarmKeyText());
    }

    [OneTimeTearDown]
    public void DeleteMeshKey() => File.Delete(_pskFile);

    [TestCase(false)]
    [TestCase(true)]
    public async Task CSharpDialsJs_PingAndIdentify_BothSucceed(bool withPnet)
    {
        await using var js = await JsPeer.StartAsync(withPnet ? _pskFile : null);
        await using var host = await TestHost.StartAsync(withPnet ? _psk : null);
        var identified = WaitForIdentify(host);

        var peer = await host.DialAsync(Multiaddr.Parse(js.Addresses[0]));
        var rtt = await host.PingAsync(peer);
        var info = await identified;
        var jsView = await WaitForJsIdentifyAsync(js, host.PeerId);

        Assert.Multiple(() =>
        {
            Assert.That(peer.ToString(), Is.EqualTo(js.PeerId));
            Assert.That(rtt, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(info.Protocols, Does.Contain("/ipfs/ping/1.0.0").And.Contain("/ipfs/id/1.0.0").And.Contain(EchoProtocol.Id));
            Assert.That(info.AgentVersion, Does.StartWith("js-libp2p").Or.Contain("libp2p"));
            Assert.That(jsView, Does.Contain(EchoProtocol.Id).And.Contain("/ipfs/ping/1.0.0"));
        });
        var pong = await js.CommandAsync("ping", new { peer = host.PeerId.ToString() });
        Assert.That(pong["rttMs"]!.GetValue<double>(), Is.GreaterThanOrEqualTo(0));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task JsDialsCSharp_PingAndIdentify_BothSucceed(bool withPnet)
    {
        await using var host = await TestHost.StartAsync(withPnet ? _psk : null);
        await using var js = await JsPeer.StartAsync(withPnet ? _pskFile : null);
        var identified = WaitForIdentify(host);

        var dialed = await js.CommandAsync("dial", new { addr = host.Address().ToString() });
        var pong = await js.CommandAsync("ping", new { peer = host.PeerId.ToString() });
        var info = await identified;
        var rtt = await host.PingAsync(PeerId.Parse(js.PeerId));
        var jsView = await WaitForJsIdentifyAsync(js, host.PeerId);

        Assert.Multiple(() =>
        {
            Assert.That(dialed["peer"]!.GetValue<string>(), Is.EqualTo(host.PeerId.ToString()));
            Assert.That(pong["rttMs"]!.GetValue<double>(), Is.GreaterThanOrEqualTo(0));
            Assert.That(info.Peer.ToString(), Is.EqualTo(js.PeerId));
            Assert.That(rtt, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(jsView, Does.Contain("/ipfs/id/1.0.0"));
        });
    }

    [Test]
    public async Task JsDialsCSharp_WrongMeshKey_NoConnection()
    {
        await using var host = await TestHost.StartAsync(PreSharedKey.Generate());
        await using var js = await JsPeer.StartAsync(_pskFile);

        var reply = await js.TryCommandAsync("dial", new { addr = host.Address().ToString() });

        Assert.That(reply["ok"]!.GetValue<bool>(), Is.False);
        Assert.That(host.ConnectedPeers, Is.Empty);
    }

    [Test]
    public async Task CSharpDialsJs_HundredConcurrentEchoStreams_AllEchoIntact()
    {
        await using var js = await JsPeer.StartAsync();
        await using var host = await TestHost.StartAsync();
        var peer = await host.DialAsync(Multiaddr.Parse(js.Addresses[0]));

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            await using var stream = await host.OpenStreamAsync(peer, [EchoProtocol.Id]);
            return await EchoClient.RoundTripAsync(stream, 16 * 1024);
        }));

        Assert.That(results, Has.All.True);
    }

    [Test]
    public async Task JsDialsCSharp_HundredConcurrentEchoStreams_AllEchoIntact()
    {
        await using var host = await TestHost.StartAsync();
        await using var js = await JsPeer.StartAsync();
        await js.CommandAsync("dial", new { addr = host.Address().ToString() });

        var reply = await js.CommandAsync("echo", new { peer = host.PeerId.ToString(), bytes = 16 * 1024, streams = 100 });

        Assert.That(reply["ms"]!.GetValue<double>(), Is.GreaterThan(0));
    }

    [Test]
    public async Task CSharpDialsJs_SixtyFourMiBEcho_ShaMatches()
    {
        await using var js = await JsPeer.StartAsync();
        await using var host = await TestHost.StartAsync();
        var peer = await host.DialAsync(Multiaddr.Parse(js.Addresses[0]));

        await using var stream = await host.OpenStreamAsync(peer, [EchoProtocol.Id]);

        Assert.That(await EchoClient.RoundTripAsync(stream, 64 * 1024 * 1024), Is.True);
    }

    [Test]
    public async Task JsDialsCSharp_SixtyFourMiBEchoWithPnet_ShaMatches()
    {
        await using var host = await TestHost.StartAsync(_psk);
        await using var js = await JsPeer.StartAsync(_pskFile);
        await js.CommandAsync("dial", new { addr = host.Address().ToString() });

        var reply = await js.CommandAsync("echo", new { peer = host.PeerId.ToString(), bytes = 64 * 1024 * 1024, streams = 1 });

        Assert.That(reply["ok"]!.GetValue<bool>(), Is.True);
    }

    private static Task<PeerInfo> WaitForIdentify(Libp2pHost host)
    {
        var identified = new TaskCompletionSource<PeerInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.PeerIdentified += (_, e) => identified.TrySetResult(e.Info);
        return identified.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private static async Task<IReadOnlyList<string>> WaitForJsIdentifyAsync(JsPeer js, PeerId peer)
    {
        var e = await js.WaitForEventAsync("peer:identify", m => m["peer"]?.GetValue<string>() == peer.ToString(), TimeSpan.FromSeconds(20));
        return e["protocols"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray();
    }
}
