using System.Buffers;
using MessagePack;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Tests.Core.Tasks.Wire;

/// <summary>RunResult key 8 (the executor-signed compute record) and ResultAck key 3 (the origin's countersignature).</summary>
public sealed class TaskWireJournalTests
{
    private static readonly byte[] Record = [.. Enumerable.Range(0, 300).Select(i => (byte)i)];

    private static readonly byte[] ExecutorSignature = [.. Enumerable.Range(0, 64).Select(i => (byte)(0xa0 + i))];

    private static readonly byte[] OriginSignature = [.. Enumerable.Range(0, 64).Select(i => (byte)(0x10 + i))];

    private static IReadOnlyList<TaskMessage> Messages =>
    [
        new RunResultMessage(TaskWireTestData.Attempt, TaskWireTestData.Task, TaskWireTestData.Result, new RunResultJournal(Record, ExecutorSignature)),
        new ResultAckMessage(TaskWireTestData.Attempt, TaskWireTestData.Task, Accepted: true, OriginSignature),
    ];

    private static IEnumerable<TestCaseData> Cases => Messages.Select(m => new TestCaseData(m).SetArgDisplayNames(m.Type.ToString()));

    [Test]
    public void TryRead_RunResultWithJournal_KeepsTheRecordAndSignature()
    {
        var buffer = new ReadOnlySequence<byte>(TaskWireCodec.Encode(Messages[0]));

        Assert.That(TaskWireCodec.TryRead(ref buffer, null, out var message, out var error), Is.EqualTo(TaskWireStatus.Ok), error);

        var journal = ((RunResultMessage)message!).Journal;
        Assert.That(journal, Is.Not.Null);
        Assert.That(journal!.Record.ToArray(), Is.EqualTo(Record));
        Assert.That(journal.ExecutorSignature.ToArray(), Is.EqualTo(ExecutorSignature));
    }

    [Test]
    public void TryRead_ResultAckWithSignature_KeepsTheSignature()
    {
        var buffer = new ReadOnlySequence<byte>(TaskWireCodec.Encode(Messages[1]));

        Assert.That(TaskWireCodec.TryRead(ref buffer, null, out var message, out var error), Is.EqualTo(TaskWireStatus.Ok), error);

        Assert.That(((ResultAckMessage)message!).OriginSignature.ToArray(), Is.EqualTo(OriginSignature));
    }

    [Test]
    public void TryRead_MessagesWithoutJournalFields_HaveNone()
    {
        var result = TaskWireCodec.Encode(new RunResultMessage(TaskWireTestData.Attempt, TaskWireTestData.Task, TaskWireTestData.Result));
        var ack = TaskWireCodec.Encode(new ResultAckMessage(TaskWireTestData.Attempt, TaskWireTestData.Task, false));
        var buffer = new ReadOnlySequence<byte>(result.Concat(ack).ToArray());

        TaskWireCodec.TryRead(ref buffer, null, out var first, out _);
        TaskWireCodec.TryRead(ref buffer, null, out var second, out _);

        Assert.That(((RunResultMessage)first!).Journal, Is.Null);
        Assert.That(((ResultAckMessage)second!).OriginSignature.IsEmpty, Is.True);
    }

    [TestCaseSource(nameof(Cases))]
    public void TryRead_SplitAtEveryByte_DecodesTheSameMessage(TaskMessage message)
    {
        var bytes = TaskWireCodec.Encode(message);

        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var buffer = TestSequences.Split(bytes, cut);
            var status = TaskWireCodec.TryRead(ref buffer, null, out var decoded, out var error);
            Assert.That(status, Is.EqualTo(TaskWireStatus.Ok), $"split at {cut}: {error}");
            TaskWireTestData.AssertSame(decoded, message, $"split at {cut}");
        }

