using System.Buffers;
using Mesh.Libp2p.Multistream;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Libp2p.Multistream;

public sealed class MultistreamSelectTests
{
    private static readonly byte[] Header = MultistreamMessage.Encode(MultistreamSelect.ProtocolId);
    private static readonly byte[] Noise = MultistreamMessage.Encode("/noise");
    private static readonly byte[] Tls = MultistreamMessage.Encode("/tls/1.0.0");
    private static readonly byte[] Na = MultistreamMessage.Encode("na");

    [Test]
    public async Task SelectAndHandle_CommonProtocol_BothAgree()
    {
        var (dialer, listener) = ChannelPair.Create();

        var handled = MultistreamSelect.HandleAsync(listener, ["/yamux/1.0.0", "/noise"]);
        var selected = await MultistreamSelect.SelectAsync(dialer, ["/noise"]).Bounded();

        Assert.That(selected, Is.EqualTo("/noise"));
        Assert.That(await handled.Bounded(), Is.EqualTo("/noise"));
    }

    [Test]
    public async Task SelectAndHandle_FirstRefused_AgreeOnSecond()
    {
        var (dialer, listener) = ChannelPair.Create();

        var handled = MultistreamSelect.HandleAsync(listener, p => p == "/meshsub/1.1.0");
        var selected = await MultistreamSelect.SelectAsync(dialer, ["/meshsub/1.2.0", "/meshsub/1.1.0"]).Bounded();

        Assert.That(selected, Is.EqualTo("/meshsub/1.1.0"));
        Assert.That(await handled.Bounded(), Is.EqualTo("/meshsub/1.1.0"));
    }

    [Test]
    public async Task Select_HeaderAndFirstProposal_SentTogetherBeforeAnyReply()
    {
        var (dialer, listener) = ChannelPair.Create();

        // §1.1: a js listener waits for our header, so nothing may wait for the peer's header first.
        var selecting = MultistreamSelect.SelectAsync(dialer, ["/noise"]);
        var result = await listener.Input.ReadAsync().AsTask().Bounded();

        Assert.That(result.Buffer.ToArray(), Is.EqualTo(Header.Concat(Noise).ToArray()));
        listener.Input.AdvanceTo(result.Buffer.End);
        Assert.That(selecting.IsCompleted, Is.False);
        await listener.Output.SendAsync(Header, Noise);
        Assert.That(await selecting.Bounded(), Is.EqualTo("/noise"));
    }

    [Test]
    public async Task Select_Refused_SendsNextProposalWithoutHeader()
    {
        var (dialer, listener) = ChannelPair.Create();

        var selecting = MultistreamSelect.SelectAsync(dialer, ["/tls/1.0.0", "/noise"]);
        await listener.Input.ReadExactlyAsync(Header.Length + Tls.Length);
        await listener.Output.SendAsync(Header, Na);

        Assert.That(await listener.Input.ReadExactlyAsync(Noise.Length), Is.EqualTo(Noise));
        await listener.Output.SendAsync(Noise);
        Assert.That(await selecting.Bounded(), Is.EqualTo("/noise"));
    }

    [Test]
    public async Task Select_AllRefused_ThrowsProtocolNotSupported()
    {
        var (dialer, listener) = ChannelPair.Create();

        var handled = MultistreamSelect.HandleAsync(listener, ["/noise"]);
        var selecting = MultistreamSelect.SelectAsync(dialer, ["/tls/1.0.0", "/plaintext/2.0.0"]);

        var error = Assert.ThrowsAsync<ProtocolNotSupportedException>(async () => await selecting.Bounded());
        Assert.That(error!.Protocols, Is.EqualTo(new[] { "/tls/1.0.0", "/plaintext/2.0.0" }));
        await dialer.Output.CompleteAsync();
        Assert.ThrowsAsync<MultistreamException>(async () => await handled.Bounded());
    }

    [Test]
    public async Task Select_DataAfterEcho_StaysInInput()
    {
        var (dialer, listener) = ChannelPair.Create();

        var selecting = MultistreamSelect.SelectAsync(dialer, ["/noise"]);
        await listener.Input.ReadExactlyAsync(Header.Length + Noise.Length);
        // §6.5: the js dialer's next layer speaks right after the echo, often in the same segment.
        await listener.Output.SendAsync(Header, Noise, [0x00, 0x20, 0xaa]);

        Assert.That(await selecting.Bounded(), Is.EqualTo("/noise"));
        Assert.That(await dialer.Input.ReadExactlyAsync(3), Is.EqualTo(new byte[] { 0x00, 0x20, 0xaa }));
    }

