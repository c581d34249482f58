using System.Buffers;
using System.Globalization;
using System.Text.Json.Nodes;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using Mesh.Tests.Core.Tasks.Wire;

namespace Mesh.Tests.Interop;

/// <summary>
/// The task protocol's frames (docs/protocol.md, "Task protocol") against interop/js/task-wire.mjs, an independent
/// reader written only from that document with <c>@msgpack/msgpack</c>: the documented vectors decode to the same
/// values there, and frames it writes decode here.
/// </summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class TaskWireJsInteropTests
{
    [OneTimeSetUp]
    public void InstallJsPackages()
    {
        JsDependencies.EnsureInstalled();
    }

    [Test]
    public async Task JsDecode_RunRequestVector_HasTheSpecFields()
    {
        var js = Single(await JsDecodeAsync(TaskWireVectorTests.Vectors[TaskMessageType.RunRequest]), "RunRequest");
        var expected = TaskWireTestData.Spec;
        var spec = js["spec"]!;

        Assert.Multiple(() =>
        {
            Assert.That(js["attempt"]!.GetValue<string>(), Is.EqualTo(TaskWireTestData.Attempt.Value.ToString(CultureInfo.InvariantCulture)));
            Assert.That(js["task"]!.GetValue<string>(), Is.EqualTo(TaskWireTestData.Task.ToString()));
            Assert.That(js["leaseMs"]!.GetValue<string>(), Is.EqualTo("30000"));
            Assert.That(spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(expected.Argv));
            Assert.That(spec["environment"]!["SEED"]!.GetValue<string>(), Is.EqualTo("42"));
            Assert.That(spec["inputs"]![0]!["sha256"]!.GetValue<string>(), Is.EqualTo(expected.Inputs[0].Sha256));
            Assert.That(spec["inputs"]![0]!["size"]!.GetValue<string>(), Is.EqualTo("4294967296"));
            Assert.That(spec["outputs"]![0]!.GetValue<string>(), Is.EqualTo("out/*.bin"));
            Assert.That(spec["resources"]!["cpu"]!.GetValue<double>(), Is.EqualTo(1.5));
            Assert.That(spec["resources"]!["memory"]!.GetValue<string>(), Is.EqualTo((2L << 30).ToString(CultureInfo.InvariantCulture)));
            Assert.That(spec["timeoutMs"]!.GetValue<string>(), Is.EqualTo("600000"));
            Assert.That(spec["maxRetries"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(spec["placement"]!["kind"]!.GetValue<int>(), Is.EqualTo((int)PlacementKind.OnPeer));
            Assert.That(spec["placement"]!["peer"]!.GetValue<string>(), Is.EqualTo(expected.Placement.Peer));
            Assert.That(spec["placement"]!["requirements"]!["gpuModel"]!.GetValue<string>(), Is.EqualTo("H100"));
            Assert.That(spec["arrayIndex"]!.GetValue<string>(), Is.EqualTo("7"));
        });
    }

    [Test]
    public async Task JsDecode_OutputChunkVector_HasStreamOffsetAndBytes()
    {
        var js = Single(await JsDecodeAsync(TaskWireVectorTests.Vectors[TaskMessageType.OutputChunk]), "OutputChunk");
        var expected = (OutputChunkMessage)TaskWireTestData.All[(int)TaskMessageType.OutputChunk - 1];

        Assert.Multiple(() =>
        {
            Assert.That(js["stream"]!.GetValue<string>(), Is.EqualTo("stderr"));
            Assert.That(js["offset"]!.GetValue<string>(), Is.EqualTo(expected.Offset.ToString(CultureInfo.InvariantCulture)));
            Assert.That(js["data"]!.GetValue<string>(), Is.EqualTo(Convert.ToHexStringLower(expected.Data.Span)));
        });
    }

    [Test]
    public async Task JsDecode_RunResultVector_HasExitUsageAndManifest()
    {
        var js = Single(await JsDecodeAsync(TaskWireVectorTests.Vectors[TaskMessageType.RunResult]), "RunResult");
        var expected = TaskWireTestData.Result;

        Assert.Multiple(() =>
        {
            Assert.That(js["reason"]!.GetValue<int>(), Is.EqualTo((int)TaskEndReason.Exited));
            Assert.That(js["exitCode"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(js["signal"], Is.Null);
            Assert.That(js["message"]!.GetValue<string>(), Is.EqualTo(expected.Message));
            Assert.That(js["usage"]!["wallTimeUs"]!.GetValue<string>(), Is.EqualTo("1234567"));
            Assert.That(js["usage"]!["peakMemory"]!.GetValue<string>(), Is.EqualTo("123456789"));
            Assert.That(js["outputs"]!.AsArray().Select(f => new TaskOutputFile(f!["name"]!.GetValue<string>(), f["sha256"]!.GetValue<string>(), long.Parse(f["size"]!.GetValue<string>(), CultureInfo.InvariantCulture))), Is.EqualTo(expected.Outputs));
        });
    }

    [Test]
    public async Task JsDecode_EveryVectorCoalesced_ReadsEveryTypeInOrder()
    {
        var hex = string.Concat(Enum.GetValues<TaskMessageType>().Select(t => TaskWireVectorTests.Vectors[t]));

        var lines = await JsDecodeAsync(hex);

        Assert.That(lines.Select(l => l["status"]!.GetValue<string>()), Has.All.EqualTo("ok"));
        Assert.That(lines.Select(l => l["type"]!.GetValue<string>()), Is.EqualTo(Enum.GetNames<TaskMessageType>()));
    }

    [TestCase("03926380", "unknown type 99")]
    [TestCase("ffffffffff0f", "longer than")]
    public async Task JsDecode_FrameCSharpRefuses_IsInvalidThereToo(string hex, string reason)
    {
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString(hex));
        Assert.That(TaskWireCodec.TryRead(ref buffer, null, out _, out _), Is.EqualTo(TaskWireStatus.Invalid));

        var js = (await JsDecodeAsync(hex)).Single();

        Assert.That(js["status"]!.GetValue<string>(), Is.EqualTo("invalid"));
        Assert.That(js["reason"]!.GetValue<string>(), Does.Contain(reason));
    }

    [Test]
    public async Task CSharpDecode_JsEncodedOutputChunk_IsTheSameMessageAndBytes()
    {
        var expected = (OutputChunkMessage)TaskWireTestData.All[(int)TaskMessageType.OutputChunk - 1];
        var json = new JsonObject
        {
            ["type"] = "OutputChunk",
            ["message"] = new JsonObject
            {
                ["attempt"] = expected.Attempt.Value.ToString(CultureInfo.InvariantCulture),
                ["stream"] = "stderr",
                ["offset"] = expected.Offset.ToString(CultureInfo.InvariantCulture),
                ["data"] = Convert.ToHexStringLower(expected.Data.Span),
            },
        };

        var (exitCode, output, errors) = await RunAsync("encode", json.ToJsonString());
        Assert.That(exitCode, Is.Zero, errors);
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString(output.Trim()));
        var status = TaskWireCodec.TryRead(ref buffer, null, out var decoded, out var error);

        Assert.That(status, Is.EqualTo(TaskWireStatus.Ok), error);
        TaskWireTestData.AssertSame(decoded, expected);
        Assert.That(output.Trim(), Is.EqualTo(TaskWireVectorTests.Vectors[TaskMessageType.OutputChunk]));
    }

    private static JsonNode Single(IReadOnlyList<JsonObject> lines, string type)
    {
        var line = lines.Single();
        Assert.That(line["status"]!.GetValue<string>(), Is.EqualTo("ok"), line.ToJsonString());
        Assert.That(line["type"]!.GetValue<string>(), Is.EqualTo(type));
        return line["message"]!;
    }

    /// <summary>One JSON line per frame; the exit code is not checked here: each line's status says.</summary>
    private static async Task<IReadOnlyList<JsonObject>> JsDecodeAsync(string hex)
    {
        var (_, output, errors) = await RunAsync("decode", hex);
        Assert.That(output, Is.Not.Empty, errors);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
    }

    private static Task<(int ExitCode, string Output, string Errors)> RunAsync(string command, string argument) =>
        JsScript.RunAsync("task-wire.mjs", command, argument);
}
