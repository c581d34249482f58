using Mesh.Libp2p.Host;
using Mesh.Libp2p.Protocols.Echo;

namespace Mesh.Tests.Libp2p.Host;

/// <summary>
/// Hostile or broken peers on a raw socket: each ends with the host closing that connection and logging
/// why, while it keeps serving a well-behaved peer.
/// </summary>
[TestFixture]
[CancelAfter(30_000)]
public sealed class HostilePeerTests
{
    private static readonly byte[] MultistreamHeader = Convert.FromHexString("132f6d756c746973747265616d2f312e302e300a");
    private static readonly byte[] NoiseProposal = Convert.FromHexString("072f6e6f6973650a");

    [Test]
    public async Task Host_OversizedMultistreamLengthPrefix_ClosesAndKeepsServing()
    {
        await using var host = await TestHost.StartAsync();
        using var raw = await RawPeer.ConnectAsync(host);

        await raw.SendAsync([.. MultistreamHeader, 0xff, 0xff, 0x03]);

        Assert.That(await raw.ReadUntilClosedAsync(), Is.True, "the host should close the connection");
        Assert.That(await LogCapture.WaitForAsync(TimeSpan.FromSeconds(5), "inbound", raw.LocalPort), Is.Not.Null);
        await AssertStillServesAsync(host);
    }

    [Test]
    public async Task Host_TruncatedNoiseFrame_ClosesAndKeepsServing()
    {
        await using var host = await TestHost.StartAsync();
        using var raw = await RawPeer.ConnectAsync(host);

        // A Noise frame announcing 256 bytes, of which only 10 arrive before the peer stops sending.
        await raw.SendAsync([.. MultistreamHeader, .. NoiseProposal, 0x01, 0x00, .. new byte[10]]);
        raw.ShutdownSend();

        Assert.That(await raw.ReadUntilClosedAsync(), Is.True);
        Assert.That(await LogCapture.WaitForAsync(TimeSpan.FromSeconds(5), "inbound", raw.LocalPort), Is.Not.Null);
        await AssertStillServesAsync(host);
    }

    [Test]
    public async Task Host_NoiseMessageOneOfWrongLength_ClosesAndKeepsServing()
    {
        await using var host = await TestHost.StartAsync();
        using var raw = await RawPeer.ConnectAsync(host);

        await raw.SendAsync([.. MultistreamHeader, .. NoiseProposal, 0x00, 0x05, 1, 2, 3, 4, 5]);

        Assert.That(await raw.ReadUntilClosedAsync(), Is.True);
        Assert.That(await LogCapture.WaitForAsync(TimeSpan.FromSeconds(5), "inbound", raw.LocalPort), Is.Not.Null);
        await AssertStillServesAsync(host);
    }

    [Test]
    public async Task Host_PeerSilentMidHandshake_ClosesAfterUpgradeTimeout()
    {
        await using var host = await TestHost.StartAsync(configure: o => o.UpgradeTimeout = TimeSpan.FromMilliseconds(500));
        using var raw = await RawPeer.ConnectAsync(host);

        await raw.SendAsync([.. MultistreamHeader, .. NoiseProposal]);

        Assert.That(await raw.ReadUntilClosedAsync(), Is.True);
        Assert.That(await LogCapture.WaitForAsync(TimeSpan.FromSeconds(5), raw.LocalPort, "did not finish in time"), Is.Not.Null);
        await AssertStillServesAsync(host);
    }

    [Test]
    public async Task Host_UnknownSecurityProtocol_AnswersNaThenClosesOnTimeout()
    {
        await using var host = await TestHost.StartAsync(configure: o => o.UpgradeTimeout = TimeSpan.FromMilliseconds(500));
        using var raw = await RawPeer.ConnectAsync(host);

        await raw.SendAsync([.. MultistreamHeader, .. Convert.FromHexString("0b2f746c732f312e302e300a")]);
        var reply = await raw.ReadAsync(MultistreamHeader.Length + 4);

        Assert.That(Convert.ToHexStringLower(reply), Is.EqualTo(Convert.ToHexStringLower(MultistreamHeader) + "036e610a"));
        Assert.That(await raw.ReadUntilClosedAsync(), Is.True);
        await AssertStillServesAsync(host);
    }

    [Test]
    public async Task Host_UnknownStreamProtocol_RefusedAndConnectionStays()
    {
        await using var host = await TestHost.StartAsync();
        await using var client = await TestHost.StartAsync();
        var peer = await client.DialAsync(host.Address());

        var refused = Assert.ThrowsAsync<Mesh.Libp2p.Multistream.ProtocolNotSupportedException>(
            () => client.OpenStreamAsync(peer, ["/no/such/protocol/1.0.0"]));

        Assert.That(refused, Is.Not.Null);
        Assert.That(client.ConnectedPeers, Does.Contain(host.PeerId));
        await using var echo = await client.OpenStreamAsync(peer, [EchoProtocol.Id]);
        Assert.That(await EchoClient.RoundTripAsync(echo, 1000), Is.True);
    }

    /// <summary>A well-behaved peer can still connect, ping and echo.</summary>
    private static async Task AssertStillServesAsync(Libp2pHost host)
    {
        await using var good = await TestHost.StartAsync();
        var peer = await good.DialAsync(host.Address());
        Assert.That(await good.PingAsync(peer), Is.GreaterThan(TimeSpan.Zero));
        await using var echo = await good.OpenStreamAsync(peer, [EchoProtocol.Id]);
        Assert.That(await EchoClient.RoundTripAsync(echo, 4096), Is.True);
    }
}
