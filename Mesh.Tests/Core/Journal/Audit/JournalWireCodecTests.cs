using System.Buffers;
using MessagePack;
using Mesh.Core.Journal;
using Mesh.Core.Journal.Audit;
using Mesh.Libp2p.Encoding;

namespace Mesh.Tests.Core.Journal.Audit;

public sealed class JournalWireCodecTests
{
    private static JournalPage SamplePage => new(
        new JournalHead(7, Enumerable.Range(0, 32).Select(i => (byte)(i * 3)).ToArray()),
        [new byte[] { 1, 2, 3 }, Enumerable.Repeat((byte)9, 300).ToArray(), new byte[8 * 1024]]);

    [Test]
    public void EncodeRequest_RoundTrips()
    {
        var buffer = new ReadOnlySequence<byte>(JournalWireCodec.EncodeRequest(new JournalFetchRequest(5, 1024)));

        var status = JournalWireCodec.TryReadRequest(ref buffer, null, out var request, out var error);

        Assert.That(status, Is.EqualTo(JournalWireStatus.Ok), error);
        Assert.That(request, Is.EqualTo(new JournalFetchRequest(5, 1024)));
        Assert.That(buffer.IsEmpty, Is.True);
    }

    [Test]
    public void EncodeResponse_RoundTrips()
    {
        var buffer = new ReadOnlySequence<byte>(JournalWireCodec.EncodeResponse(SamplePage));

        var status = JournalWireCodec.TryReadResponse(ref buffer, null, out var page, out var error);

        Assert.That(status, Is.EqualTo(JournalWireStatus.Ok), error);
        AssertSamePage(page!, SamplePage);
    }

    [Test]
    public void EncodeResponse_EmptyPage_RoundTrips()
    {
        var empty = new JournalPage(JournalHead.Genesis, []);
        var buffer = new ReadOnlySequence<byte>(JournalWireCodec.EncodeResponse(empty));

        Assert.That(JournalWireCodec.TryReadResponse(ref buffer, null, out var page, out _), Is.EqualTo(JournalWireStatus.Ok));
        AssertSamePage(page!, empty);
    }

