using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Tests.Core.Tasks.Wire;

public sealed class TaskWireEncodeTests
{
    [Test]
    public void Encode_ChunkOverTheLimit_Throws()
    {
        var message = new OutputChunkMessage(TaskWireTestData.Attempt, OutputStreamKind.Stdout, 0, new byte[TaskWireLimits.Default.MaxChunkSize + 1]);

        Assert.That(() => TaskWireCodec.Encode(message), Throws.ArgumentException.With.Message.Contains("MaxChunkSize"));
    }

    [Test]
    public void Encode_SpecOverAWireLimit_ThrowsWithTheReason()
    {
        var spec = new TaskSpec { Argv = Enumerable.Repeat("x", 5).ToArray() };
        var message = new RunRequestMessage(TaskWireTestData.Attempt, TaskWireTestData.Task, spec, TimeSpan.FromSeconds(1));

        Assert.That(() => TaskWireCodec.Encode(message, new TaskWireLimits { MaxArgs = 4 }), Throws.ArgumentException.With.Message.Contains("argv"));
    }

    [Test]
    public void Encode_EmptyAttemptId_Throws()
    {
        Assert.That(() => TaskWireCodec.Encode(new CancelMessage(default)), Throws.ArgumentException);
    }

    [Test]
    public void Encode_BadSha256_Throws()
    {
        Assert.That(() => TaskWireCodec.Encode(new InputRequestMessage(TaskWireTestData.Attempt, ["abc"])), Throws.ArgumentException);
    }

    [Test]
    public void Encode_NegativeCredit_Throws()
    {
        Assert.That(() => TaskWireCodec.Encode(new OutputCreditMessage(TaskWireTestData.Attempt, -1)), Throws.ArgumentException);
    }

    [Test]
    public void Encode_MessageOverMaxMessageSize_Throws()
    {
        var limits = new TaskWireLimits { MaxMessageSize = 1024, MaxChunkSize = 512 };
        var message = new LeaseLostMessage(TaskWireTestData.Attempt, new string('x', 2000));

        Assert.That(() => TaskWireCodec.Encode(message, limits), Throws.ArgumentException.With.Message.Contains("MaxMessageSize"));
    }

    [Test]
    public void Validate_Defaults_Passes()
    {
        Assert.That(() => new TaskWireLimits().Validate(), Throws.Nothing);
    }

    [TestCase(nameof(TaskWireLimits.MaxMessageSize), 100)]
    [TestCase(nameof(TaskWireLimits.MaxChunkSize), 0)]
    [TestCase(nameof(TaskWireLimits.MaxArgs), 0)]
    [TestCase(nameof(TaskWireLimits.MaxTextBytes), 10)]
    [TestCase(nameof(TaskWireLimits.MaxStealTasks), 0)]
    [TestCase(nameof(TaskWireLimits.MaxSkipDepth), 0)]
    public void Validate_LimitTooSmall_ThrowsNamingIt(string name, int value)
    {
        var limits = new TaskWireLimits();
        typeof(TaskWireLimits).GetProperty(name)!.SetValue(limits, value);

        Assert.That(() => limits.Validate(), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains(name));
    }

    [Test]
    public void Validate_ChunkNotFittingAMessage_Throws()
    {
        var limits = new TaskWireLimits { MaxMessageSize = 4096, MaxChunkSize = 4096 };

        Assert.That(() => limits.Validate(), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("MaxChunkSize"));
    }
}
