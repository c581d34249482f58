using System.Buffers;
using MessagePack;
using Mesh.Core.Ledger;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Ledger;

public sealed class LedgerEntryCodecTests
{
    // docs/protocol.md, "Ledger", test vector: LedgerTestData.Vector signed by the seed 00..1f identity.
    private const string VectorHex =
        "9301c4df8e00c42600240801122003a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b801a66e6f64652d6102cf0000018bcfe5680003cf0000018bcfe568000491ba2f6970342f3139322e3136382e312e31302f7463702f343030310594cb4010000000000000cf0000000200000000cf000000e8d4a51000000694cb3ff0000000000000ce40000000cf0000003a35294400000794cb4008000000000000cf00000001c0000000cf000000ae9f7bcc00000894cb000000000000000000000009900a000b000ccb40934a00000000000da6737461746963c440fd7dc62f82017586e5b3be12fffd56c6f8a747bc383cdb400a2ae115608e4ba43cb93f9374dac5042e8f30c8fd1918c146b65abaa46830b567c569ceccf1f709";

    private static readonly IdentityKey Identity = IdentityKey.Generate();

    [Test]
    public void Encode_FullEntry_RoundTrips()
    {
        var entry = LedgerTestData.Full(Identity);

        var result = LedgerEntryCodec.TryDecode(LedgerEntryCodec.Encode(entry, Identity));

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.Ok), result.Reason);
        LedgerTestData.AssertSame(result.Entry!, entry);
    }

    [Test]
    public void Encode_VectorEntry_IsTheDocumentedBytes()
    {
        var bytes = LedgerEntryCodec.Encode(LedgerTestData.Vector, LedgerTestData.VectorIdentity);

        Assert.That(Convert.ToHexStringLower(bytes), Is.EqualTo(VectorHex));
    }

    [Test]
    public void TryDecode_DocumentedBytes_IsTheVectorEntry()
    {
        var result = LedgerEntryCodec.TryDecode(Convert.FromHexString(VectorHex));

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.Ok), result.Reason);
        LedgerTestData.AssertSame(result.Entry!, LedgerTestData.Vector);
    }

    [Test]
    public void TryDecode_SplitAtEveryByte_DecodesTheSameEntry()
    {
        var entry = LedgerTestData.Full(Identity);
        var bytes = LedgerEntryCodec.Encode(entry, Identity);

        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var result = LedgerEntryCodec.TryDecode(TestSequences.Split(bytes, cut));
            Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.Ok), $"split at {cut}: {result.Reason}");
        }

        var bytewise = LedgerEntryCodec.TryDecode(TestSequences.Bytewise(bytes));
        Assert.That(bytewise.Status, Is.EqualTo(LedgerDecodeStatus.Ok), bytewise.Reason);
        LedgerTestData.AssertSame(bytewise.Entry!, entry);
    }

    [Test]
    public void TryDecode_EveryTruncation_IsMalformedWithoutException()
    {
        var bytes = LedgerEntryCodec.Encode(LedgerTestData.Full(Identity), Identity);

        for (var length = 0; length < bytes.Length; length++)
        {
            var result = LedgerEntryCodec.TryDecode(bytes.AsMemory(0, length));
            Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.Malformed), $"length {length}");
        }
    }

    [Test]
    public void TryDecode_TwoEntriesInOneBuffer_IsMalformed()
    {
        var bytes = LedgerEntryCodec.Encode(LedgerTestData.Full(Identity), Identity);

        var result = LedgerEntryCodec.TryDecode(bytes.Concat(bytes).ToArray());

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.Malformed));
    }

    [Test]
    public void TryDecode_RandomGarbage_NeverThrowsNorAccepts()
    {
        var random = new Random(4);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length > 0)
            {
                bytes[0] = 0x93; // an array of 3, so the decoder goes deeper than the first byte
            }

            Assert.That(LedgerEntryCodec.TryDecode(bytes).IsOk, Is.False);
        }
    }

    [Test]
    public void TryDecode_MutatedValidEntries_NeverThrowNorAcceptChangedPayload()
    {
        var random = new Random(7);
        var bytes = LedgerEntryCodec.Encode(LedgerTestData.Full(Identity), Identity);
        for (var i = 0; i < 5000; i++)
        {
            var mutated = (byte[])bytes.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            var result = LedgerEntryCodec.TryDecode(mutated);
            if (result.IsOk)
            {
                // Only a mutation that changed nothing (the same byte written back) may verify.
                Assert.That(mutated, Is.EqualTo(bytes));
            }
        }
    }

    [Test]
    public void TryDecode_UnknownFormatVersion_IsUnsupported()
    {
        var payload = RawLedger.Payload(LedgerTestData.Full(Identity));

        var result = LedgerEntryCodec.TryDecode(RawLedger.Envelope(2, payload, RawLedger.Sign(Identity, payload)));

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.UnsupportedVersion));
    }

    [Test]
    public void TryDecode_UnknownPayloadKeys_AreIgnored()
    {
        var entry = LedgerTestData.Full(Identity);
        var payload = RawLedger.Payload(entry, extra: new Dictionary<long, RawLedger.WriteValue>
        {
            [15] = (ref MessagePackWriter w) => w.Write("a field from the future"),
            [99] = (ref MessagePackWriter w) =>
            {
                w.WriteMapHeader(1);
                w.Write("nested");
                w.WriteArrayHeader(2);
                w.Write(1);
                w.WriteNil();
            },
        });

        var result = LedgerEntryCodec.TryDecode(RawLedger.SignedEnvelope(Identity, payload));

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.Ok), result.Reason);
        Assert.That(result.Entry!.Name, Is.EqualTo(entry.Name));
    }

    [Test]
    public void TryDecode_LongerResourceVector_ExtraKindsAreSkipped()
    {
        var entry = LedgerTestData.Full(Identity);
        var payload = RawLedger.Payload(entry, new Dictionary<int, RawLedger.WriteValue?>
        {
            [5] = (ref MessagePackWriter w) =>
            {
                w.WriteArrayHeader(6);
                w.Write(8.0);
                w.Write(1L);
                w.Write(2L);
                w.Write(1);
                w.Write(4);
                w.Write("tpu");
            },
        });

        var result = LedgerEntryCodec.TryDecode(RawLedger.SignedEnvelope(Identity, payload));

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.Ok), result.Reason);
        Assert.That(result.Entry!.Capacity, Is.EqualTo(new Mesh.Core.Resources.ResourceVector(8, 1, 2, 1)));
    }

    [Test]
    public void TryDecode_DeeplyNestedUnknownKey_IsRefusedWithoutRecursingFar()
    {
        var payload = RawLedger.Payload(LedgerTestData.Full(Identity), extra: new Dictionary<long, RawLedger.WriteValue>
        {
            [20] = (ref MessagePackWriter w) =>
            {
                for (var i = 0; i < 10_000; i++)
                {
                    w.WriteArrayHeader(1);
                }

                w.WriteNil();
            },
        });

        var result = LedgerEntryCodec.TryDecode(RawLedger.SignedEnvelope(Identity, payload));

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.TooLarge));
    }

    [Test]
    public void TryDecode_SignedByAnotherKey_IsBadSignature()
    {
        var payload = RawLedger.Payload(LedgerTestData.Full(Identity));

        var result = LedgerEntryCodec.TryDecode(RawLedger.SignedEnvelope(IdentityKey.Generate(), payload));

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.BadSignature));
    }

    [Test]
    public void TryDecode_SignatureWithoutDomain_IsBadSignature()
    {
        var payload = RawLedger.Payload(LedgerTestData.Full(Identity));

        var result = LedgerEntryCodec.TryDecode(RawLedger.Envelope(1, payload, Identity.Sign(payload)));

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.BadSignature));
    }

    [Test]
    public void TryDecode_PeerIdWithoutInlineKey_IsBadSignature()
    {
        var sha256PeerId = PeerId.Parse("QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N");
        var entry = LedgerTestData.Full(Identity) with { Peer = sha256PeerId };
        var payload = RawLedger.Payload(entry);

        var result = LedgerEntryCodec.TryDecode(RawLedger.SignedEnvelope(Identity, payload));

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.BadSignature));
    }

    private static IEnumerable<TestCaseData> OversizedFields()
    {
        yield return new TestCaseData(1, (RawLedger.WriteValue)((ref MessagePackWriter w) => w.Write(new string('n', 65)))).SetName("TryDecode_NameOver64Bytes_IsTooLarge");
        yield return new TestCaseData(4, (RawLedger.WriteValue)((ref MessagePackWriter w) => RawLedger.WriteStrings(ref w, Enumerable.Repeat("/ip4/1.2.3.4/tcp/1", 33)))).SetName("TryDecode_33Addresses_IsTooLarge");
        yield return new TestCaseData(4, (RawLedger.WriteValue)((ref MessagePackWriter w) => RawLedger.WriteStrings(ref w, [new string('a', 257)]))).SetName("TryDecode_AddressOver256Bytes_IsTooLarge");
        yield return new TestCaseData(9, (RawLedger.WriteValue)((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(65);
            for (var i = 0; i < 65; i++)
            {
                w.WriteArrayHeader(2);
                w.Write("gpu");
                w.Write(1L);
            }
        })).SetName("TryDecode_65Gpus_IsTooLarge");
        yield return new TestCaseData(13, (RawLedger.WriteValue)((ref MessagePackWriter w) => w.Write(new string('p', 65)))).SetName("TryDecode_PolicyOver64Bytes_IsTooLarge");
    }

    [TestCaseSource(nameof(OversizedFields))]
    public void TryDecode_OversizedField_IsTooLarge(int key, RawLedger.WriteValue value)
    {
        var payload = RawLedger.Payload(LedgerTestData.Full(Identity), new Dictionary<int, RawLedger.WriteValue?> { [key] = value });

        var result = LedgerEntryCodec.TryDecode(RawLedger.SignedEnvelope(Identity, payload));

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.TooLarge), result.Reason);
    }

    [Test]
    public void TryDecode_EnvelopeOverMaxEntrySize_IsTooLargeBeforeParsing()
    {
        var bytes = new byte[64 * 1024 + 1];
        bytes[0] = 0x93;

        Assert.That(LedgerEntryCodec.TryDecode(bytes).Status, Is.EqualTo(LedgerDecodeStatus.TooLarge));
    }

    private static IEnumerable<TestCaseData> BadValues()
    {
        yield return new TestCaseData(5, (RawLedger.WriteValue)((ref MessagePackWriter w) => RawLedger.Vector(ref w, double.NaN, 1, 1, 0))).SetName("TryDecode_NaNCpu_IsMalformed");
        yield return new TestCaseData(7, (RawLedger.WriteValue)((ref MessagePackWriter w) => RawLedger.Vector(ref w, double.PositiveInfinity, 1, 1, 0))).SetName("TryDecode_InfiniteSurplusCpu_IsMalformed");
        yield return new TestCaseData(7, (RawLedger.WriteValue)((ref MessagePackWriter w) => RawLedger.Vector(ref w, -1, 1, 1, 0))).SetName("TryDecode_NegativeSurplusCpu_IsMalformed");
        yield return new TestCaseData(6, (RawLedger.WriteValue)((ref MessagePackWriter w) => RawLedger.Vector(ref w, 1, -5, 1, 0))).SetName("TryDecode_NegativeMemory_IsMalformed");
        yield return new TestCaseData(5, (RawLedger.WriteValue)((ref MessagePackWriter w) => RawLedger.Vector(ref w, 1, 1, 1, -1))).SetName("TryDecode_NegativeGpus_IsMalformed");
        yield return new TestCaseData(5, (RawLedger.WriteValue)((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(3);
            w.Write(1.0);
            w.Write(1L);
            w.Write(1L);
        })).SetName("TryDecode_ShortResourceVector_IsMalformed");
        yield return new TestCaseData(12, (RawLedger.WriteValue)((ref MessagePackWriter w) => w.Write(double.NaN))).SetName("TryDecode_NaNScore_IsMalformed");
        yield return new TestCaseData(10, (RawLedger.WriteValue)((ref MessagePackWriter w) => w.Write(-1))).SetName("TryDecode_NegativeQueued_IsMalformed");
        yield return new TestCaseData(10, (RawLedger.WriteValue)((ref MessagePackWriter w) => w.Write(long.MaxValue))).SetName("TryDecode_QueuedOverInt32_IsMalformed");
        yield return new TestCaseData(2, (RawLedger.WriteValue)((ref MessagePackWriter w) => w.Write(-1L))).SetName("TryDecode_NegativeVersion_IsMalformed");
        yield return new TestCaseData(3, (RawLedger.WriteValue)((ref MessagePackWriter w) => w.Write(long.MaxValue))).SetName("TryDecode_IssuedAtOutOfRange_IsMalformed");
        yield return new TestCaseData(1, (RawLedger.WriteValue)((ref MessagePackWriter w) => w.WriteString(new byte[] { 0xff, 0xfe }))).SetName("TryDecode_NameNotUtf8_IsMalformed");
        yield return new TestCaseData(1, (RawLedger.WriteValue)((ref MessagePackWriter w) => w.Write(5))).SetName("TryDecode_NameNotAString_IsMalformed");
        yield return new TestCaseData(0, (RawLedger.WriteValue)((ref MessagePackWriter w) => w.Write(new byte[] { 1, 2, 3 }))).SetName("TryDecode_PeerIdNotAMultihash_IsMalformed");
        yield return new TestCaseData(2, null).SetName("TryDecode_VersionMissing_IsMalformed");
    }

    [TestCaseSource(nameof(BadValues))]
    public void TryDecode_BadValue_IsMalformed(int key, RawLedger.WriteValue? value)
    {
        var payload = RawLedger.Payload(LedgerTestData.Full(Identity), new Dictionary<int, RawLedger.WriteValue?> { [key] = value });

        var result = LedgerEntryCodec.TryDecode(RawLedger.SignedEnvelope(Identity, payload));

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.Malformed), result.Reason);
    }

    [Test]
    public void TryDecode_RepeatedKey_IsMalformed()
    {
        var payload = RawLedger.Payload(LedgerTestData.Full(Identity));
        payload[0]++; // one more map entry than written...
        var repeated = payload.Concat(new byte[] { 0x01, 0xa1, (byte)'x' }).ToArray(); // ...the name again

        var result = LedgerEntryCodec.TryDecode(RawLedger.SignedEnvelope(Identity, repeated));

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.Malformed), result.Reason);
    }

    [Test]
    public void Encode_NameOverTheLimit_Throws()
    {
        var entry = LedgerTestData.Full(Identity) with { Name = new string('x', 65) };

        Assert.Throws<ArgumentException>(() => LedgerEntryCodec.Encode(entry, Identity));
    }

    [Test]
    public void Encode_AnotherPeersEntry_Throws()
    {
        var entry = LedgerTestData.Full(IdentityKey.Generate());

        Assert.Throws<ArgumentException>(() => LedgerEntryCodec.Encode(entry, Identity));
    }
}
