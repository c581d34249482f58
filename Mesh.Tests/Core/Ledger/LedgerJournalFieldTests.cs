using MessagePack;
using Mesh.Core.Journal;
using Mesh.Core.Ledger;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Ledger;

/// <summary>Key 14 <c>journal</c> of the ledger payload (docs/protocol.md, "Ledger", "Journal").</summary>
public sealed class LedgerJournalFieldTests
{
    private static readonly IdentityKey Identity = IdentityKey.Generate();

    private static JournalSummary Summary => new(
        new JournalHead(42, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        new Contribution(new ResourceSeconds(12.5, 3.0e12, 7, 3), new ResourceSeconds(0.25, 0, 0, 1)));

    private static LedgerEntry WithJournal => LedgerTestData.Full(Identity) with { Journal = Summary };

    [Test]
    public void Encode_EntryWithJournal_RoundTrips()
    {
        var result = LedgerEntryCodec.TryDecode(LedgerEntryCodec.Encode(WithJournal, Identity));

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.Ok), result.Reason);
        AssertSameSummary(result.Entry!.Journal, Summary);
    }

    [Test]
    public void TryDecode_EntryWithoutJournal_JournalIsNull()
    {
        var result = LedgerEntryCodec.TryDecode(LedgerEntryCodec.Encode(LedgerTestData.Full(Identity), Identity));

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.Ok), result.Reason);
        Assert.That(result.Entry!.Journal, Is.Null);
    }

    [Test]
    public void Encode_EntryWithoutJournal_WritesNoKey14()
    {
        var without = LedgerEntryCodec.Encode(LedgerTestData.Full(Identity), Identity);
        var with = LedgerEntryCodec.Encode(WithJournal, Identity);

        Assert.That(with.Length, Is.GreaterThan(without.Length + JournalHead.HashLength));
    }

    [Test]
    public void TryDecode_JournalEntrySplitAtEveryByte_DecodesTheSameSummary()
    {
        var bytes = LedgerEntryCodec.Encode(WithJournal, Identity);

        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var result = LedgerEntryCodec.TryDecode(TestSequences.Split(bytes, cut));
            Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.Ok), $"split at {cut}: {result.Reason}");
        }

        var bytewise = LedgerEntryCodec.TryDecode(TestSequences.Bytewise(bytes));
        AssertSameSummary(bytewise.Entry?.Journal, Summary);
    }

    [Test]
    public void TryDecode_EveryTruncationOfAJournalEntry_IsMalformedWithoutException()
    {
        var bytes = LedgerEntryCodec.Encode(WithJournal, Identity);

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.That(LedgerEntryCodec.TryDecode(bytes.AsMemory(0, length)).Status, Is.EqualTo(LedgerDecodeStatus.Malformed), $"length {length}");
        }
    }

    [Test]
    public void TryDecode_MutatedJournalEntries_NeverThrowNorAcceptChangedPayload()
    {
        var random = new Random(14);
        var bytes = LedgerEntryCodec.Encode(WithJournal, Identity);
        for (var i = 0; i < 3000; i++)
        {
            var mutated = (byte[])bytes.Clone();
            mutated[random.Next(mutated.Length)] = (byte)random.Next(256);

            if (LedgerEntryCodec.TryDecode(mutated).IsOk)
            {
                Assert.That(mutated, Is.EqualTo(bytes));
            }
        }
    }

    [Test]
    public void TryDecode_RandomGarbageAsTheJournalField_NeverThrows()
    {
        var random = new Random(15);
        for (var i = 0; i < 2000; i++)
        {
            var garbage = new byte[random.Next(1, 80)];
            random.NextBytes(garbage);
            garbage[0] = (byte)(0x94 + (i % 3)); // an array of 4 to 6, so the reader goes past the header
            var payload = RawLedger.Payload(LedgerTestData.Full(Identity), extra: new Dictionary<long, RawLedger.WriteValue>
            {
                [14] = (ref MessagePackWriter w) => w.WriteRaw(garbage),
            });

            Assert.DoesNotThrow(() => LedgerEntryCodec.TryDecode(RawLedger.SignedEnvelope(Identity, payload)));
        }
    }

    [Test]
    public void TryDecode_LongerJournalArrays_ExtraElementsAreSkipped()
    {
        var payload = JournalPayload((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(5);
            w.Write(7UL);
            w.Write(new byte[32]);
            Amount(ref w, 1, 2, 3, 4, extra: true);
            Amount(ref w, 0, 0, 0, 0, extra: false);
            w.Write("future");
        });

        var result = LedgerEntryCodec.TryDecode(RawLedger.SignedEnvelope(Identity, payload));

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.Ok), result.Reason);
        Assert.That(result.Entry!.Journal!.Head.Height, Is.EqualTo(7));
        Assert.That(result.Entry.Journal.Contribution.Given, Is.EqualTo(new ResourceSeconds(1, 2, 3, 4)));
    }

    private static IEnumerable<TestCaseData> BadJournals()
    {
        yield return Case("TryDecode_JournalHead31Bytes_IsMalformed", (ref MessagePackWriter w) => Journal(ref w, 1, new byte[31]));
        yield return Case("TryDecode_JournalHead33Bytes_IsMalformed", (ref MessagePackWriter w) => Journal(ref w, 1, new byte[33]));
        yield return Case("TryDecode_JournalHeadNotBinary_IsMalformed", (ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(4);
            w.Write(1UL);
            w.Write(new string('h', 32));
            Amount(ref w, 0, 0, 0, 0, false);
            Amount(ref w, 0, 0, 0, 0, false);
        });
        yield return Case("TryDecode_JournalNegativeHeight_IsMalformed", (ref MessagePackWriter w) => Journal(ref w, -1, new byte[32]));
        yield return Case("TryDecode_JournalHeightOverInt64_IsMalformed", (ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(4);
            w.Write(ulong.MaxValue);
            w.Write(new byte[32]);
            Amount(ref w, 0, 0, 0, 0, false);
            Amount(ref w, 0, 0, 0, 0, false);
        });
        yield return Case("TryDecode_JournalThreeElements_IsMalformed", (ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(3);
            w.Write(1UL);
            w.Write(new byte[32]);
            Amount(ref w, 0, 0, 0, 0, false);
        });
        yield return Case("TryDecode_JournalNotAnArray_IsMalformed", (ref MessagePackWriter w) => w.Write(5));
        yield return Case("TryDecode_JournalNaNCpuSeconds_IsMalformed", (ref MessagePackWriter w) => Journal(ref w, 1, new byte[32], cpu: double.NaN));
        yield return Case("TryDecode_JournalInfiniteCpuSeconds_IsMalformed", (ref MessagePackWriter w) => Journal(ref w, 1, new byte[32], cpu: double.PositiveInfinity));
        yield return Case("TryDecode_JournalNegativeMemorySeconds_IsMalformed", (ref MessagePackWriter w) => Journal(ref w, 1, new byte[32], memory: -1));
        yield return Case("TryDecode_JournalNegativeTasks_IsMalformed", (ref MessagePackWriter w) => Journal(ref w, 1, new byte[32], tasks: -3));
        yield return Case("TryDecode_JournalShortAmount_IsMalformed", (ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(4);
            w.Write(1UL);
            w.Write(new byte[32]);
            w.WriteArrayHeader(3);
            w.Write(1.0);
            w.Write(1.0);
            w.Write(1.0);
            Amount(ref w, 0, 0, 0, 0, false);
        });
    }

    [TestCaseSource(nameof(BadJournals))]
    public void TryDecode_BadJournal_IsMalformed(RawLedger.WriteValue write)
    {
        var payload = JournalPayload(write);

        var result = LedgerEntryCodec.TryDecode(RawLedger.SignedEnvelope(Identity, payload));

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.Malformed), result.Reason);
    }

    [Test]
    public void TryDecode_JournalArrayOverTheTupleLimit_IsTooLarge()
    {
        var payload = JournalPayload((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(17);
            for (var i = 0; i < 17; i++)
            {
                w.WriteNil();
            }
        });

        Assert.That(LedgerEntryCodec.TryDecode(RawLedger.SignedEnvelope(Identity, payload)).Status, Is.EqualTo(LedgerDecodeStatus.TooLarge));
    }

    [Test]
    public void Encode_JournalWithNaN_Throws()
    {
        var entry = LedgerTestData.Full(Identity) with
        {
            Journal = Summary with { Contribution = new Contribution(new ResourceSeconds(double.NaN, 0, 0, 0), ResourceSeconds.Zero) },
        };

        Assert.Throws<ArgumentException>(() => LedgerEntryCodec.Encode(entry, Identity));
    }

    [Test]
    public void Encode_JournalHeadOfWrongLength_Throws()
    {
        var entry = LedgerTestData.Full(Identity) with { Journal = Summary with { Head = new JournalHead(1, new byte[31]) } };

        Assert.Throws<ArgumentException>(() => LedgerEntryCodec.Encode(entry, Identity));
    }

    internal static void AssertSameSummary(JournalSummary? actual, JournalSummary expected)
    {
        Assert.That(actual, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(actual!.Head.Height, Is.EqualTo(expected.Head.Height));
            Assert.That(actual.Head.Hash.ToArray(), Is.EqualTo(expected.Head.Hash.ToArray()));
            Assert.That(actual.Contribution, Is.EqualTo(expected.Contribution));
        });
    }

    private static TestCaseData Case(string name, RawLedger.WriteValue write) => new TestCaseData(write).SetName(name);

    private static byte[] JournalPayload(RawLedger.WriteValue write) =>
        RawLedger.Payload(LedgerTestData.Full(Identity), extra: new Dictionary<long, RawLedger.WriteValue> { [14] = write });

    private static void Journal(ref MessagePackWriter w, long height, byte[] head, double cpu = 0, double memory = 0, long tasks = 0)
    {
        w.WriteArrayHeader(4);
        w.Write(height);
        w.Write(head);
        w.WriteArrayHeader(4);
        w.Write(cpu);
        w.Write(memory);
        w.Write(0.0);
        w.Write(tasks);
        Amount(ref w, 0, 0, 0, 0, false);
    }

    private static void Amount(ref MessagePackWriter w, double cpu, double memory, double gpu, long tasks, bool extra)
    {
        w.WriteArrayHeader(extra ? 5 : 4);
        w.Write(cpu);
        w.Write(memory);
        w.Write(gpu);
        w.Write(tasks);
        if (extra)
        {
            w.Write("tpu-seconds");
        }

    }
}
