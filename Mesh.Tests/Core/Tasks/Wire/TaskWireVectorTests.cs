using System.Buffers;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Tests.Core.Tasks.Wire;

/// <summary>The byte vectors of docs/protocol.md, "Task protocol", "Test vectors": the frames of <see cref="TaskWireTestData.All"/>.</summary>
public sealed class TaskWireVectorTests
{
    /// <summary>One frame per message type, in type order (length prefix included).</summary>
    internal static readonly IReadOnlyDictionary<TaskMessageType, string> Vectors = new Dictionary<TaskMessageType, string>
    {
        [TaskMessageType.RunRequest] =
            "990292018400cf0123456789abcdef01c410018bcfe5680052d8d73e1194e95b5f1902890094a7707974686f6e33a8747261696e2e7079aa2d2d6570" +
            "6f6368733d33a2c3bc0182a44c414e47a7432e5554462d38a453454544a23432029193ab646174612f696e2e637376c4209f86d081884c7d659a2fea" +
            "a0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08cf00000001000000000391a96f75742f2a2e62696e0494cb3ff8000000000000ce80000000cf00" +
            "000002540be4000105ce000927c00602079303d934313244334b6f6f574134586f70314a6154334d487877594d6b436570597376346950566f704d58" +
            "77437a3569485964426665534293cf0000000400000000a448313030cb40934a0000000000080703cd7530",
        [TaskMessageType.RunAccepted] =
            "2a92028300cf0123456789abcdef01c410018bcfe5680052d8d73e1194e95b5f1902cf0000018bcfe5dd30",
        [TaskMessageType.RunRefused] =
            "3c92038400cf0123456789abcdef01c410018bcfe5680052d8d73e1194e95b5f19020203b86e6f20737572706c75733a20302e352063707520667265" +
            "65",
        [TaskMessageType.InputRequest] =
            "5392048200cf0123456789abcdef0292c4209f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08c420e3b0c44298fc1c14" +
            "9afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        [TaskMessageType.InputData] =
            "4392058500cf0123456789abcdef02c4209f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0803ce0004000004c408612c" +
            "620a312c320a05c3",
        [TaskMessageType.OutputChunk] =
            "2492068400cf0123456789abcdef020203ce0001117004c40c7761726e696e673a20c3bc0a",
        [TaskMessageType.OutputCredit] =
            "1392078200cf0123456789abcdef02ce00100000",
        [TaskMessageType.LeaseRenew] =
            "1792088200cf0123456789abcdef02cf0000018bcfe65260",
        [TaskMessageType.LeaseRenewed] =
            "1792098200cf0123456789abcdef02cf0000018bcfe65260",
        [TaskMessageType.LeaseLost] =
            "20920a8200cf0123456789abcdef02b1746865206c656173652065787069726564",
        [TaskMessageType.RunResult] =
            "a901920b8700cf0123456789abcdef01c410018bcfe5680052d8d73e1194e95b5f190200030305a66578697420330693ce0012d687ce000f1206ce07" +
            "5bcd15079293ad6f75742f6d6f64656c2e62696ec420e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8550093ab6f7574" +
            "2f6c6f672e62696ec4209f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08cf000000012a05f200",
        [TaskMessageType.ResultAck] =
            "22920c8300cf0123456789abcdef01c410018bcfe5680052d8d73e1194e95b5f1902c3",
        [TaskMessageType.OutputFileData] =
            "2b920d8500cf0123456789abcdef02ad6f75742f6d6f64656c2e62696e03ce0004000004c404000102ff05c2",
        [TaskMessageType.Cancel] =
            "0d920e8100cf0123456789abcdef",
        [TaskMessageType.StealRequest] =
            "4c920f8300c42600240801122003a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b80194cb400a000000000000cf000000" +
            "01c0000000cf000000746a528800000208",
        [TaskMessageType.StealOffer] =
            "5192108100918400cf0123456789abcdef01c410018bcfe5680052d8d73e1194e95b5f1902870091a4747275650180029003900494cb000000000000" +
            "00000000000600079300c0c003cf0000018bcfe5dd30",
    };

    [TestCaseSource(typeof(TaskWireTestData), nameof(TaskWireTestData.Cases))]
    public void Encode_TestMessage_IsTheDocumentedBytes(TaskMessage message)
    {
        Assert.That(Convert.ToHexStringLower(TaskWireCodec.Encode(message)), Is.EqualTo(Vectors[message.Type]));
    }

    [TestCaseSource(typeof(TaskWireTestData), nameof(TaskWireTestData.Cases))]
    public void TryRead_DocumentedBytes_IsTheTestMessage(TaskMessage message)
    {
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString(Vectors[message.Type]));

        var status = TaskWireCodec.TryRead(ref buffer, null, out var decoded, out var error);

        Assert.That(status, Is.EqualTo(TaskWireStatus.Ok), error);
        TaskWireTestData.AssertSame(decoded, message);
    }

    [Test]
    public void ProtocolDocument_ShowsEveryVector()
    {
        var document = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "protocol.md")).Replace("\n", string.Empty, StringComparison.Ordinal);

        Assert.That(Vectors.Values, Has.All.Matches<string>(hex => document.Contains(hex, StringComparison.Ordinal)));
    }

    [Test]
    public void Vectors_CoverEveryMessageType()
    {
        Assert.That(Vectors.Keys, Is.EquivalentTo(Enum.GetValues<TaskMessageType>()));
    }
}
