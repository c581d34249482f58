using Mesh.Core.Journal;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Journal;

public sealed class JournalEntryCodecTests
{
    private const string VectorEntryHex = "85000101c420000000000000000000000000000000000000000000000000000000000000000002c4c78a00c4100102030405060708090a0b0c0d0e0f10012a02c4260024080112208139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b39403c4260024080112208a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c04c4204ba9b95f127e6536dee69e44ddd742a800f8f72ff96aebf191afa01323048a160594cb3ff8000000000000ce0010000000000693ce001e8480ce0016e360ce00a0000007cf0000019ab697e80008cf0000019ab697efd009930000c003c44013f5fab3b2dff283c9ea7165f1c4e1debe6f76a094863cb069853e02fe82dc9ca0e407c2c8f4d8b039fa31811f7f9f9c430afc43eb85e5990f5858e175456b0a04c440f4cf11537a4e8ca57e26a07ab7e7d162a979deae1026ed9274dadeab2e26a6008ff268053abd07de44b0a9af42a96824d5b56157f4068805a07cd9a053d4010f";
    private const string VectorEntryHash = "9c8835bb7d8d83bcfe8d5d39ec269ef339a699be245b8eb93a4da7c73d2fbf90";

    [Test]
    public void Encode_VectorEntry_MatchesKnownBytesAndHash()
    {
        var transaction = JournalSigning.Countersign(JournalTestData.SeedKey(2), JournalSigning.SignAsExecutor(JournalTestData.SeedKey(1), JournalTestData.VectorRecord()));

        var bytes = JournalEntryCodec.Encode(1, JournalHead.Genesis.Hash.Span, transaction);

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(bytes), Is.EqualTo(VectorEntryHex));
            Assert.That(Convert.ToHexStringLower(JournalEntryCodec.Hash(bytes)), Is.EqualTo(VectorEntryHash));
        });
    }

    [Test]
    public void TryRead_VectorEntry_DecodesEveryField()
    {
        Assert.That(JournalEntryCodec.TryRead(Convert.FromHexString(VectorEntryHex), out var entry, out var error), Is.True, error);
        Assert.Multiple(() =>
        {
            Assert.That(entry!.Height, Is.EqualTo(1));
            Assert.That(entry.Previous.ToArray(), Is.EqualTo(new byte[32]));
            Assert.That(entry.Transaction.Record.Attempt.Value, Is.EqualTo(42UL));
            Assert.That(entry.Transaction.Record.Executor.ToString(), Is.EqualTo("12D3KooWK99VoVxNE7XzyBwXEzW7xhK7Gpv85r9F3V3fyKSUKPH5"));
            Assert.That(entry.Transaction.Record.Origin.ToString(), Is.EqualTo("12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq"));
            Assert.That(JournalSigning.VerifyExecutor(entry.Transaction), Is.True);
            Assert.That(JournalSigning.VerifyOrigin(entry.Transaction), Is.True);
            Assert.That(Convert.ToHexStringLower(entry.Bytes.Span), Is.EqualTo(VectorEntryHex));
            Assert.That(Convert.ToHexStringLower(entry.Hash.Span), Is.EqualTo(VectorEntryHash));
            Assert.That(entry.ToHead().HashHex, Is.EqualTo(VectorEntryHash));
        });
    }

    [Test]
    public void TryRead_EveryPrefix_IsRejectedWithoutException()
    {
        var bytes = Convert.FromHexString(VectorEntryHex);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.That(JournalEntryCodec.TryRead(bytes.AsMemory(0, length), out _, out var error), Is.False, $"prefix of {length} bytes");
            Assert.That(error, Is.Not.Null);
        }
    }

    [Test]
    public void TryRead_RandomGarbageAndMutations_NeverThrow()
    {
        var random = new Random(9);
        var valid = Convert.FromHexString(VectorEntryHex);
        for (var i = 0; i < 2000; i++)
        {
            byte[] input;
            if (i % 2 == 0)
            {
                input = new byte[random.Next(0, 600)];
                random.NextBytes(input);
            }
            else
            {
                input = (byte[])valid.Clone();
                input[random.Next(input.Length)] = (byte)random.Next(256);
            }

            Assert.That(() => JournalEntryCodec.TryRead(input, out _, out _), Throws.Nothing, Convert.ToHexStringLower(input));
        }
    }

    [Test]
    public void TryRead_UnknownKey_IsSkipped()
    {
        // The vector with map header 0x86 and a sixth pair 0x07 -> "x" appended.
        var bytes = Convert.FromHexString(VectorEntryHex);
        bytes[0] = 0x86;
        byte[] extended = [.. bytes, 0x07, 0xa1, (byte)'x'];

        Assert.That(JournalEntryCodec.TryRead(extended, out var entry, out var error), Is.True, error);
        Assert.That(entry!.Height, Is.EqualTo(1));
    }

    [Test]
    public void TryRead_OverEightKiB_IsRejected()
    {
        Assert.That(JournalEntryCodec.TryRead(new byte[JournalFormat.MaxEntryBytes + 1], out _, out var error), Is.False);
        Assert.That(error, Does.Contain("over"));
    }

    [Test]
    public void TryRead_TrailingBytes_AreRejected()
    {
        byte[] bytes = [.. Convert.FromHexString(VectorEntryHex), 0xc0];

        Assert.That(JournalEntryCodec.TryRead(bytes, out _, out var error), Is.False);
        Assert.That(error, Does.Contain("follow"));
    }

    [Test]
    public void TryRead_BadRecordInside_NamesTheRecord()
    {
        var origin = IdentityKey.Generate();
        var transaction = JournalTestData.Transaction(origin, origin);
        var bytes = JournalEntryCodec.Encode(1, new byte[32], transaction with { RecordBytes = new byte[] { 0x80 } });

        Assert.That(JournalEntryCodec.TryRead(bytes, out _, out var error), Is.False);
        Assert.That(error, Does.StartWith("its record"));
    }

    [Test]
    public void Encode_NotCountersignedOrBadArguments_Throws()
    {
        var executor = IdentityKey.Generate();
        var signed = JournalSigning.SignAsExecutor(executor, JournalTestData.Record(executor.PeerId, executor.PeerId));
        var countersigned = JournalSigning.Countersign(executor, signed);

        Assert.Multiple(() =>
        {
            Assert.That(() => JournalEntryCodec.Encode(1, new byte[32], signed), Throws.ArgumentException);
            Assert.That(() => JournalEntryCodec.Encode(0, new byte[32], countersigned), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => JournalEntryCodec.Encode(1, new byte[31], countersigned), Throws.ArgumentException);
        });
    }

    [Test]
    public void Hash_DependsOnEveryByte()
    {
        var bytes = Convert.FromHexString(VectorEntryHex);
        var hash = JournalEntryCodec.Hash(bytes);
        bytes[^1] ^= 1;

        Assert.That(JournalEntryCodec.Hash(bytes), Is.Not.EqualTo(hash));
    }
}