    [Test]
    public async Task Handle_DataAfterProposal_StaysInInput()
    {
        var (dialer, listener) = ChannelPair.Create();

        // Optimistic opener: header, proposal and payload in one flush (§1.6).
        var ping = MultistreamMessage.Encode("/ipfs/ping/1.0.0");
        await dialer.Output.SendAsync(Header, ping, [1, 2, 3, 4]);
        var agreed = await MultistreamSelect.HandleAsync(listener, ["/ipfs/ping/1.0.0"]).Bounded();

        Assert.That(agreed, Is.EqualTo("/ipfs/ping/1.0.0"));
        Assert.That(await listener.Input.ReadExactlyAsync(4), Is.EqualTo(new byte[] { 1, 2, 3, 4 }));
        Assert.That(await dialer.Input.ReadExactlyAsync(Header.Length + ping.Length), Is.EqualTo(Header.Concat(ping).ToArray()));
    }

    [Test]
    public async Task Handle_BeforeAnyInput_WritesNothing()
    {
        var (dialer, listener) = ChannelPair.Create();

        var handled = MultistreamSelect.HandleAsync(listener, ["/noise"]);

        Assert.That(dialer.Input.HasPendingInput(), Is.False);
        await dialer.Output.SendAsync(Header);
        Assert.That(await dialer.Input.ReadExactlyAsync(Header.Length), Is.EqualTo(Header));
        await dialer.Output.SendAsync(Tls);
        Assert.That(await dialer.Input.ReadExactlyAsync(Na.Length), Is.EqualTo(Na));
        await dialer.Output.SendAsync(Noise);
        Assert.That(await handled.Bounded(), Is.EqualTo("/noise"));
        Assert.That(await dialer.Input.ReadExactlyAsync(Noise.Length), Is.EqualTo(Noise));
    }

    [Test]
    public async Task Handle_InputTricklesInByteByByte_Agrees()
    {
        var (dialer, listener) = ChannelPair.Create();

        var handled = MultistreamSelect.HandleAsync(listener, ["/noise"]);
        foreach (var b in Header.Concat(Tls).Concat(Noise))
        {
            await dialer.Output.SendAsync([b]);
        }

        Assert.That(await handled.Bounded(), Is.EqualTo("/noise"));
        Assert.That(await dialer.Input.ReadExactlyAsync(Header.Length + Na.Length + Noise.Length), Is.EqualTo(Header.Concat(Na).Concat(Noise).ToArray()));
    }

    [Test]
    public async Task Handle_Ls_AnswersWithSpecListFormat()
    {
        var (dialer, listener) = ChannelPair.Create();

        var handled = MultistreamSelect.HandleAsync(listener, new List<string> { "/ipfs/ping/1.0.0", "/ipfs/id/1.0.0" });
        await dialer.Output.SendAsync(Header, MultistreamMessage.Encode("ls"));

        // §6.3 example, byte for byte.
        var expected = Convert.FromHexString("2311" + "2f697066732f70696e672f312e302e300a" + "0f" + "2f697066732f69642f312e302e300a" + "0a");
        await dialer.Input.ReadExactlyAsync(Header.Length);
        Assert.That(await dialer.Input.ReadExactlyAsync(expected.Length), Is.EqualTo(expected));
        await dialer.Output.SendAsync(MultistreamMessage.Encode("/ipfs/id/1.0.0"));
        Assert.That(await handled.Bounded(), Is.EqualTo("/ipfs/id/1.0.0"));
    }

    [Test]
    public async Task Handle_SimultaneousConnect_IsRefusedEvenIfPredicateAccepts()
    {
        var (dialer, listener) = ChannelPair.Create();

        var handled = MultistreamSelect.HandleAsync(listener, _ => true);
        await dialer.Output.SendAsync(Header, MultistreamMessage.Encode(MultistreamSelect.SimultaneousConnect), Noise);

        Assert.That(await handled.Bounded(), Is.EqualTo("/noise"));
        Assert.That(await dialer.Input.ReadExactlyAsync(Header.Length + Na.Length), Is.EqualTo(Header.Concat(Na).ToArray()));
    }

    [Test]
    public async Task Handle_RepeatedHeader_IsEchoedAgain()
    {
        var (dialer, listener) = ChannelPair.Create();

        var handled = MultistreamSelect.HandleAsync(listener, ["/noise"]);
        await dialer.Output.SendAsync(Header, Header, Noise);

        Assert.That(await handled.Bounded(), Is.EqualTo("/noise"));
        Assert.That(await dialer.Input.ReadExactlyAsync(2 * Header.Length + Noise.Length), Is.EqualTo(Header.Concat(Header).Concat(Noise).ToArray()));
    }

