using Mesh.Libp2p.Encoding;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Protocols.Identify;
using Mesh.Tests.Libp2p.Multistream;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Libp2p.Protocols.Identify;

public sealed class IdentifyProtocolTests
{
    private static readonly IdentityKey Key = IdentityKey.FromSeed(Enumerable.Repeat((byte)7, 32).ToArray());

    private static IdentifyMessage Self() => new()
    {
        PublicKey = Key.PublicKey.ToProtobuf(),
        ListenAddrs = [[0x04, 127, 0, 0, 1, 0x06, 0x0f, 0xa1]],
        Protocols = ["/ipfs/id/1.0.0", "/ipfs/ping/1.0.0", "/meshsub/1.1.0"],
        ObservedAddr = [0x04, 127, 0, 0, 1, 0x06, 0xc3, 0x50],
    };

    private static IdentifyProtocol Create(TimeProvider time, IdentifyOptions? options = null) =>
        new(options ?? new IdentifyOptions(), time, NullLogger.Instance);

    [Test]
    public async Task RespondAsync_WritesMessageThenClosesOnlyAfterFinDelay()
    {
        var time = new FakeTimeProvider();
        var (requester, responder) = ChannelPair.Create();

        var responding = Create(time).RespondAsync(responder, Self());
        var frame = await LengthPrefixed.ReadAsync(requester.Input, 8192).AsTask().Bounded();

        // §1.6: the FIN must not follow the message at once.
        Assert.That(frame, Is.Not.Null);
        Assert.That(requester.Input.HasPendingInput(), Is.False, "FIN before the delay");
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.That(requester.Input.HasPendingInput(), Is.False, "FIN before the delay");
        time.Advance(TimeSpan.FromMilliseconds(1));
        await responding.Bounded();
        Assert.That(await LengthPrefixed.ReadAsync(requester.Input, 8192).AsTask().Bounded(), Is.Null);
    }

    [Test]
    public async Task RequestAsync_AgainstRespondAsync_ReturnsTheMessageWithVersionsFilledIn()
    {
        var time = new FakeTimeProvider();
        var (requester, responder) = ChannelPair.Create();
        var protocol = Create(time, new IdentifyOptions { AgentVersion = "mesh-test/1" });

        var requesting = protocol.RequestAsync(requester);
        var responding = protocol.RespondAsync(responder, Self());
        time.Advance(TimeSpan.FromMilliseconds(100));
        await responding.Bounded();
        var received = await requesting.Bounded();

        IdentifyMessageTests.AssertSame(received, new IdentifyMessage
        {
            PublicKey = Self().PublicKey,
            ListenAddrs = Self().ListenAddrs,
            Protocols = Self().Protocols,
            ObservedAddr = Self().ObservedAddr,
            ProtocolVersion = "ipfs/0.1.0",
            AgentVersion = "mesh-test/1",
        });
    }

    [Test]
    public async Task RequestAsync_ZeroFinDelayOnRealClock_Completes()
    {
        var (requester, responder) = ChannelPair.Create();
        var protocol = Create(TimeProvider.System, new IdentifyOptions { FinDelay = TimeSpan.Zero });

        await protocol.RespondAsync(responder, Self()).Bounded();

        Assert.That((await protocol.RequestAsync(requester).Bounded()).Protocols, Is.EqualTo(Self().Protocols));
    }

    [Test]
    public async Task RequestAsync_ResponseSplitInParts_JoinsThem()
    {
        var (requester, responder) = ChannelPair.Create();
        var first = new IdentifyMessage { PublicKey = Key.PublicKey.ToProtobuf(), Protocols = ["/a"] };
        var second = new IdentifyMessage { Protocols = ["/b"], SignedPeerRecord = [9, 9] };

        await responder.Output.SendAsync(LengthPrefixed.Encode(first.ToProtobuf()), LengthPrefixed.Encode(second.ToProtobuf()));
        await responder.Output.CompleteAsync();
        var received = await Create(TimeProvider.System).RequestAsync(requester).Bounded();

        Assert.Multiple(() =>
        {
            Assert.That(received.Protocols, Is.EqualTo(new[] { "/a", "/b" }));
            Assert.That(received.PublicKey, Is.EqualTo(first.PublicKey));
            Assert.That(received.SignedPeerRecord, Is.EqualTo(new byte[] { 9, 9 }));
        });
    }

    [Test]
    public async Task RequestAsync_MoreMessagesThanLimit_StopsReadingAtLimit()
    {
        var (requester, responder) = ChannelPair.Create();
        var part = LengthPrefixed.Encode(new IdentifyMessage { Protocols = ["/p"] }.ToProtobuf());

        // Eleven parts and no FIN: the reader must stop after ten rather than wait.
        await responder.Output.SendAsync(Enumerable.Repeat(part, 11).ToArray());
        var received = await Create(TimeProvider.System).RequestAsync(requester).Bounded();

        Assert.That(received.Protocols, Has.Count.EqualTo(10));
    }

    [Test]
    public async Task RequestAsync_PartsTogetherOverProtocolLimit_Throws()
    {
        var (requester, responder) = ChannelPair.Create();
        var part = LengthPrefixed.Encode(new IdentifyMessage { Protocols = ["/p", "/q"] }.ToProtobuf());

        await responder.Output.SendAsync(part, part);
        await responder.Output.CompleteAsync();

        Assert.ThrowsAsync<IdentifyException>(async () => await Create(TimeProvider.System, new IdentifyOptions { MaxProtocols = 3 }).RequestAsync(requester).Bounded());
    }

