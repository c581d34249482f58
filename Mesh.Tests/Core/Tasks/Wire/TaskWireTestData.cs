using System.Text;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Tasks.Wire;

/// <summary>One message of every type with non-trivial values; the documented vectors (docs/protocol.md, "Task protocol") are their frames.</summary>
internal static class TaskWireTestData
{
    public static readonly TaskId Task = TaskId.Parse("01hf7yat00abcdefghjkmnpqrs");

    public static readonly AttemptId Attempt = new(0x0123456789abcdef);

    public static readonly DateTimeOffset LeaseUntil = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_030_000);

    public const string InputSha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    public const string OutputSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>The peer of the Ed25519 seed 00..1f (docs/protocol.md's ledger vector identity).</summary>
    public static readonly PeerId Thief = IdentityKey.FromSeed(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()).PeerId;

    public static TaskSpec Spec => new()
    {
        Argv = ["python3", "train.py", "--epochs=3", "ü"],
        Environment = new Dictionary<string, string> { ["LANG"] = "C.UTF-8", ["SEED"] = "42" },
        Inputs = [new TaskInputFile("data/in.csv", InputSha256, 4_294_967_296)],
        Outputs = ["out/*.bin"],
        Resources = new ResourceVector(1.5, 2L << 30, 10_000_000_000, 1),
        Timeout = TimeSpan.FromMinutes(10),
        MaxRetries = 2,
        Placement = new TaskPlacement(PlacementKind.OnPeer, Thief.ToString(), new TaskRequirements(16L << 30, "H100", 1234.5)),
        ArrayIndex = 7,
    };

    public static TaskResult Result => new()
    {
        Reason = TaskEndReason.Exited,
        ExitCode = 3,
        Message = "exit 3",
        Usage = new TaskUsage(TimeSpan.FromMicroseconds(1_234_567), TimeSpan.FromMicroseconds(987_654), 123_456_789),
        Outputs = [new TaskOutputFile("out/model.bin", OutputSha256, 0), new TaskOutputFile("out/log.bin", InputSha256, 5_000_000_000)],
    };

    /// <summary>One message per type, in type order.</summary>
    public static IReadOnlyList<TaskMessage> All =>
    [
        new RunRequestMessage(Attempt, Task, Spec, TimeSpan.FromSeconds(30)),
        new RunAcceptedMessage(Attempt, Task, LeaseUntil),
        new RunRefusedMessage(Attempt, Task, RunRefusalReason.NoCapacity, "no surplus: 0.5 cpu free"),
        new InputRequestMessage(Attempt, [InputSha256, OutputSha256]),
        new InputDataMessage(Attempt, InputSha256, 262_144, Encoding.UTF8.GetBytes("a,b\n1,2\n"), Last: true),
        new OutputChunkMessage(Attempt, OutputStreamKind.Stderr, 70_000, Encoding.UTF8.GetBytes("warning: ü\n")),
        new OutputCreditMessage(Attempt, 1 << 20),
        new LeaseRenewMessage(Attempt, LeaseUntil.AddSeconds(30)),
        new LeaseRenewedMessage(Attempt, LeaseUntil.AddSeconds(30)),
        new LeaseLostMessage(Attempt, "the lease expired"),
        new RunResultMessage(Attempt, Task, Result),
        new ResultAckMessage(Attempt, Task, Accepted: true),
        new OutputFileDataMessage(Attempt, "out/model.bin", 1 << 18, new byte[] { 0, 1, 2, 0xff }, Last: false),
        new CancelMessage(Attempt),
        new StealRequestMessage(Thief, new ResourceVector(3.25, 7L << 30, 500_000_000_000, 0), 8),
        new StealOfferMessage([new StealOfferItem(Attempt, Task, new TaskSpec { Argv = ["true"] }, LeaseUntil)]),
    ];

    public static IEnumerable<TestCaseData> Cases => All.Select(m => new TestCaseData(m).SetArgDisplayNames(m.Type.ToString()));

    /// <summary>All of <see cref="All"/> framed back to back.</summary>
    public static byte[] AllFrames() => All.SelectMany(m => TaskWireCodec.Encode(m)).ToArray();

    /// <summary>Asserts two messages are the same by their encodings (records hold lists and buffers, compared by reference).</summary>
    public static void AssertSame(TaskMessage? actual, TaskMessage expected, string because = "")
    {
        Assert.That(actual, Is.Not.Null, because);
        Assert.That(actual!.GetType(), Is.EqualTo(expected.GetType()), because);
        Assert.That(Convert.ToHexStringLower(TaskWireCodec.Encode(actual)), Is.EqualTo(Convert.ToHexStringLower(TaskWireCodec.Encode(expected))), because);
    }
}
