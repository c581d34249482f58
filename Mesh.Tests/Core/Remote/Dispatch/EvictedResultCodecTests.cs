using System.Buffers;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Tests.Core.Remote.Dispatch;

/// <summary>The RunResult end reason 6 (evicted) on the wire (docs/protocol.md "Eviction").</summary>
[TestFixture]
public sealed class EvictedResultCodecTests
{
    [Test]
    public void TryRead_RunResultEvicted_RoundTrips()
    {
        var result = new TaskResult { Reason = TaskEndReason.Evicted, Message = "evicted", Usage = new TaskUsage(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 4096) };
        var buffer = new ReadOnlySequence<byte>(TaskWireCodec.Encode(new RunResultMessage(AttemptId.New(), new TaskIdGenerator(TimeProvider.System).Next(), result)));

        var status = TaskWireCodec.TryRead(ref buffer, null, out var message, out var error);

        Assert.That(status, Is.EqualTo(TaskWireStatus.Ok), error);
        var decoded = ((RunResultMessage)message!).Result;
        Assert.Multiple(() =>
        {
            Assert.That(decoded.Reason, Is.EqualTo(TaskEndReason.Evicted));
            Assert.That((int)decoded.Reason, Is.EqualTo(6));
            Assert.That(decoded.Message, Is.EqualTo("evicted"));
            Assert.That(decoded.ExitCode, Is.Null);
        });
    }

    [Test]
    public void Encode_RunResultReasonPastEvicted_RefusedLikeAReceiverWould()
    {
        var message = new RunResultMessage(AttemptId.New(), new TaskIdGenerator(TimeProvider.System).Next(), new TaskResult { Reason = (TaskEndReason)7 });

        Assert.That(() => TaskWireCodec.Encode(message), Throws.ArgumentException.With.Message.Contains("end reason"));
    }
}
