using System.Buffers;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Tests.Core.Tasks.Wire;

public sealed class TaskWireCodecTests
{
    [TestCaseSource(typeof(TaskWireTestData), nameof(TaskWireTestData.Cases))]
    public void TryRead_EncodedMessage_RoundTripsAndConsumesTheFrame(TaskMessage message)
    {
        var bytes = TaskWireCodec.Encode(message);
        var buffer = new ReadOnlySequence<byte>(bytes);

        var status = TaskWireCodec.TryRead(ref buffer, null, out var decoded, out var error);

        Assert.That(status, Is.EqualTo(TaskWireStatus.Ok), error);
        Assert.That(buffer.IsEmpty, Is.True);
        Assert.That(decoded!.Type, Is.EqualTo(message.Type));
        TaskWireTestData.AssertSame(decoded, message);
    }

    [TestCaseSource(typeof(TaskWireTestData), nameof(TaskWireTestData.Cases))]
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

    [TestCaseSource(typeof(TaskWireTestData), nameof(TaskWireTestData.Cases))]
    public void TryRead_TruncatedAtEveryLength_NeedsMoreAndLeavesTheBuffer(TaskMessage message)
    {
        var bytes = TaskWireCodec.Encode(message);

        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            var status = TaskWireCodec.TryRead(ref buffer, null, out var decoded, out _);
            Assert.That(status, Is.EqualTo(TaskWireStatus.NeedMore), $"length {length}");
            Assert.That(decoded, Is.Null);
            Assert.That(buffer.Length, Is.EqualTo(length));
        }
    }

    [TestCaseSource(typeof(TaskWireTestData), nameof(TaskWireTestData.Cases))]
    public void TryRead_PayloadCutShortUnderACorrectedLength_IsInvalidNotAnException(TaskMessage message)
    {
        var payload = Payload(TaskWireCodec.Encode(message));

        for (var length = 0; length < payload.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(Frame(payload.AsSpan(0, length)));
            var status = TaskWireCodec.TryRead(ref buffer, null, out _, out var error);
            Assert.That(status, Is.EqualTo(TaskWireStatus.Invalid), $"payload cut to {length}");
            Assert.That(error, Is.Not.Empty);
        }
    }

    [Test]
    public void TryRead_EveryTypeCoalescedInOneBuffer_ReadsThemInOrder()
    {
        var expected = TaskWireTestData.All;
        var buffer = TestSequences.Split(TaskWireTestData.AllFrames(), 3, 100, 101, 700);

        foreach (var message in expected)
        {
            Assert.That(TaskWireCodec.TryRead(ref buffer, null, out var decoded, out var error), Is.EqualTo(TaskWireStatus.Ok), error);
            TaskWireTestData.AssertSame(decoded, message);
        }

        Assert.That(buffer.IsEmpty, Is.True);
        Assert.That(TaskWireCodec.TryRead(ref buffer, null, out _, out _), Is.EqualTo(TaskWireStatus.NeedMore));
    }

    [Test]
    public void TryRead_GiantLengthPrefix_IsInvalidBeforeTheBytesArrive()
    {
        // A claimed length of 2^62 with no payload: refused on the prefix alone, so nothing is buffered or allocated.
        var buffer = new ReadOnlySequence<byte>(Mesh.Libp2p.Encoding.Varint.Encode(1UL << 62));

        var status = TaskWireCodec.TryRead(ref buffer, null, out _, out var error);

        Assert.That(status, Is.EqualTo(TaskWireStatus.Invalid));
        Assert.That(error, Does.Contain("MaxMessageSize"));
    }

    [Test]
    public void TryRead_LengthOneOverTheLimit_IsInvalid()
    {
        var limits = new TaskWireLimits { MaxMessageSize = 2048, MaxChunkSize = 1024 };
        var buffer = new ReadOnlySequence<byte>(Mesh.Libp2p.Encoding.Varint.Encode(2049));

        Assert.That(TaskWireCodec.TryRead(ref buffer, limits, out _, out _), Is.EqualTo(TaskWireStatus.Invalid));
    }

    [Test]
    public void TryRead_UnknownType_IsInvalidNamingTheType()
    {
        var error = ReadInvalid([0x92, 0x63, 0x80]);

        Assert.That(error, Is.EqualTo("unknown type 99"));
    }

    [Test]
    public void TryRead_UnknownBodyKeysAndTrailingElements_AreIgnored()
    {
        // [14, {0: attempt, 9: [1, {"x": nil}], -1: "future"}, "reserved"]
        var payload = Convert.FromHexString("930e8300cf0123456789abcdef09920181a178c0ffa6667574757265a87265736572766564");

        var message = ReadOk(payload);

        Assert.That(message, Is.EqualTo(new CancelMessage(TaskWireTestData.Attempt)));
    }

    [Test]
    public void TryRead_RepeatedKey_IsInvalid()
    {
        var error = ReadInvalid(Convert.FromHexString("920e8200cf0123456789abcdef00cf0123456789abcdef"));

        Assert.That(error, Does.Contain("repeats key 0"));
    }

    [Test]
    public void TryRead_MissingRequiredKey_IsInvalid()
    {
        var error = ReadInvalid([0x92, 0x0e, 0x80]);

        Assert.That(error, Does.Contain("lacks required key 0"));
    }

    [Test]
    public void TryRead_ZeroAttemptId_IsInvalid()
    {
        Assert.That(ReadInvalid([0x92, 0x0e, 0x81, 0x00, 0x00]), Does.Contain("zero"));
    }

    [Test]
    public void TryRead_NegativeOffset_IsInvalid()
    {
        var valid = Payload(TaskWireCodec.Encode(new OutputChunkMessage(TaskWireTestData.Attempt, OutputStreamKind.Stdout, 5, new byte[] { 1 })));

        // The offset 5 (key 3) is written as the fixint 05; -5 is the negative fixint fb.
        var at = valid.AsSpan().IndexOf(new byte[] { 0x03, 0x05 }) + 1;
        valid[at] = 0xfb;

        Assert.That(ReadInvalid(valid), Does.Contain("negative"));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(-1.0)]
    public void TryRead_CpuNotFiniteOrNegative_IsInvalid(double cpu)
    {
        var message = new StealRequestMessage(TaskWireTestData.Thief, new ResourceVector(2.0, 1, 1, 0), 1);
        var payload = Payload(TaskWireCodec.Encode(message));
        var at = payload.AsSpan().IndexOf(new byte[] { 0xcb, 0x40, 0x00, 0, 0, 0, 0, 0, 0 }) + 1;
        BitConverter.GetBytes(BitConverter.DoubleToInt64Bits(cpu)).Reverse().ToArray().CopyTo(payload, at);

        Assert.That(ReadInvalid(payload), Does.Contain("cpu"));
    }

    [Test]
    public void TryRead_UnknownStreamKind_IsInvalid()
    {
        var payload = Payload(TaskWireCodec.Encode(new OutputChunkMessage(TaskWireTestData.Attempt, OutputStreamKind.Notice, 0, new byte[] { 1 })));
        var at = payload.AsSpan().IndexOf(new byte[] { 0x02, 0x03 }) + 1;
        payload[at] = 0x04;

        Assert.That(ReadInvalid(payload), Does.Contain("stream"));
    }

    [Test]
    public void TryRead_ChunkOverTheLimit_IsInvalid()
    {
        var bytes = TaskWireCodec.Encode(new OutputChunkMessage(TaskWireTestData.Attempt, OutputStreamKind.Stdout, 0, new byte[2000]));
        var limits = new TaskWireLimits { MaxMessageSize = 4096, MaxChunkSize = 1999 };
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.That(TaskWireCodec.TryRead(ref buffer, limits, out _, out var error), Is.EqualTo(TaskWireStatus.Invalid));
        Assert.That(error, Does.Contain("over 1999"));
    }

    [Test]
    public void TryRead_ArgvOverItsByteSum_IsInvalid()
    {
        var spec = new TaskSpec { Argv = ["aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc"] };
        var bytes = TaskWireCodec.Encode(new RunRequestMessage(TaskWireTestData.Attempt, TaskWireTestData.Task, spec, TimeSpan.FromSeconds(1)));
        var limits = new TaskWireLimits { MaxArgvBytes = 29 };
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.That(TaskWireCodec.TryRead(ref buffer, limits, out _, out var error), Is.EqualTo(TaskWireStatus.Invalid));
        Assert.That(error, Does.Contain("argv"));
    }

    [Test]
    public void TryRead_InvalidUtf8_IsInvalid()
    {
        var payload = Payload(TaskWireCodec.Encode(new LeaseLostMessage(TaskWireTestData.Attempt, "ab")));
        payload[^1] = 0xff;

        Assert.That(ReadInvalid(payload), Does.Contain("UTF-8"));
    }

    [Test]
    public void TryRead_UnknownValueNestedTooDeep_IsInvalid()
    {
        // [14, {0: attempt, 5: [[[[[[[[[]]]]]]]]]}]: nine levels under an unknown key.
        var payload = Convert.FromHexString("920e8200cf0123456789abcdef05" + string.Concat(Enumerable.Repeat("91", 8)) + "90");

        Assert.That(ReadInvalid(payload), Does.Contain("nests deeper"));
    }

    [Test]
    public void TryRead_RunRequest_KeepsEveryField()
    {
        var bytes = TaskWireCodec.Encode(TaskWireTestData.All[0]);
        var buffer = new ReadOnlySequence<byte>(bytes);

        TaskWireCodec.TryRead(ref buffer, null, out var message, out _);

        var request = (RunRequestMessage)message!;
        var spec = request.Spec;
        var expected = TaskWireTestData.Spec;
        Assert.Multiple(() =>
        {
            Assert.That(request.Attempt, Is.EqualTo(TaskWireTestData.Attempt));
            Assert.That(request.Task, Is.EqualTo(TaskWireTestData.Task));
            Assert.That(request.Lease, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(spec.Argv, Is.EqualTo(expected.Argv));
            Assert.That(spec.Environment, Is.EqualTo(expected.Environment));
            Assert.That(spec.Inputs, Is.EqualTo(expected.Inputs));
            Assert.That(spec.Outputs, Is.EqualTo(expected.Outputs));
            Assert.That(spec.Resources, Is.EqualTo(expected.Resources));
            Assert.That(spec.Timeout, Is.EqualTo(expected.Timeout));
            Assert.That(spec.MaxRetries, Is.EqualTo(expected.MaxRetries));
            Assert.That(spec.Placement, Is.EqualTo(expected.Placement));
            Assert.That(spec.ArrayIndex, Is.EqualTo(expected.ArrayIndex));
        });
    }

    [Test]
    public void TryRead_RunResult_KeepsEveryField()
    {
        var buffer = new ReadOnlySequence<byte>(TaskWireCodec.Encode(TaskWireTestData.All[10]));

        TaskWireCodec.TryRead(ref buffer, null, out var message, out _);

        var result = ((RunResultMessage)message!).Result;
        var expected = TaskWireTestData.Result;
        Assert.Multiple(() =>
        {
            Assert.That(result.Reason, Is.EqualTo(expected.Reason));
            Assert.That(result.ExitCode, Is.EqualTo(3));
            Assert.That(result.Signal, Is.Null);
            Assert.That(result.Message, Is.EqualTo(expected.Message));
            Assert.That(result.Usage, Is.EqualTo(expected.Usage));
            Assert.That(result.Outputs, Is.EqualTo(expected.Outputs));
        });
    }

    [Test]
    public void TryRead_SpecWithOnlyArgv_TakesTheDefaults()
    {
        var buffer = new ReadOnlySequence<byte>(TaskWireCodec.Encode(TaskWireTestData.All[15]));

        TaskWireCodec.TryRead(ref buffer, null, out var message, out _);

        var spec = ((StealOfferMessage)message!).Items.Single().Spec;
        Assert.Multiple(() =>
        {
            Assert.That(spec.Argv, Is.EqualTo(new[] { "true" }));
            Assert.That(spec.Timeout, Is.Null);
            Assert.That(spec.ArrayIndex, Is.Null);
            Assert.That(spec.Placement, Is.EqualTo(TaskPlacement.Anywhere));
            Assert.That(spec.Resources.IsZero, Is.True);
        });
    }

    private static TaskMessage ReadOk(byte[] payload)
    {
        var buffer = new ReadOnlySequence<byte>(Frame(payload));
        var status = TaskWireCodec.TryRead(ref buffer, null, out var message, out var error);
        Assert.That(status, Is.EqualTo(TaskWireStatus.Ok), error);
        return message!;
    }

    private static string ReadInvalid(byte[] payload)
    {
        var buffer = new ReadOnlySequence<byte>(Frame(payload));
        var status = TaskWireCodec.TryRead(ref buffer, null, out _, out var error);
        Assert.That(status, Is.EqualTo(TaskWireStatus.Invalid));
        return error!;
    }

    internal static byte[] Frame(ReadOnlySpan<byte> payload) => Mesh.Libp2p.Encoding.LengthPrefixed.Encode(payload);

    /// <summary>The frame without its length prefix.</summary>
    internal static byte[] Payload(byte[] frame)
    {
        Mesh.Libp2p.Encoding.Varint.TryRead(frame, out _, out var prefix);
        return frame[prefix..];
    }
}