    [Test]
    public void TryReadResponse_SplitAtEveryByte_NeedsMoreThenReadsTheSamePage()
    {
        var page = new JournalPage(SamplePage.Head, [new byte[] { 1, 2, 3 }, new byte[40]]);
        var bytes = JournalWireCodec.EncodeResponse(page);

        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var prefix = new ReadOnlySequence<byte>(bytes, 0, cut);
            Assert.That(JournalWireCodec.TryReadResponse(ref prefix, null, out _, out _), Is.EqualTo(JournalWireStatus.NeedMore), $"prefix {cut}");

            var split = TestSequences.Split(bytes, cut);
            Assert.That(JournalWireCodec.TryReadResponse(ref split, null, out var read, out var error), Is.EqualTo(JournalWireStatus.Ok), $"split at {cut}: {error}");
            AssertSamePage(read!, page);
        }
    }

    [Test]
    public void TryReadRequest_SplitAtEveryByte_ReadsTheSameRequest()
    {
        var bytes = JournalWireCodec.EncodeRequest(new JournalFetchRequest(long.MaxValue, 3));

        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var split = TestSequences.Split(bytes, cut);
            Assert.That(JournalWireCodec.TryReadRequest(ref split, null, out var request, out _), Is.EqualTo(JournalWireStatus.Ok), $"split at {cut}");
            Assert.That(request, Is.EqualTo(new JournalFetchRequest(long.MaxValue, 3)));
        }

        var bytewise = TestSequences.Bytewise(bytes);
        Assert.That(JournalWireCodec.TryReadRequest(ref bytewise, null, out _, out _), Is.EqualTo(JournalWireStatus.Ok));
    }

    [Test]
    public void TryReadResponse_TwoFramesCoalesced_ReadsOneAtATime()
    {
        var first = JournalWireCodec.EncodeResponse(SamplePage);
        var second = JournalWireCodec.EncodeResponse(new JournalPage(JournalHead.Genesis, []));
        var buffer = new ReadOnlySequence<byte>([.. first, .. second]);

        Assert.That(JournalWireCodec.TryReadResponse(ref buffer, null, out var one, out _), Is.EqualTo(JournalWireStatus.Ok));
        Assert.That(JournalWireCodec.TryReadResponse(ref buffer, null, out var two, out _), Is.EqualTo(JournalWireStatus.Ok));
        Assert.Multiple(() =>
        {
            Assert.That(one!.Entries, Has.Count.EqualTo(3));
            Assert.That(two!.Entries, Is.Empty);
            Assert.That(buffer.IsEmpty, Is.True);
        });
    }

    [Test]
    public void TryRead_RandomGarbage_NeverThrows()
    {
        var random = new Random(1840);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            if (bytes.Length > 2)
            {
                bytes[0] = (byte)(bytes.Length - 1); // a plausible length, so the decoder reads the payload
                bytes[1] = (byte)(0x80 | (i % 4)); // a small map
            }

            var request = new ReadOnlySequence<byte>(bytes);
            var response = new ReadOnlySequence<byte>(bytes);
            Assert.DoesNotThrow(() => JournalWireCodec.TryReadRequest(ref request, null, out _, out _));
            Assert.DoesNotThrow(() => JournalWireCodec.TryReadResponse(ref response, null, out _, out _));
        }
    }

    [Test]
    public void TryReadResponse_MutatedFrames_NeverThrow()
    {
        var random = new Random(1841);
        var bytes = JournalWireCodec.EncodeResponse(new JournalPage(SamplePage.Head, [new byte[] { 1, 2, 3 }, new byte[40]]));
        for (var i = 0; i < 5000; i++)
        {
            var mutated = (byte[])bytes.Clone();
            mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            var buffer = new ReadOnlySequence<byte>(mutated);

            Assert.DoesNotThrow(() => JournalWireCodec.TryReadResponse(ref buffer, null, out _, out _));
        }
    }

    [Test]
    public void TryReadResponse_LengthOverTheFrameLimit_IsInvalidFromThePrefixAlone()
    {
        var prefix = Varint.Encode(1024 * 1024 + 1);
        var buffer = new ReadOnlySequence<byte>(prefix);

        var status = JournalWireCodec.TryReadResponse(ref buffer, null, out _, out var error);

        Assert.That(status, Is.EqualTo(JournalWireStatus.Invalid));
        Assert.That(error, Does.Contain("MaxFrameSize"));
    }

    private static IEnumerable<TestCaseData> BadResponses()
    {
        yield return Response("TryReadResponse_1025Entries_IsInvalid", (ref MessagePackWriter w) =>
        {
            Head(ref w, 1025, 32);
            w.Write(2);
            w.WriteArrayHeader(1025);
            for (var i = 0; i < 1025; i++)
            {
                w.Write(new byte[] { 1 });
            }
        });
        yield return Response("TryReadResponse_EntryOver8KiB_IsInvalid", (ref MessagePackWriter w) =>
        {
            Head(ref w, 1, 32);
            w.Write(2);
            w.WriteArrayHeader(1);
            w.Write(new byte[8 * 1024 + 1]);
        });
        yield return Response("TryReadResponse_EmptyEntry_IsInvalid", (ref MessagePackWriter w) =>
        {
            Head(ref w, 1, 32);
            w.Write(2);
            w.WriteArrayHeader(1);
            w.Write(Array.Empty<byte>());
        });
        yield return Response("TryReadResponse_Head31Bytes_IsInvalid", (ref MessagePackWriter w) =>
        {
            Head(ref w, 1, 31);
            w.Write(2);
            w.WriteArrayHeader(0);
        });
        yield return Response("TryReadResponse_EntryNotBinary_IsInvalid", (ref MessagePackWriter w) =>
        {
            Head(ref w, 1, 32);
            w.Write(2);
            w.WriteArrayHeader(1);
            w.Write("entry");
        });
        yield return Response("TryReadResponse_NoEntries_IsInvalid", (ref MessagePackWriter w) => Head(ref w, 1, 32), keys: 2);
        yield return Response("TryReadResponse_RepeatedKey_IsInvalid", (ref MessagePackWriter w) =>
        {
            Head(ref w, 1, 32);
            w.Write(0);
            w.Write(1);
        });
        yield return Response("TryReadResponse_NegativeHeight_IsInvalid", (ref MessagePackWriter w) =>
        {
            w.Write(0);
            w.Write(-1);
            w.Write(1);
            w.Write(new byte[32]);
            w.Write(2);
            w.WriteArrayHeader(0);
        });
    }

    [TestCaseSource(nameof(BadResponses))]
    public void TryReadResponse_BadAnswer_IsInvalid(byte[] frame)
    {
        var buffer = new ReadOnlySequence<byte>(frame);

        Assert.That(JournalWireCodec.TryReadResponse(ref buffer, null, out var page, out var error), Is.EqualTo(JournalWireStatus.Invalid), $"read {page}");
        Assert.That(error, Is.Not.Null);
    }

    [TestCase(0UL, 10UL, TestName = "TryReadRequest_FromZero_IsInvalid")]
    [TestCase(1UL, 0UL, TestName = "TryReadRequest_MaxZero_IsInvalid")]
    [TestCase(1UL, 1025UL, TestName = "TryReadRequest_MaxOver1024_IsInvalid")]
    [TestCase(ulong.MaxValue, 1UL, TestName = "TryReadRequest_FromOverInt64_IsInvalid")]
    public void TryReadRequest_OutOfRange_IsInvalid(ulong from, ulong max)
    {
        var buffer = new ReadOnlySequence<byte>(Frame((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(2);
            w.Write(0);
            w.Write(from);
            w.Write(1);
            w.Write(max);
        }));

        Assert.That(JournalWireCodec.TryReadRequest(ref buffer, null, out _, out _), Is.EqualTo(JournalWireStatus.Invalid));
    }

    [Test]
    public void TryReadRequest_UnknownKey_IsSkipped()
    {
        var buffer = new ReadOnlySequence<byte>(Frame((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(3);
            w.Write(0);
            w.Write(2);
            w.Write(9);
            w.WriteArrayHeader(1);
            w.Write("future");
            w.Write(1);
            w.Write(10);
        }));

        Assert.That(JournalWireCodec.TryReadRequest(ref buffer, null, out var request, out var error), Is.EqualTo(JournalWireStatus.Ok), error);
        Assert.That(request, Is.EqualTo(new JournalFetchRequest(2, 10)));
    }

    [Test]
    public void EncodeResponse_OverTheFrameLimit_Throws()
    {
        var options = new JournalFetchOptions { MaxFrameSize = 16 * 1024 };
        var page = new JournalPage(JournalHead.Genesis, [new byte[8 * 1024], new byte[8 * 1024]]);

        Assert.Throws<ArgumentException>(() => JournalWireCodec.EncodeResponse(page, options));
    }

    internal static void AssertSamePage(JournalPage actual, JournalPage expected) => Assert.Multiple(() =>
    {
        Assert.That(actual.Head.SameAs(expected.Head), Is.True, "head");
        Assert.That(actual.Entries.Select(e => e.ToArray()), Is.EqualTo(expected.Entries.Select(e => e.ToArray())));
    });

    private static TestCaseData Response(string name, WriteBody body, int keys = 3) =>
        new TestCaseData(Frame((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(keys);
            body(ref w);
        })).SetName(name);

    private static void Head(ref MessagePackWriter w, long height, int hashLength)
    {
        w.Write(0);
        w.Write(height);
        w.Write(1);
        w.Write(new byte[hashLength]);
    }

    private static byte[] Frame(WriteBody body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        body(ref writer);
        writer.Flush();
        return LengthPrefixed.Encode(buffer.WrittenSpan);
    }

    private delegate void WriteBody(ref MessagePackWriter writer);
}