    [Test]
    public async Task RequestAsync_EndWithoutMessage_Throws()
    {
        var (requester, responder) = ChannelPair.Create();
        await responder.Output.CompleteAsync();

        Assert.ThrowsAsync<IdentifyException>(async () => await Create(TimeProvider.System).RequestAsync(requester).Bounded());
    }

    [Test]
    public async Task RequestAsync_FrameOverMaxSize_ThrowsWithoutWaitingForIt()
    {
        var (requester, responder) = ChannelPair.Create();
        await responder.Output.SendAsync(Varint.Encode(8193));

        Assert.ThrowsAsync<IdentifyException>(async () => await Create(TimeProvider.System).RequestAsync(requester).Bounded());
    }

    [Test]
    public async Task RequestAsync_MalformedMessage_Throws()
    {
        var (requester, responder) = ChannelPair.Create();
        await responder.Output.SendAsync(LengthPrefixed.Encode([0x1a, 0x05, 0x2f]));
        await responder.Output.CompleteAsync();

        Assert.ThrowsAsync<IdentifyException>(async () => await Create(TimeProvider.System).RequestAsync(requester).Bounded());
    }

    [Test]
    public void RequestAsync_PeerNeverCloses_TimesOut()
    {
        var time = new FakeTimeProvider();
        var (requester, _) = ChannelPair.Create();

        var requesting = Create(time).RequestAsync(requester);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.ThrowsAsync<IdentifyException>(async () => await requesting.Bounded());
    }

    [Test]
    public void RequestAsync_CallerCancels_ThrowsOperationCanceled()
    {
        var (requester, _) = ChannelPair.Create();
        using var cancel = new CancellationTokenSource();

        var requesting = Create(TimeProvider.System).RequestAsync(requester, cancel.Token);
        cancel.Cancel();

        Assert.That(async () => await requesting.Bounded(), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task PushAsync_ThenReceivePushAsync_DeliversPartialMessageAndCloses()
    {
        var (pusher, receiver) = ChannelPair.Create();
        var protocol = Create(TimeProvider.System);
        var push = new IdentifyMessage { Protocols = ["/ipfs/id/1.0.0", "/ipfs/id/push/1.0.0"] };

        await protocol.PushAsync(pusher, push).Bounded();
        var received = await protocol.ReceivePushAsync(receiver).Bounded();
        var merged = IdentifyMessage.Merge(Self(), received);

        Assert.Multiple(() =>
        {
            Assert.That(received.PublicKey, Is.Null);
            Assert.That(received.AgentVersion, Is.Null, "a push carries only what it was given");
            Assert.That(merged.Protocols, Is.EqualTo(push.Protocols));
            Assert.That(merged.ListenAddrs, Is.EqualTo(Self().ListenAddrs));
            Assert.That(merged.PublicKey, Is.EqualTo(Self().PublicKey));
        });
    }

    [Test]
    public void RespondAsync_MessageOverMaxSize_ThrowsArgumentException()
    {
        var (_, responder) = ChannelPair.Create();
        var huge = new IdentifyMessage { SignedPeerRecord = new byte[9000] };

        Assert.ThrowsAsync<ArgumentException>(async () => await Create(TimeProvider.System).RespondAsync(responder, huge));
    }

    [Test]
    public void TryGetVerifiedKey_KeyOfConnectionPeer_ReturnsIt()
    {
        Assert.That(IdentifyProtocol.TryGetVerifiedKey(Self(), Key.PeerId, out var key), Is.True);
        Assert.That(key, Is.EqualTo(Key.PublicKey));
    }

    [Test]
    public void TryGetVerifiedKey_MissingKey_IsRejected() =>
        Assert.That(IdentifyProtocol.TryGetVerifiedKey(new IdentifyMessage(), Key.PeerId, out _), Is.False);

    [Test]
    public void TryGetVerifiedKey_KeyOfAnotherPeer_IsRejected() =>
        Assert.That(IdentifyProtocol.TryGetVerifiedKey(Self(), IdentityKey.FromSeed(new byte[32]).PeerId, out _), Is.False);

    [Test]
    public void TryGetVerifiedKey_UnparsableKey_IsRejected() =>
        Assert.That(IdentifyProtocol.TryGetVerifiedKey(new IdentifyMessage { PublicKey = [0x08, 0x01, 0x12, 0x01, 0x00] }, Key.PeerId, out _), Is.False);

    [TestCase(nameof(IdentifyOptions.MaxMessageSize))]
    [TestCase(nameof(IdentifyOptions.FinDelay))]
    [TestCase(nameof(IdentifyOptions.Timeout))]
    [TestCase(nameof(IdentifyOptions.AgentVersion))]
    public void Options_OutOfRange_FailValidationNamingTheOption(string option)
    {
        var options = option switch
        {
            nameof(IdentifyOptions.MaxMessageSize) => new IdentifyOptions { MaxMessageSize = 0 },
            nameof(IdentifyOptions.FinDelay) => new IdentifyOptions { FinDelay = TimeSpan.FromMilliseconds(-1) },
            nameof(IdentifyOptions.Timeout) => new IdentifyOptions { Timeout = TimeSpan.Zero },
            _ => new IdentifyOptions { AgentVersion = "" },
        };

        Assert.That(options.Validate, Throws.InstanceOf<ArgumentException>().With.Message.Contains(option));
    }
}