    [Test]
    public async Task Handle_EndlessRefusedProposals_StopsAtRoundLimit()
    {
        var (dialer, listener) = ChannelPair.Create();
        var options = new MultistreamOptions { MaxRounds = 5 };

        var handled = MultistreamSelect.HandleAsync(listener, p => p == "/noise", [], options, NullLogger.Instance);
        await dialer.Output.SendAsync([Header, .. Enumerable.Repeat(Tls, 10), Noise]);

        Assert.ThrowsAsync<MultistreamException>(async () => await handled.Bounded());
    }

    [Test]
    public async Task Handle_DefaultRoundLimit_RefusesAFloodOfProposals()
    {
        var (dialer, listener) = ChannelPair.Create();

        var handled = MultistreamSelect.HandleAsync(listener, ["/noise"]);
        await dialer.Output.SendAsync([Header, .. Enumerable.Repeat(Tls, 40), Noise]);

        Assert.ThrowsAsync<MultistreamException>(async () => await handled.Bounded());
    }

    [Test]
    public async Task Handle_ProposalBeforeHeader_Throws()
    {
        var (dialer, listener) = ChannelPair.Create();

        var handled = MultistreamSelect.HandleAsync(listener, ["/noise"]);
        await dialer.Output.SendAsync(Noise);

        Assert.ThrowsAsync<MultistreamException>(async () => await handled.Bounded());
    }

    [TestCase("036e6178", TestName = "Handle_MessageWithoutNewline_Throws")]
    [TestCase("d00f", TestName = "Handle_MessageOver1024Bytes_Throws")]
    public async Task Handle_MalformedMessage_Throws(string hex)
    {
        var (dialer, listener) = ChannelPair.Create();

        var handled = MultistreamSelect.HandleAsync(listener, ["/noise"]);
        await dialer.Output.SendAsync(Header, Convert.FromHexString(hex));

        Assert.ThrowsAsync<MultistreamException>(async () => await handled.Bounded());
    }

    [Test]
    public async Task Select_PeerAnswersWithoutHeader_Throws()
    {
        var (dialer, listener) = ChannelPair.Create();

        var selecting = MultistreamSelect.SelectAsync(dialer, ["/noise"]);
        await listener.Output.SendAsync(Na);

        Assert.ThrowsAsync<MultistreamException>(async () => await selecting.Bounded());
    }

    [Test]
    public async Task Select_UnexpectedAnswer_Throws()
    {
        var (dialer, listener) = ChannelPair.Create();

        var selecting = MultistreamSelect.SelectAsync(dialer, ["/noise"]);
        await listener.Output.SendAsync(Header, MultistreamMessage.Encode("/yamux/1.0.0"));

        Assert.ThrowsAsync<MultistreamException>(async () => await selecting.Bounded());
    }

    [Test]
    public async Task Select_StreamEndsBeforeAnswer_Throws()
    {
        var (dialer, listener) = ChannelPair.Create();

        var selecting = MultistreamSelect.SelectAsync(dialer, ["/noise"]);
        await listener.Output.SendAsync(Header, Noise.AsSpan(0, 3).ToArray());
        await listener.Output.CompleteAsync();

        Assert.ThrowsAsync<MultistreamException>(async () => await selecting.Bounded());
    }

    [Test]
    public void Select_NoProtocols_ThrowsArgumentException()
    {
        var (dialer, _) = ChannelPair.Create();
        Assert.ThrowsAsync<ArgumentException>(async () => await MultistreamSelect.SelectAsync(dialer, []));
    }

    [Test]
    public void Options_ZeroRounds_FailsValidationNamingTheOption() =>
        Assert.That(() => new MultistreamOptions { MaxRounds = 0 }.Validate(), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains(nameof(MultistreamOptions.MaxRounds)));

    [Test]
    public void Handle_CanceledWhileWaiting_ThrowsOperationCanceled()
    {
        var (_, listener) = ChannelPair.Create();
        using var cancel = new CancellationTokenSource();

        var handled = MultistreamSelect.HandleAsync(listener, ["/noise"], cancel.Token);
        cancel.Cancel();

        Assert.That(async () => await handled.Bounded(), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Select_AnswerSplitAcrossReads_StillAgrees()
    {
        var (dialer, listener) = ChannelPair.Create();

        var selecting = MultistreamSelect.SelectAsync(dialer, ["/noise"]);
        var reply = Header.Concat(Noise).ToArray();
        // §1.2: the js dialer once sent the 1-byte varint alone; any split must work.
        await listener.Output.SendAsync(reply[..1]);
        await listener.Output.SendAsync(reply[1..21]);
        await listener.Output.SendAsync(reply[21..]);

        Assert.That(await selecting.Bounded(), Is.EqualTo("/noise"));
    }
}
