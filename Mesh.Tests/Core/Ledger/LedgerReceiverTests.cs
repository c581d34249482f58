using Mesh.Core.Ledger;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Core.Ledger;

public sealed class LedgerReceiverTests
{
    private readonly IdentityKey _self = IdentityKey.Generate();
    private readonly IdentityKey _peer = IdentityKey.Generate();
    private FakeTimeProvider _time = null!;
    private LedgerOptions _options = null!;
    private PeerTable _table = null!;
    private LedgerStatistics _statistics = null!;
    private LedgerReceiver _receiver = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(LedgerTestData.Epoch);
        _options = new LedgerOptions();
        _table = new PeerTable(_self.PeerId, _options, _time);
        _statistics = new LedgerStatistics();
        _receiver = new LedgerReceiver(_table, _options, _statistics, _time);
    }

    [Test]
    public void Receive_ValidEntryFromItsAuthor_IsAcceptedIntoTheTable()
    {
        var receipt = _receiver.Receive(_peer.PeerId, Encode(_peer, 10, _time.GetUtcNow()));

        Assert.Multiple(() =>
        {
            Assert.That(receipt.Result, Is.EqualTo(LedgerReceiveResult.Accepted));
            Assert.That(receipt.IsNewPeer, Is.True);
            Assert.That(_table.Snapshot().Peers.Select(p => p.Entry.Peer), Does.Contain(_peer.PeerId));
            Assert.That(_statistics.Accepted, Is.EqualTo(1));
        });
    }

    [Test]
    public void Receive_EntrySignedByAnotherKey_IsRejectedAsBadSignature()
    {
        var forger = IdentityKey.Generate();
        var payload = RawLedger.Payload(LedgerTestData.Entry(_peer, 10, _time.GetUtcNow()));

        // The forger publishes it itself, and also gets it relayed under the victim's authorship.
        var asForger = _receiver.Receive(forger.PeerId, RawLedger.SignedEnvelope(forger, payload));
        var asVictim = _receiver.Receive(_peer.PeerId, RawLedger.SignedEnvelope(forger, payload));

        Assert.Multiple(() =>
        {
            Assert.That(asForger.Result, Is.EqualTo(LedgerReceiveResult.BadSignature));
            Assert.That(asVictim.Result, Is.EqualTo(LedgerReceiveResult.BadSignature));
            Assert.That(_statistics.Count(LedgerReceiveResult.BadSignature), Is.EqualTo(2));
            Assert.That(_statistics.Forged, Is.EqualTo(2));
            Assert.That(_table.Count, Is.Zero);
        });
    }

    [Test]
    public void Receive_ValidEntryPublishedBySomeoneElse_IsRejectedAsAuthorMismatch()
    {
        var relay = IdentityKey.Generate();

        var receipt = _receiver.Receive(relay.PeerId, Encode(_peer, 10, _time.GetUtcNow()));

        Assert.Multiple(() =>
        {
            Assert.That(receipt.Result, Is.EqualTo(LedgerReceiveResult.AuthorMismatch));
            Assert.That(_statistics.Count(LedgerReceiveResult.AuthorMismatch), Is.EqualTo(1));
            Assert.That(_table.Count, Is.Zero);
        });
    }

    [Test]
    public void Receive_ReplayedOlderVersion_IsStaleAndKeepsTheNewer()
    {
        var old = Encode(_peer, 10, _time.GetUtcNow());
        _receiver.Receive(_peer.PeerId, Encode(_peer, 20, _time.GetUtcNow(), LedgerTestData.NodeB));

        var replayed = _receiver.Receive(_peer.PeerId, old);
        var again = _receiver.Receive(_peer.PeerId, Encode(_peer, 20, _time.GetUtcNow()));

        Assert.Multiple(() =>
        {
            Assert.That(replayed.Result, Is.EqualTo(LedgerReceiveResult.Stale));
            Assert.That(again.Result, Is.EqualTo(LedgerReceiveResult.Stale), "an equal version is not newer");
            Assert.That(_statistics.Count(LedgerReceiveResult.Stale), Is.EqualTo(2));
            Assert.That(_table.Snapshot().Peers.Single(p => !p.IsSelf).Entry.Name, Is.EqualTo("node-b"));
        });
    }

    [Test]
    public void Receive_EntryIssuedBeforeTheExpiryWindowAndSkew_IsTooOld()
    {
        var issuedAt = _time.GetUtcNow();
        _time.Advance(_options.ExpireAfter + _options.MaxClockSkew + TimeSpan.FromSeconds(1));

        var receipt = _receiver.Receive(_peer.PeerId, Encode(_peer, 10, issuedAt));

        Assert.Multiple(() =>
        {
            Assert.That(receipt.Result, Is.EqualTo(LedgerReceiveResult.TooOld));
            Assert.That(_statistics.Count(LedgerReceiveResult.TooOld), Is.EqualTo(1));
            Assert.That(_table.Count, Is.Zero);
        });
    }

    [Test]
    public void Receive_EntryFromBeyondTheSkewAllowance_IsFromFuture()
    {
        var issuedAt = _time.GetUtcNow() + _options.MaxClockSkew + TimeSpan.FromSeconds(1);

        var receipt = _receiver.Receive(_peer.PeerId, Encode(_peer, 10, issuedAt));

        Assert.Multiple(() =>
        {
            Assert.That(receipt.Result, Is.EqualTo(LedgerReceiveResult.FromFuture));
            Assert.That(_statistics.Count(LedgerReceiveResult.FromFuture), Is.EqualTo(1));
        });
    }

    [Test]
    public void Receive_EntryWithinTheSkewAllowance_IsAccepted()
    {
        var receipt = _receiver.Receive(_peer.PeerId, Encode(_peer, 10, _time.GetUtcNow() + _options.MaxClockSkew - TimeSpan.FromSeconds(1)));

        Assert.That(receipt.Result, Is.EqualTo(LedgerReceiveResult.Accepted));
    }

    [Test]
    public void Receive_ReplayAfterThePeerExpired_DoesNotResurrectIt()
    {
        var last = Encode(_peer, 10, _time.GetUtcNow());
        _receiver.Receive(_peer.PeerId, last);
        _time.Advance(_options.ExpireAfter);
        Assert.That(_table.ExpireSilent(), Has.Count.EqualTo(1));

        var replayed = _receiver.Receive(_peer.PeerId, last);

        Assert.Multiple(() =>
        {
            Assert.That(replayed.Result, Is.EqualTo(LedgerReceiveResult.Stale));
            Assert.That(_table.Count, Is.Zero);
        });
    }

    [Test]
    public void Receive_NewEntryAfterThePeerExpired_BringsItBack()
    {
        _receiver.Receive(_peer.PeerId, Encode(_peer, 10, _time.GetUtcNow()));
        _time.Advance(_options.ExpireAfter);
        _table.ExpireSilent();

        var receipt = _receiver.Receive(_peer.PeerId, Encode(_peer, 11, _time.GetUtcNow()));

        Assert.Multiple(() =>
        {
            Assert.That(receipt.Result, Is.EqualTo(LedgerReceiveResult.Accepted));
            Assert.That(receipt.IsNewPeer, Is.True);
        });
    }

    [Test]
    public void Receive_UnknownPeerWhenTableIsFull_IsDroppedAndCounted()
    {
        _options = new LedgerOptions { MaxPeers = 2 };
        _table = new PeerTable(_self.PeerId, _options, _time);
        _receiver = new LedgerReceiver(_table, _options, _statistics, _time);
        var peers = Enumerable.Range(0, 3).Select(_ => IdentityKey.Generate()).ToArray();

        var results = peers.Select(p => _receiver.Receive(p.PeerId, Encode(p, 10, _time.GetUtcNow())).Result).ToArray();
        var knownPeerUpdate = _receiver.Receive(peers[0].PeerId, Encode(peers[0], 11, _time.GetUtcNow())).Result;

        Assert.Multiple(() =>
        {
            Assert.That(results, Is.EqualTo(new[] { LedgerReceiveResult.Accepted, LedgerReceiveResult.Accepted, LedgerReceiveResult.TableFull }));
            Assert.That(knownPeerUpdate, Is.EqualTo(LedgerReceiveResult.Accepted));
            Assert.That(_statistics.Count(LedgerReceiveResult.TableFull), Is.EqualTo(1));
            Assert.That(_table.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public void Receive_OwnEntry_IsIgnored()
    {
        var receipt = _receiver.Receive(_self.PeerId, Encode(_self, 10, _time.GetUtcNow()));

        Assert.That(receipt.Result, Is.EqualTo(LedgerReceiveResult.OwnEntry));
    }

    [Test]
    public void Receive_Garbage_IsMalformedAndCounted()
    {
        var receipt = _receiver.Receive(_peer.PeerId, new byte[] { 0x93, 0x01, 0xc4 });

        Assert.Multiple(() =>
        {
            Assert.That(receipt.Result, Is.EqualTo(LedgerReceiveResult.Malformed));
            Assert.That(_statistics.Rejected, Is.EqualTo(1));
        });
    }

    private static byte[] Encode(IdentityKey identity, ulong version, DateTimeOffset issuedAt, LocalLedgerState? state = null) =>
        LedgerEntryCodec.Encode(LedgerTestData.Entry(identity, version, issuedAt, state), identity);
}
