using System.Buffers;
using System.Text;
using Mesh.Cli.Client;

namespace Mesh.Tests.Cli.Tasks;

[TestFixture]
public sealed class NdjsonLinesTests
{
    private static readonly byte[] ThreeLines = Encoding.UTF8.GetBytes("{\"a\":1}\n\r\n{\"b\":22}\r\n{\"c\":333}\n");

    [Test]
    public void TryReadLine_Coalesced_AllLinesInOrder()
    {
        var buffer = new ReadOnlySequence<byte>(ThreeLines);

        var lines = ReadAll(ref buffer, 100, isCompleted: false);

        Assert.Multiple(() =>
        {
            Assert.That(lines, Is.EqualTo(new[] { "{\"a\":1}", "\r", "{\"b\":22}\r", "{\"c\":333}" }));
            Assert.That(buffer.IsEmpty, Is.True);
        });
    }

    [Test]
    public void TryReadLine_SplitAtEveryByte_SameLines()
    {
        for (var split = 0; split <= ThreeLines.Length; split++)
        {
            var lines = new List<string>();
            var pending = new List<byte>();
            foreach (var part in new[] { ThreeLines[..split], ThreeLines[split..] })
            {
                pending.AddRange(part);
                var buffer = new ReadOnlySequence<byte>([.. pending]);
                lines.AddRange(ReadAll(ref buffer, 100, isCompleted: false));
                pending = [.. buffer.ToArray()];
            }

            Assert.That(lines, Has.Count.EqualTo(4), $"split at {split}");
        }
    }

    [Test]
    public void TryReadLine_Bytewise_SameLines()
    {
        var buffer = TestSequences.Bytewise(ThreeLines);

        var lines = ReadAll(ref buffer, 100, isCompleted: false);

        Assert.That(lines[3], Is.EqualTo("{\"c\":333}"));
    }

    [Test]
    public void TryReadLine_PartialLine_NeedMoreThenLastLineAtEnd()
    {
        var buffer = new ReadOnlySequence<byte>("{\"a\":1}"u8.ToArray());

        var open = NdjsonLines.TryReadLine(ref buffer, 100, isCompleted: false, out _);
        var closed = NdjsonLines.TryReadLine(ref buffer, 100, isCompleted: true, out var line);

        Assert.Multiple(() =>
        {
            Assert.That(open, Is.EqualTo(NdjsonLineStatus.NeedMore));
            Assert.That(closed, Is.EqualTo(NdjsonLineStatus.Line));
            Assert.That(Encoding.UTF8.GetString(line.ToArray()), Is.EqualTo("{\"a\":1}"));
        });
    }

    [Test]
    public void TryReadLine_LongerThanLimitWithoutNewline_TooLongBeforeTheLineEnds()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[65]);

        Assert.That(NdjsonLines.TryReadLine(ref buffer, 64, isCompleted: false, out _), Is.EqualTo(NdjsonLineStatus.TooLong));
    }

    [Test]
    public void TryReadLine_WholeLineLongerThanLimit_TooLong()
    {
        var buffer = new ReadOnlySequence<byte>([.. new byte[65], (byte)'\n']);

        Assert.That(NdjsonLines.TryReadLine(ref buffer, 64, isCompleted: false, out _), Is.EqualTo(NdjsonLineStatus.TooLong));
    }

    [Test]
    public void TryReadLine_RandomGarbage_NeverThrows()
    {
        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            var buffer = new ReadOnlySequence<byte>(bytes);
            Assert.DoesNotThrow(() => ReadAll(ref buffer, 50, isCompleted: true));
        }
    }

    [TestCase(" \t\r", true)]
    [TestCase("", true)]
    [TestCase(" x", false)]
    public void IsBlank_Whitespace_OnlySpacesTabsReturns(string text, bool blank)
    {
        Assert.That(NdjsonLines.IsBlank(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text))), Is.EqualTo(blank));
    }

    private static List<string> ReadAll(ref ReadOnlySequence<byte> buffer, int max, bool isCompleted)
    {
        var lines = new List<string>();
        while (NdjsonLines.TryReadLine(ref buffer, max, isCompleted, out var line) == NdjsonLineStatus.Line)
        {
            lines.Add(Encoding.UTF8.GetString(line.ToArray()));
        }

        return lines;
    }
}
