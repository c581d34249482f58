using Mesh.Core.Journal;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Journal;

public sealed class JournalVerifierTests
{
    private readonly IdentityKey _owner = IdentityKey.Generate();
    private readonly IdentityKey _other = IdentityKey.Generate();

    [Test]
    public void Verify_CleanChainOfManyEntries_IsOkWithLastHead()
    {
        var chain = JournalTestData.Chain(_owner, _other, 200);

        var result = JournalVerifier.Verify(JournalTestData.AsMemory(chain), JournalHead.Genesis, _owner.PeerId);

        Assert.Multiple(() =>
        {
            Assert.That(result.Ok, Is.True, result.FirstFault?.Detail);
            Assert.That(result.Entries, Is.EqualTo(200));
            Assert.That(result.Head.Height, Is.EqualTo(200));
            Assert.That(result.Head.Hash.ToArray(), Is.EqualTo(JournalEntryCodec.Hash(chain[^1])));
        });
    }

    [Test]
    public void Verify_Empty_IsOkAtStart()
    {
        var result = JournalVerifier.Verify([], JournalHead.Genesis, _owner.PeerId);

        Assert.That(result.Ok, Is.True);
        Assert.That(result.Head.SameAs(JournalHead.Genesis), Is.True);
    }

    [Test]
    public void Verify_FromMidChainHead_ChecksTheRest()
    {
        var chain = JournalTestData.Chain(_owner, _other, 10);
        var start = new JournalHead(4, JournalEntryCodec.Hash(chain[3]));

        var result = JournalVerifier.Verify(JournalTestData.AsMemory(chain.Skip(4)), start, _owner.PeerId);

        Assert.That(result.Ok, Is.True, result.FirstFault?.Detail);
        Assert.That(result.Head.Height, Is.EqualTo(10));
    }

    [Test]
    public void Verify_FromWrongStartHash_IsBrokenLinkAtFirst()
    {
        var chain = JournalTestData.Chain(_owner, _other, 10);
        var start = new JournalHead(4, JournalEntryCodec.Hash(chain[2]));

        var fault = FaultOf(chain.Skip(4), start);

        Assert.That(fault.Position, Is.EqualTo(5));
        Assert.That(fault.Kind, Is.EqualTo(JournalFaultKind.BrokenLink));
    }

    [Test]
    public void Verify_EditedRecordByte_IsBadExecutorSignatureThere()
    {
        var chain = JournalTestData.Chain(_owner, _other, 6);
        var record = RecordOf(chain[3]);

        // The last byte of a record is its signal (nil): 0xc0 -> 0x05 keeps it readable but changes what was signed.
        var at = IndexOfRecordEnd(chain[3], record);
        chain[3][at] = 0x05;

        var fault = FaultOf(chain);

        Assert.That(fault.Position, Is.EqualTo(4));
        Assert.That(fault.Kind, Is.EqualTo(JournalFaultKind.BadExecutorSignature));
        Assert.That(fault.Detail, Does.Contain("height 4"));
    }

    [Test]
    public void Verify_UnreadableEntry_IsUnreadableThere()
    {
        var chain = JournalTestData.Chain(_owner, _other, 4);
        chain[2] = [0x85, 0x00];

        var fault = FaultOf(chain);

        Assert.That(fault.Position, Is.EqualTo(3));
        Assert.That(fault.Kind, Is.EqualTo(JournalFaultKind.Unreadable));
    }

    [Test]
    public void Verify_DeletedEntry_IsWrongHeightAtItsPosition()
    {
        var chain = JournalTestData.Chain(_owner, _other, 6);
        chain.RemoveAt(2);

        var fault = FaultOf(chain);

        Assert.That(fault.Position, Is.EqualTo(3));
        Assert.That(fault.Kind, Is.EqualTo(JournalFaultKind.WrongHeight));
        Assert.That(fault.Detail, Does.Contain("height 4"));
    }

    [Test]
    public void Verify_SwappedEntries_IsWrongHeightAtFirstSwapped()
    {
        var chain = JournalTestData.Chain(_owner, _other, 6);
        (chain[2], chain[3]) = (chain[3], chain[2]);

        var fault = FaultOf(chain);

        Assert.That(fault.Position, Is.EqualTo(3));
        Assert.That(fault.Kind, Is.EqualTo(JournalFaultKind.WrongHeight));
    }

    [Test]
    public void Verify_EntryWithRightHeightButOtherPrevious_IsBrokenLink()
    {
        var chain = JournalTestData.Chain(_owner, _other, 4);
        chain[2] = JournalEntryCodec.Encode(3, new byte[32], JournalTestData.Transaction(_owner, _other, 3));

        var fault = FaultOf(chain);

        Assert.That(fault.Kind, Is.EqualTo(JournalFaultKind.BrokenLink));
        Assert.That(fault.Detail, Does.Contain("000000000000"));
    }

