using System.Buffers;
using MessagePack;
using Mesh.Core.Journal;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;

namespace Mesh.Tests.Core.Journal;

public sealed class ComputeRecordCodecTests
{
    private const string VectorRecordHex =
        "8a00c4100102030405060708090a0b0c0d0e0f10012a02c4260024080112208139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df6"
        + "0f5b8fc9b39403c4260024080112208a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c04c4204ba9b95f127e65"
        + "36dee69e44ddd742a800f8f72ff96aebf191afa01323048a160594cb3ff8000000000000ce0010000000000693ce001e8480ce0016e360ce00"
        + "a0000007cf0000019ab697e80008cf0000019ab697efd009930000c0";

    [Test]
    public void Encode_VectorRecord_MatchesKnownBytes()
    {
        Assert.That(Convert.ToHexStringLower(ComputeRecordCodec.Encode(JournalTestData.VectorRecord())), Is.EqualTo(VectorRecordHex));
    }

    [Test]
    public void TryRead_Encoded_RoundTripsEveryField()
    {
        var record = JournalTestData.VectorRecord() with
        {
            Requested = new ResourceVector(0.25, 123, 456, 2),
            Reason = TaskEndReason.Signaled,
            ExitCode = null,
            Signal = 9,
        };

        Assert.That(ComputeRecordCodec.TryRead(ComputeRecordCodec.Encode(record), out var read, out var error), Is.True, error);
        Assert.Multiple(() =>
        {
            Assert.That(read!.Task, Is.EqualTo(record.Task));
            Assert.That(read.Attempt, Is.EqualTo(record.Attempt));
            Assert.That(read.Origin, Is.EqualTo(record.Origin));
            Assert.That(read.Executor, Is.EqualTo(record.Executor));
            Assert.That(read.CommandDigest.ToArray(), Is.EqualTo(record.CommandDigest.ToArray()));
            Assert.That(read.Requested, Is.EqualTo(record.Requested));
            Assert.That(read.Used, Is.EqualTo(record.Used));
            Assert.That(read.StartedAt, Is.EqualTo(record.StartedAt));
            Assert.That(read.FinishedAt, Is.EqualTo(record.FinishedAt));
            Assert.That(read.Reason, Is.EqualTo(TaskEndReason.Signaled));
            Assert.That(read.ExitCode, Is.Null);
            Assert.That(read.Signal, Is.EqualTo(9));
        });
    }

