using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Encoding;

namespace Mesh.Tests.Core.Tasks.Wire;

[CancelAfter(10_000)]
public sealed class TaskWireStreamTests
{
    [Test]
    public async Task ReadAsync_MessagesWrittenByWriteAsync_ArriveInOrderThenNullAtTheEnd()
    {
        var (left, right) = ChannelPair.Create();
        await using var _ = left;
        await using var __ = right;

        foreach (var message in TaskWireTestData.All)
        {
            await TaskWireStream.WriteAsync(left.Output, message);
        }

        await left.CloseWriteAsync();

        foreach (var message in TaskWireTestData.All)
        {
            TaskWireTestData.AssertSame(await TaskWireStream.ReadAsync(right.Input), message);
        }

        Assert.That(await TaskWireStream.ReadAsync(right.Input), Is.Null);
    }

    [Test]
    public async Task ReadAsync_FrameLargerThanTheWritersWindow_ArrivesWithTheMessageAfterIt()
    {
        // A pipe that stops its writer at 64 KiB unconsumed, as yamux stops a sender at its 256 KiB window: a reader
        // that waited for the whole 256 KiB chunk before consuming any of it would wait forever.
        var pipe = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024));
        var data = new byte[TaskWireLimits.Default.MaxChunkSize];
        Random.Shared.NextBytes(data);
        var big = new InputDataMessage(new Mesh.Core.Tasks.AttemptId(7), new string('a', 64), 0, data, true);
        var after = new CancelMessage(new Mesh.Core.Tasks.AttemptId(7));
        var writing = Task.Run(async () =>
        {
            await TaskWireStream.WriteAsync(pipe.Writer, big);
            await TaskWireStream.WriteAsync(pipe.Writer, after);
            await pipe.Writer.CompleteAsync();
        });

        var first = await TaskWireStream.ReadAsync(pipe.Reader);
        var second = await TaskWireStream.ReadAsync(pipe.Reader);
        await writing;

        Assert.Multiple(() =>
        {
            Assert.That(((InputDataMessage)first!).Data.ToArray(), Is.EqualTo(data));
            Assert.That(second, Is.EqualTo(after));
        });
    }

    [Test]
    public async Task ReadAsync_StreamEndsInsideAFrame_ThrowsTaskProtocolException()
    {
        var (left, right) = ChannelPair.Create();
        await using var _ = left;
        await using var __ = right;
        var frame = TaskWireCodec.Encode(new CancelMessage(TaskWireTestData.Attempt));

        await left.Output.WriteAsync(frame.AsMemory(0, frame.Length - 1));
        await left.CloseWriteAsync();

        Assert.That(async () => await TaskWireStream.ReadAsync(right.Input), Throws.TypeOf<TaskProtocolException>().With.Message.Contains("inside a frame"));
    }

    [Test]
    public async Task ReadAsync_GiantLengthPrefix_ThrowsWithoutWaitingForThePayload()
    {
        var (left, right) = ChannelPair.Create();
        await using var _ = left;
        await using var __ = right;

        // The stream stays open: the reader must refuse on the prefix alone, not wait for 2^40 bytes.
        await left.Output.WriteAsync(Varint.Encode(1UL << 40));

        Assert.That(async () => await TaskWireStream.ReadAsync(right.Input), Throws.TypeOf<TaskProtocolException>().With.Message.Contains("MaxMessageSize"));
    }

    [Test]
    public async Task ReadAsync_UnknownType_ThrowsNamingIt()
    {
        var (left, right) = ChannelPair.Create();
        await using var _ = left;
        await using var __ = right;

        await left.Output.WriteAsync(LengthPrefixed.Encode([0x92, 0x63, 0x80]));

        Assert.That(async () => await TaskWireStream.ReadAsync(right.Input), Throws.TypeOf<TaskProtocolException>().With.Message.Contains("unknown type 99"));
    }
}