    [Test]
    public void Verify_BothSignaturesByStranger_IsBadExecutorSignature()
    {
        var stranger = IdentityKey.Generate();
        var record = JournalTestData.Record(_other.PeerId, _owner.PeerId, 2);
        var bytes = ComputeRecordCodec.Encode(record);
        var executorSignature = stranger.Sign([.. "mesh-journal-executor-v1:"u8, .. bytes]);
        var originSignature = stranger.Sign([.. "mesh-journal-origin-v1:"u8, .. bytes, .. executorSignature]);
        var forged = new SignedComputeRecord(record, bytes, executorSignature, originSignature);

        var fault = FaultOf(Rebuild(JournalTestData.Chain(_owner, _other, 3), 1, forged));

        Assert.That(fault.Position, Is.EqualTo(2));
        Assert.That(fault.Kind, Is.EqualTo(JournalFaultKind.BadExecutorSignature));
    }

    [Test]
    public void Verify_CountersignatureByStranger_IsBadOriginSignature()
    {
        var stranger = IdentityKey.Generate();
        var signed = JournalSigning.SignAsExecutor(_owner, JournalTestData.Record(_other.PeerId, _owner.PeerId, 2));
        var originSignature = stranger.Sign([.. "mesh-journal-origin-v1:"u8, .. signed.RecordBytes.Span, .. signed.ExecutorSignature.Span]);

        var fault = FaultOf(Rebuild(JournalTestData.Chain(_owner, _other, 3), 1, signed with { OriginSignature = originSignature }));

        Assert.That(fault.Position, Is.EqualTo(2));
        Assert.That(fault.Kind, Is.EqualTo(JournalFaultKind.BadOriginSignature));
    }

    [Test]
    public void Verify_OwnerNotAParty_IsNotAParty()
    {
        var stranger = IdentityKey.Generate();
        var chain = Rebuild(JournalTestData.Chain(_owner, _other, 3), 2, JournalTestData.Transaction(stranger, _other, 3));

        var fault = FaultOf(chain);

        Assert.That(fault.Position, Is.EqualTo(3));
        Assert.That(fault.Kind, Is.EqualTo(JournalFaultKind.NotAParty));
    }

    [Test]
    public void Verify_NoOwnerGiven_SkipsThePartyCheck()
    {
        var stranger = IdentityKey.Generate();
        var chain = Rebuild(JournalTestData.Chain(_owner, _other, 3), 2, JournalTestData.Transaction(stranger, _other, 3));

        Assert.That(JournalVerifier.Verify(JournalTestData.AsMemory(chain), JournalHead.Genesis, null).Ok, Is.True);
    }

    [Test]
    public void Verify_SameAttemptTwice_IsDuplicate()
    {
        var chain = Rebuild(JournalTestData.Chain(_owner, _other, 4), 3, JournalTestData.Transaction(_owner, _other, 2));

        var fault = FaultOf(chain);

        Assert.That(fault.Position, Is.EqualTo(4));
        Assert.That(fault.Kind, Is.EqualTo(JournalFaultKind.Duplicate));
    }

    private JournalFault FaultOf(IEnumerable<byte[]> chain, JournalHead? start = null)
    {
        var result = JournalVerifier.Verify(JournalTestData.AsMemory(chain), start ?? JournalHead.Genesis, _owner.PeerId);
        Assert.That(result.Ok, Is.False, "the chain verified");
        return result.FirstFault!;
    }

    /// <summary>Replaces entry <paramref name="index"/> by <paramref name="transaction"/> and re-links every entry from there (as an owner rewriting its file would).</summary>
    private static List<byte[]> Rebuild(List<byte[]> chain, int index, SignedComputeRecord transaction)
    {
        var previous = index == 0 ? new byte[32] : JournalEntryCodec.Hash(chain[index - 1]);
        for (var i = index; i < chain.Count; i++)
        {
            var tx = i == index ? transaction : RecordOf(chain[i]);
            chain[i] = JournalEntryCodec.Encode(i + 1, previous, tx);
            previous = JournalEntryCodec.Hash(chain[i]);
        }

        return chain;
    }

    private static SignedComputeRecord RecordOf(byte[] entry)
    {
        Assert.That(JournalEntryCodec.TryRead(entry, out var read, out var error), Is.True, error);
        return read!.Transaction;
    }

    private static int IndexOfRecordEnd(byte[] entry, SignedComputeRecord transaction)
    {
        var start = entry.AsSpan().IndexOf(transaction.RecordBytes.Span);
        Assert.That(start, Is.GreaterThan(0));
        return start + transaction.RecordBytes.Length - 1;
    }
}