        var bytewise = TestSequences.Bytewise(bytes);
        Assert.That(TaskWireCodec.TryRead(ref bytewise, null, out var whole, out _), Is.EqualTo(TaskWireStatus.Ok));
        TaskWireTestData.AssertSame(whole, message);
    }

    [TestCaseSource(nameof(Cases))]
    public void TryRead_TruncatedAtEveryLength_NeedsMore(TaskMessage message)
    {
        var bytes = TaskWireCodec.Encode(message);

        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            Assert.That(TaskWireCodec.TryRead(ref buffer, null, out _, out _), Is.EqualTo(TaskWireStatus.NeedMore), $"length {length}");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void TryRead_PayloadCutShort_IsInvalidNotAnException(TaskMessage message)
    {
        var payload = TaskWireCodecTests.Payload(TaskWireCodec.Encode(message));

        for (var length = 0; length < payload.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(TaskWireCodecTests.Frame(payload.AsSpan(0, length)));
            Assert.That(TaskWireCodec.TryRead(ref buffer, null, out _, out _), Is.EqualTo(TaskWireStatus.Invalid), $"payload cut to {length}");
        }
    }

    [Test]
    public void TryRead_BothCoalescedWithEveryOtherType_ReadsThemInOrder()
    {
        var all = TaskWireTestData.All.Concat(Messages).Concat(TaskWireTestData.All).ToList();
        var buffer = TestSequences.Split(all.SelectMany(m => TaskWireCodec.Encode(m)).ToArray(), 5, 300, 301, 1500);

        foreach (var expected in all)
        {
            Assert.That(TaskWireCodec.TryRead(ref buffer, null, out var decoded, out var error), Is.EqualTo(TaskWireStatus.Ok), error);
            TaskWireTestData.AssertSame(decoded, expected);
        }

        Assert.That(buffer.IsEmpty, Is.True);
    }

    [TestCase(63, 300, TestName = "TryRead_ExecutorSignatureOf63Bytes_IsInvalid")]
    [TestCase(65, 300, TestName = "TryRead_ExecutorSignatureOf65Bytes_IsInvalid")]
    [TestCase(64, 4097, TestName = "TryRead_RecordOverTheLimit_IsInvalid")]
    [TestCase(64, 0, TestName = "TryRead_EmptyRecord_IsInvalid")]
    public void TryRead_BadJournalSizes_AreInvalid(int signatureLength, int recordLength)
    {
        var payload = RunResultPayload((ref MessagePackWriter writer) =>
        {
            writer.WriteArrayHeader(2);
            writer.Write(new byte[recordLength]);
            writer.Write(new byte[signatureLength]);
        });

        Assert.That(ReadStatus(payload), Is.EqualTo(TaskWireStatus.Invalid));
    }

    [Test]
    public void TryRead_JournalWithOneElement_IsInvalid()
    {
        var payload = RunResultPayload((ref MessagePackWriter writer) =>
        {
            writer.WriteArrayHeader(1);
            writer.Write(Record);
        });

        Assert.That(ReadStatus(payload), Is.EqualTo(TaskWireStatus.Invalid));
    }

    [Test]
    public void TryRead_JournalWithExtraElements_SkipsThem()
    {
        var payload = RunResultPayload((ref MessagePackWriter writer) =>
        {
            writer.WriteArrayHeader(3);
            writer.Write(Record);
            writer.Write(ExecutorSignature);
            writer.Write("a later field");
        });

        var buffer = new ReadOnlySequence<byte>(TaskWireCodecTests.Frame(payload));
        Assert.That(TaskWireCodec.TryRead(ref buffer, null, out var message, out var error), Is.EqualTo(TaskWireStatus.Ok), error);
        Assert.That(((RunResultMessage)message!).Journal!.ExecutorSignature.ToArray(), Is.EqualTo(ExecutorSignature));
    }

    [Test]
    public void TryRead_AckSignatureNotBinary_IsInvalid()
    {
        var payload = Payload((ref MessagePackWriter writer) =>
        {
            writer.WriteArrayHeader(2);
            writer.Write((int)TaskMessageType.ResultAck);
            writer.WriteMapHeader(4);
            WriteAttemptAndTask(ref writer);
            writer.Write(2);
            writer.Write(true);
            writer.Write(3);
            writer.Write("not a signature");
        });

        Assert.That(ReadStatus(payload), Is.EqualTo(TaskWireStatus.Invalid));
    }

    [Test]
    public void Encode_AckSignatureOfWrongLength_Throws()
    {
        var ack = new ResultAckMessage(TaskWireTestData.Attempt, TaskWireTestData.Task, true, new byte[10]);

        Assert.Throws<ArgumentException>(() => TaskWireCodec.Encode(ack));
    }

    [Test]
    public void TryRead_RandomGarbageAfterAJournalPrefix_NeverThrows()
    {
        var random = new Random(8);
        var prefix = TaskWireCodecTests.Payload(TaskWireCodec.Encode(Messages[0]));
        for (var i = 0; i < 500; i++)
        {
            var keep = random.Next(prefix.Length);
            var garbage = new byte[random.Next(1, 80)];
            random.NextBytes(garbage);
            var buffer = new ReadOnlySequence<byte>(TaskWireCodecTests.Frame([.. prefix.AsSpan(0, keep), .. garbage]));
            Assert.DoesNotThrow(() => TaskWireCodec.TryRead(ref buffer, null, out _, out _));
        }
    }

    private static TaskWireStatus ReadStatus(byte[] payload)
    {
        var buffer = new ReadOnlySequence<byte>(TaskWireCodecTests.Frame(payload));
        return TaskWireCodec.TryRead(ref buffer, null, out _, out _);
    }

    private delegate void Body(ref MessagePackWriter writer);

    private static byte[] RunResultPayload(Body journal) => Payload((ref MessagePackWriter writer) =>
    {
        writer.WriteArrayHeader(2);
        writer.Write((int)TaskMessageType.RunResult);
        writer.WriteMapHeader(4);
        WriteAttemptAndTask(ref writer);
        writer.Write(2);
        writer.Write(0);
        writer.Write(8);
        journal(ref writer);
    });

    private static void WriteAttemptAndTask(ref MessagePackWriter writer)
    {
        writer.Write(0);
        writer.Write(TaskWireTestData.Attempt.Value);
        writer.Write(1);
        var id = new byte[TaskWireValues.TaskIdLength];
        TaskWireValues.WriteTaskId(id, TaskWireTestData.Task);
        writer.Write(id);
    }

    private static byte[] Payload(Body body)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        body(ref writer);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }
}
