using Mesh.Core.Ledger;
using Mesh.Core.Resources;
using Mesh.Libp2p.Identity;
using Mesh.Tests.Core.Ledger;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Security;

/// <summary>
/// A ledger entry whose payload was changed after its author signed it is refused (promise 3). Forged signers,
/// relays and replays are covered in <c>Mesh.Tests/Core/Ledger</c>; see README.md in this folder.
/// </summary>
public sealed class LedgerTamperTests
{
    private readonly IdentityKey _author = IdentityKey.Generate();

    [Test]
    public void TryDecode_SurplusRaisedAfterSigning_IsBadSignature()
    {
        var (honest, tampered) = HonestAndTampered(LedgerTestData.Epoch);

        Assert.Multiple(() =>
        {
            Assert.That(LedgerEntryCodec.TryDecode(honest).IsOk, Is.True, "the untouched envelope must verify, or the tampered one proves nothing");
            Assert.That(LedgerEntryCodec.TryDecode(tampered).Status, Is.EqualTo(LedgerDecodeStatus.BadSignature));
        });
    }

    [Test]
    public void Receive_SurplusRaisedAfterSigning_IsNotStored()
    {
        var time = new FakeTimeProvider(LedgerTestData.Epoch);
        var options = new LedgerOptions();
        var table = new PeerTable(IdentityKey.Generate().PeerId, options, time);
        var receiver = new LedgerReceiver(table, options, new LedgerStatistics(), time);
        var (_, tampered) = HonestAndTampered(time.GetUtcNow());

        var receipt = receiver.Receive(_author.PeerId, tampered);

        Assert.Multiple(() =>
        {
            Assert.That(receipt.Result, Is.EqualTo(LedgerReceiveResult.BadSignature));
            Assert.That(table.Count, Is.Zero);
        });
    }

    /// <summary>The author's signed envelope, and the same signature over a payload claiming 400 free cores.</summary>
    private (byte[] Honest, byte[] Tampered) HonestAndTampered(DateTimeOffset issuedAt)
    {
        var entry = LedgerTestData.Entry(_author, 10, issuedAt);
        var payload = RawLedger.Payload(entry);
        var signature = RawLedger.Sign(_author, payload);
        var inflated = RawLedger.Payload(entry with { Surplus = entry.Surplus + new ResourceVector(400, 0, 0, 0) });
        return (RawLedger.Envelope(LedgerEntryCodec.FormatVersion, payload, signature), RawLedger.Envelope(LedgerEntryCodec.FormatVersion, inflated, signature));
    }
}
