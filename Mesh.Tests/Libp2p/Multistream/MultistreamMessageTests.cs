using System.Buffers;
using Mesh.Libp2p.Encoding;
using Mesh.Libp2p.Multistream;

namespace Mesh.Tests.Libp2p.Multistream;

public sealed class MultistreamMessageTests
{
    // Wire notes §6.1.
    private static readonly (string Message, string Hex)[] SpecVectors =
    [
        ("/multistream/1.0.0", "132f6d756c746973747265616d2f312e302e300a"),
        ("/noise", "072f6e6f6973650a"),
        ("/yamux/1.0.0", "0d2f79616d75782f312e302e300a"),
        ("na", "036e610a"),
        ("ls", "036c730a"),
        ("/ipfs/id/1.0.0", "0f2f697066732f69642f312e302e300a"),
        ("/ipfs/id/push/1.0.0", "142f697066732f69642f707573682f312e302e300a"),
        ("/ipfs/ping/1.0.0", "112f697066732f70696e672f312e302e300a"),
        ("/meshsub/1.1.0", "0f2f6d6573687375622f312e312e300a"),
        ("/meshsub/1.2.0", "0f2f6d6573687375622f312e322e300a"),
        ("/floodsub/1.0.0", "102f666c6f6f647375622f312e302e300a"),
    ];

    private static IEnumerable<TestCaseData> Vectors => SpecVectors.Select(v => new TestCaseData(v.Message, v.Hex).SetArgDisplayNames(v.Message));

    [TestCaseSource(nameof(Vectors))]
    public void Encode_SpecVector_MatchesBytes(string message, string hex) =>
        Assert.That(Convert.ToHexStringLower(MultistreamMessage.Encode(message)), Is.EqualTo(hex));

    [TestCaseSource(nameof(Vectors))]
    public void TryRead_SpecVectorSplitAtEveryByte_ReadsMessage(string message, string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var inputs = Enumerable.Range(0, bytes.Length + 1).Select(split => TestSequences.Split(bytes, split)).Append(TestSequences.Bytewise(bytes));
        foreach (var input in inputs)
        {
            var buffer = input;
            Assert.That(MultistreamMessage.TryRead(ref buffer, out var read), Is.EqualTo(LengthPrefixedResult.Ok));
            Assert.That(read, Is.EqualTo(message));
            Assert.That(buffer.IsEmpty, Is.True);
        }

        for (var length = 0; length < bytes.Length; length++)
        {
            var truncated = TestSequences.Bytewise(bytes.AsMemory(0, length));
            Assert.That(MultistreamMessage.TryRead(ref truncated, out _), Is.EqualTo(LengthPrefixedResult.NeedMore));
        }
    }

    [Test]
    public void TryRead_AllVectorsCoalesced_ReadsEachInOrder()
    {
        var joined = SpecVectors.SelectMany(v => Convert.FromHexString(v.Hex)).ToArray();
        var buffer = TestSequences.Split(joined, 1, 20, 21, 50, 99);

        foreach (var (message, _) in SpecVectors)
        {
            Assert.That(MultistreamMessage.TryRead(ref buffer, out var read), Is.EqualTo(LengthPrefixedResult.Ok));
            Assert.That(read, Is.EqualTo(message));
        }

        Assert.That(buffer.IsEmpty, Is.True);
    }

    [Test]
    public void TryRead_LongestAllowed_IsOkAndOneMoreIsTooLarge()
    {
        var longest = MultistreamMessage.Encode(new string('a', 1023));
        var buffer = new ReadOnlySequence<byte>(longest);
        Assert.That(MultistreamMessage.TryRead(ref buffer, out var read), Is.EqualTo(LengthPrefixedResult.Ok));
        Assert.That(read, Has.Length.EqualTo(1023));

        // N = 1025 is refused from the prefix alone.
        var tooLong = new ReadOnlySequence<byte>(Varint.Encode(1025));
        Assert.That(MultistreamMessage.TryRead(ref tooLong, out _), Is.EqualTo(LengthPrefixedResult.TooLarge));
    }

    [TestCase("036e6178", TestName = "TryRead_MissingNewline_IsInvalid")]
    [TestCase("00", TestName = "TryRead_ZeroLength_IsInvalid")]
    [TestCase("03ff fe0a", TestName = "TryRead_InvalidUtf8_IsInvalid")]
    [TestCase("03c30a0a", TestName = "TryRead_TruncatedUtf8Sequence_IsInvalid")]
    [TestCase("80000a", TestName = "TryRead_NonMinimalLength_IsInvalid")]
    public void TryRead_Malformed_IsInvalidAndLeavesBuffer(string hex)
    {
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString(hex.Replace(" ", "")));
        var before = buffer;
        Assert.That(MultistreamMessage.TryRead(ref buffer, out _), Is.EqualTo(LengthPrefixedResult.Invalid));
        Assert.That(buffer, Is.EqualTo(before));
    }

    [Test]
    public void TryRead_NonAsciiUtf8_RoundTrips()
    {
        var buffer = new ReadOnlySequence<byte>(MultistreamMessage.Encode("/proto/ünï/1"));
        Assert.That(MultistreamMessage.TryRead(ref buffer, out var read), Is.EqualTo(LengthPrefixedResult.Ok));
        Assert.That(read, Is.EqualTo("/proto/ünï/1"));
    }

    [Test]
    public void TryRead_RandomGarbage_NeverThrows()
    {
        var random = new Random(401);
        var outcomes = new HashSet<LengthPrefixedResult>();
        for (var i = 0; i < 20000; i++)
        {
            var bytes = new byte[random.Next(0, 24)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && random.Next(2) == 0)
            {
                // Plausible lengths reach the newline and UTF-8 checks more often.
                bytes[0] = (byte)random.Next(0, bytes.Length);
            }

            var buffer = TestSequences.Split(bytes, random.Next(0, 24));
            outcomes.Add(MultistreamMessage.TryRead(ref buffer, out _));
        }

        Assert.That(outcomes, Is.SupersetOf(new[] { LengthPrefixedResult.Ok, LengthPrefixedResult.NeedMore, LengthPrefixedResult.Invalid }));
    }

    [Test]
    public void Write_MessageOverLimit_Throws() =>
        Assert.That(() => MultistreamMessage.Encode(new string('a', 1024)), Throws.ArgumentException);
}