    [Test]
    public void TryRead_EveryPrefix_IsRejectedWithoutException()
    {
        var bytes = ComputeRecordCodec.Encode(JournalTestData.VectorRecord());
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.That(ComputeRecordCodec.TryRead(bytes.AsMemory(0, length), out _, out var error), Is.False, $"prefix of {length} bytes");
            Assert.That(error, Is.Not.Null);
        }
    }

    [Test]
    public void TryRead_RandomGarbage_NeverThrows()
    {
        var random = new Random(8);
        var valid = ComputeRecordCodec.Encode(JournalTestData.VectorRecord());
        for (var i = 0; i < 2000; i++)
        {
            byte[] input;
            if (i % 2 == 0)
            {
                input = new byte[random.Next(0, 300)];
                random.NextBytes(input);
            }
            else
            {
                // Mutations of a valid record reach far deeper into the decoder than pure noise.
                input = (byte[])valid.Clone();
                input[random.Next(input.Length)] = (byte)random.Next(256);
            }

            Assert.That(() => ComputeRecordCodec.TryRead(input, out _, out _), Throws.Nothing, Convert.ToHexStringLower(input));
        }
    }

    [Test]
    public void TryRead_UnknownKeysAndLongerArrays_AreSkipped()
    {
        var bytes = Write((ref MessagePackWriter writer) =>
        {
            writer.WriteMapHeader(12);
            WriteRequired(ref writer, skip: -1);
            writer.Write(5);
            writer.WriteArrayHeader(5);
            writer.Write(1.0);
            writer.Write(2);
            writer.Write(3);
            writer.Write(0);
            writer.Write("future resource");
            writer.Write(6);
            writer.WriteArrayHeader(4);
            writer.Write(1_000_000);
            writer.Write(500_000);
            writer.Write(77);
            writer.WriteNil();
            writer.Write(10);
            writer.WriteMapHeader(1);
            writer.Write("x");
            writer.WriteArrayHeader(1);
            writer.Write(true);
            writer.Write(200);
            writer.Write("unknown");
        });

        Assert.That(ComputeRecordCodec.TryRead(bytes, out var record, out var error), Is.True, error);
        Assert.Multiple(() =>
        {
            Assert.That(record!.Requested, Is.EqualTo(new ResourceVector(1, 2, 3, 0)));
            Assert.That(record.Used, Is.EqualTo(new TaskUsage(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.5), 77)));
        });
    }

    [Test]
    public void TryRead_OptionalKeysAbsent_ReadsZeros()
    {
        var bytes = Write((ref MessagePackWriter writer) =>
        {
            writer.WriteMapHeader(8);
            WriteRequired(ref writer, skip: -1);
        });

        Assert.That(ComputeRecordCodec.TryRead(bytes, out var record, out var error), Is.True, error);
        Assert.Multiple(() =>
        {
            Assert.That(record!.Requested, Is.EqualTo(ResourceVector.Zero));
            Assert.That(record.Used, Is.EqualTo(TaskUsage.None));
        });
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(7)]
    [TestCase(8)]
    [TestCase(9)]
    public void TryRead_RequiredKeyMissing_IsRejected(int missing)
    {
        var bytes = Write((ref MessagePackWriter writer) =>
        {
            writer.WriteMapHeader(7);
            WriteRequired(ref writer, skip: missing);
        });

        Assert.That(ComputeRecordCodec.TryRead(bytes, out _, out var error), Is.False);
        Assert.That(error, Does.Contain($"key {missing}"));
    }

    [Test]
    public void TryRead_TrailingBytes_AreRejected()
    {
        byte[] bytes = [.. ComputeRecordCodec.Encode(JournalTestData.VectorRecord()), 0xc0];

        Assert.That(ComputeRecordCodec.TryRead(bytes, out _, out var error), Is.False);
        Assert.That(error, Does.Contain("follow"));
    }

    [Test]
    public void TryRead_OverFourKiB_IsRejectedBeforeDecoding()
    {
        Assert.That(ComputeRecordCodec.TryRead(new byte[JournalFormat.MaxRecordBytes + 1], out _, out var error), Is.False);
        Assert.That(error, Does.Contain("over"));
    }

    [Test]
    public void TryRead_UnknownValueNestedTooDeep_IsRejected()
    {
        var bytes = Write((ref MessagePackWriter writer) =>
        {
            writer.WriteMapHeader(9);
            WriteRequired(ref writer, skip: -1);
            writer.Write(11);
            for (var i = 0; i < 20; i++)
            {
                writer.WriteArrayHeader(1);
            }

            writer.Write(1);
        });

        Assert.That(ComputeRecordCodec.TryRead(bytes, out _, out var error), Is.False);
        Assert.That(error, Does.Contain("deeper"));
    }

    [Test]
    public void TryRead_RepeatedKey_IsRejected()
    {
        var bytes = Write((ref MessagePackWriter writer) =>
        {
            writer.WriteMapHeader(9);
            WriteRequired(ref writer, skip: -1);
            writer.Write(1);
            writer.Write(43);
        });

        Assert.That(ComputeRecordCodec.TryRead(bytes, out _, out var error), Is.False);
        Assert.That(error, Does.Contain("repeats"));
    }

    [Test]
    public void Encode_InvalidFields_Throw()
    {
        var record = JournalTestData.VectorRecord();
        Assert.Multiple(() =>
        {
            Assert.That(() => ComputeRecordCodec.Encode(record with { Task = default }), Throws.ArgumentException);
            Assert.That(() => ComputeRecordCodec.Encode(record with { Attempt = default }), Throws.ArgumentException);
            Assert.That(() => ComputeRecordCodec.Encode(record with { CommandDigest = new byte[31] }), Throws.ArgumentException);
            Assert.That(() => ComputeRecordCodec.Encode(record with { Signal = 0 }), Throws.ArgumentException);
            Assert.That(() => ComputeRecordCodec.Encode(record with { Reason = (TaskEndReason)7 }), Throws.ArgumentException);
            Assert.That(() => ComputeRecordCodec.Encode(record with { Requested = new ResourceVector(-1, 0, 0, 0) }), Throws.ArgumentException);
            Assert.That(() => ComputeRecordCodec.Encode(record with { Used = new TaskUsage(TimeSpan.FromSeconds(-1), TimeSpan.Zero, 0) }), Throws.ArgumentException);
        });
    }

    /// <summary>Writes keys 0-4 and 7-9 of the vector record, leaving out <paramref name="skip"/>.</summary>
    private static void WriteRequired(ref MessagePackWriter writer, int skip)
    {
        var record = JournalTestData.VectorRecord();
        if (skip != 0)
        {
            writer.Write(0);
            writer.Write(Convert.FromHexString("0102030405060708090a0b0c0d0e0f10"));
        }

        if (skip != 1)
        {
            writer.Write(1);
            writer.Write(42);
        }

        if (skip != 2)
        {
            writer.Write(2);
            writer.Write(record.Origin.Bytes);
        }

        if (skip != 3)
        {
            writer.Write(3);
            writer.Write(record.Executor.Bytes);
        }

        if (skip != 4)
        {
            writer.Write(4);
            writer.Write(record.CommandDigest.Span);
        }

        if (skip != 7)
        {
            writer.Write(7);
            writer.Write(1_764_000_000_000);
        }

        if (skip != 8)
        {
            writer.Write(8);
            writer.Write(1_764_000_002_000);
        }

        if (skip != 9)
        {
            writer.Write(9);
            writer.WriteArrayHeader(3);
            writer.Write(0);
            writer.Write(0);
            writer.WriteNil();
        }
    }

    private delegate void WriteAction(ref MessagePackWriter writer);

    private static byte[] Write(WriteAction write)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        write(ref writer);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }
}
