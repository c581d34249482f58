using Mesh.Core.Journal;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Journal;

public sealed class JournalSigningTests
{
    private const string VectorExecutorSignature = "13f5fab3b2dff283c9ea7165f1c4e1debe6f76a094863cb069853e02fe82dc9ca0e407c2c8f4d8b039fa31811f7f9f9c430afc43eb85e5990f5858e175456b0a";
    private const string VectorOriginSignature = "f4cf11537a4e8ca57e26a07ab7e7d162a979deae1026ed9274dadeab2e26a6008ff268053abd07de44b0a9af42a96824d5b56157f4068805a07cd9a053d4010f";

    [Test]
    public void SignAsExecutor_VectorRecord_GivesKnownSignatures()
    {
        var signed = JournalSigning.SignAsExecutor(JournalTestData.SeedKey(1), JournalTestData.VectorRecord());
        var countersigned = JournalSigning.Countersign(JournalTestData.SeedKey(2), signed);

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(signed.ExecutorSignature.Span), Is.EqualTo(VectorExecutorSignature));
            Assert.That(signed.IsCountersigned, Is.False);
            Assert.That(Convert.ToHexStringLower(countersigned.OriginSignature.Span), Is.EqualTo(VectorOriginSignature));
            Assert.That(JournalSigning.VerifyExecutor(countersigned), Is.True);
            Assert.That(JournalSigning.VerifyOrigin(countersigned), Is.True);
        });
    }

    [Test]
    public void SignAsExecutor_KeyOfAnotherPeer_Throws()
    {
        var record = JournalTestData.Record(IdentityKey.Generate().PeerId, IdentityKey.Generate().PeerId);

        Assert.That(() => JournalSigning.SignAsExecutor(IdentityKey.Generate(), record), Throws.ArgumentException);
    }

    [Test]
    public void Countersign_KeyOfAnotherPeer_Throws()
    {
        var executor = IdentityKey.Generate();
        var signed = JournalSigning.SignAsExecutor(executor, JournalTestData.Record(IdentityKey.Generate().PeerId, executor.PeerId));

        Assert.That(() => JournalSigning.Countersign(executor, signed), Throws.ArgumentException);
    }

    [Test]
    public void Countersign_BadExecutorSignature_Throws()
    {
        var origin = IdentityKey.Generate();
        var executor = IdentityKey.Generate();
        var signed = JournalSigning.SignAsExecutor(executor, JournalTestData.Record(origin.PeerId, executor.PeerId));
        var forged = signed with { ExecutorSignature = new byte[64] };

        Assert.That(() => JournalSigning.Countersign(origin, forged), Throws.ArgumentException);
    }

    [Test]
    public void VerifyOrigin_NotCountersigned_IsFalse()
    {
        var executor = IdentityKey.Generate();
        var signed = JournalSigning.SignAsExecutor(executor, JournalTestData.Record(IdentityKey.Generate().PeerId, executor.PeerId));

        Assert.That(JournalSigning.VerifyOrigin(signed), Is.False);
    }

    [Test]
    public void VerifyExecutor_EditedRecordByte_IsFalse()
    {
        var transaction = JournalTestData.Transaction(IdentityKey.Generate(), IdentityKey.Generate());
        var bytes = transaction.RecordBytes.ToArray();
        bytes[^5] ^= 1;
        var edited = transaction with { RecordBytes = bytes };

        Assert.Multiple(() =>
        {
            Assert.That(JournalSigning.VerifyExecutor(edited), Is.False);
            Assert.That(JournalSigning.VerifyOrigin(edited), Is.False);
        });
    }

    [Test]
    public void VerifyOrigin_SignatureOverAnotherExecutorSignature_IsFalse()
    {
        // The countersignature covers the executor's signature too: swapping in another valid executor signature breaks it.
        var origin = IdentityKey.Generate();
        var executor = IdentityKey.Generate();
        var first = JournalTestData.Transaction(origin, executor);
        var resigned = JournalSigning.SignAsExecutor(executor, first.Record with { ExitCode = 1 });

        Assert.That(JournalSigning.VerifyOrigin(first with { ExecutorSignature = resigned.ExecutorSignature }), Is.False);
    }

    [Test]
    public void TryDecodeSigned_ValidCountersigned_Decodes()
    {
        var transaction = JournalTestData.Transaction(IdentityKey.Generate(), IdentityKey.Generate(), 7);

        var decoded = JournalSigning.TryDecodeSigned(transaction.RecordBytes, transaction.ExecutorSignature, transaction.OriginSignature, out var error);

        Assert.That(decoded, Is.Not.Null, error);
        Assert.Multiple(() =>
        {
            Assert.That(decoded!.Record.Attempt.Value, Is.EqualTo(7UL));
            Assert.That(decoded.IsCountersigned, Is.True);
        });
    }

    [Test]
    public void TryDecodeSigned_ExecutorSignedOnly_Decodes()
    {
        var executor = IdentityKey.Generate();
        var signed = JournalSigning.SignAsExecutor(executor, JournalTestData.Record(IdentityKey.Generate().PeerId, executor.PeerId));

        var decoded = JournalSigning.TryDecodeSigned(signed.RecordBytes, signed.ExecutorSignature, ReadOnlyMemory<byte>.Empty, out var error);

        Assert.That(decoded, Is.Not.Null, error);
        Assert.That(decoded!.IsCountersigned, Is.False);
    }

    [Test]
    public void TryDecodeSigned_BadSignaturesOrBytes_GiveReason()
    {
        var transaction = JournalTestData.Transaction(IdentityKey.Generate(), IdentityKey.Generate());
        var stranger = IdentityKey.Generate().Sign(transaction.RecordBytes.Span);

        Assert.Multiple(() =>
        {
            Assert.That(JournalSigning.TryDecodeSigned(transaction.RecordBytes, stranger, transaction.OriginSignature, out var error), Is.Null);
            Assert.That(error, Does.Contain("executor"));
            Assert.That(JournalSigning.TryDecodeSigned(transaction.RecordBytes, transaction.ExecutorSignature, stranger, out error), Is.Null);
            Assert.That(error, Does.Contain("origin"));
            Assert.That(JournalSigning.TryDecodeSigned(transaction.RecordBytes, transaction.ExecutorSignature[..63], ReadOnlyMemory<byte>.Empty, out error), Is.Null);
            Assert.That(error, Does.Contain("64"));
            Assert.That(JournalSigning.TryDecodeSigned(transaction.RecordBytes[..10], transaction.ExecutorSignature, ReadOnlyMemory<byte>.Empty, out error), Is.Null);
            Assert.That(error, Is.Not.Null);
        });
    }
}
