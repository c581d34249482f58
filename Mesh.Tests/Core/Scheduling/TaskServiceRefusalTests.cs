using Mesh.Core.Control;
using Mesh.Core.Scheduling;

namespace Mesh.Tests.Core.Scheduling;

/// <summary>Bad requests are refused before anything is stored, each with one line a person can act on.</summary>
[TestFixture]
[CancelAfter(10_000)]
public sealed class TaskServiceRefusalTests
{
    private TaskServiceHarness _harness = null!;

    [SetUp]
    public async Task Start() => _harness = await TaskServiceHarness.CreateAsync();

    [TearDown]
    public async Task Stop() => await _harness.DisposeAsync();

    private static IEnumerable<TestCaseData> BadRequests()
    {
        yield return new TestCaseData(new SubmitTaskRequest { Argv = [] }, "argv is empty").SetName("Submit_EmptyArgv_Refused");
        yield return new TestCaseData(new SubmitTaskRequest { Argv = ["cat", "x"], Inputs = ["/nonexistent/mesh/input.txt"] }, "does not exist")
            .SetName("Submit_MissingInput_Refused");
        yield return new TestCaseData(new SubmitTaskRequest { Argv = ["cat", "x"], Inputs = ["relative.txt"] }, "must be an absolute path")
            .SetName("Submit_RelativeInput_Refused");
        yield return new TestCaseData(new SubmitTaskRequest { Argv = ["cat", "x"], Inputs = ["/tmp"] }, "is a directory")
            .SetName("Submit_DirectoryInput_Refused");
        yield return new TestCaseData(new SubmitTaskRequest { Argv = ["true"], Outputs = ["o"], OutputDir = "results" }, "outputDir 'results' must be an absolute path")
            .SetName("Submit_RelativeOutputDir_Refused");
        yield return new TestCaseData(new SubmitTaskRequest { Argv = ["true"], Outputs = ["o"] }, "no outputDir")
            .SetName("Submit_OutputsWithoutDir_Refused");
        yield return new TestCaseData(new SubmitTaskRequest { Argv = ["true"], Outputs = ["../escape"], OutputDir = "/tmp" }, "may not contain ..")
            .SetName("Submit_EscapingOutputGlob_Refused");
        yield return new TestCaseData(new SubmitTaskRequest { Argv = ["true"], Placement = "remote" }, TaskService.RemoteRefusal)
            .SetName("Submit_RemoteOnly_RefusedHonestly");
        yield return new TestCaseData(
            new SubmitTaskRequest { Argv = ["true"], Placement = "peer", Peer = "12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK" }, TaskService.RemoteRefusal)
            .SetName("Submit_OnOtherPeer_RefusedHonestly");
        yield return new TestCaseData(new SubmitTaskRequest { Argv = ["true"], Cpu = 32 }, "no peer can meet cpu=32: this node has 16 cores")
            .SetName("Submit_MoreCpuThanTheMachine_Refused");
        yield return new TestCaseData(new SubmitTaskRequest { Argv = ["true"], Memory = 128L << 30 }, "no peer can meet mem=128 GiB: this node has 64 GiB")
            .SetName("Submit_MoreMemoryThanTheMachine_Refused");
        yield return new TestCaseData(new SubmitTaskRequest { Argv = ["true"], Gpu = 2 }, "no peer can meet gpu=2: this node has 1 GPU")
            .SetName("Submit_MoreGpusThanTheMachine_Refused");
        yield return new TestCaseData(new SubmitTaskRequest { Argv = ["true"], Placement = "elsewhere" }, "placement 'elsewhere' is unknown")
            .SetName("Submit_UnknownPlacement_Refused");
        yield return new TestCaseData(new SubmitTaskRequest { Argv = ["true"], Array = "10-1" }, "reversed").SetName("Submit_ReversedArray_Refused");
        yield return new TestCaseData(new SubmitTaskRequest { Argv = ["true"], TimeoutSeconds = -1 }, "timeout").SetName("Submit_NegativeTimeout_Refused");
        yield return new TestCaseData(new SubmitTaskRequest { Argv = ["true"], Env = new Dictionary<string, string> { ["1BAD"] = "x" } }, "environment name")
            .SetName("Submit_BadEnvironmentName_Refused");
    }

    [TestCaseSource(nameof(BadRequests))]
    public void Submit_BadRequest_OneLineErrorAndNothingStored(SubmitTaskRequest request, string expected)
    {
        var refusal = Assert.ThrowsAsync<TaskRequestException>(() => _harness.Service.SubmitAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(refusal!.Message, Does.Contain(expected));
            Assert.That(refusal.Message, Does.Not.Contain('\n'));
            Assert.That(_harness.Service.List(null, null, 10).Tasks, Is.Empty);
        });
    }

    [Test]
    public async Task Submit_OnThisNodeByName_Runs()
    {
        var response = await _harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["true"], Placement = "peer", Peer = "test-node" });

        Assert.That((await _harness.WaitAsync(response.Ids[0])).State, Is.EqualTo("succeeded"));
    }

    [Test]
    public async Task Submit_Local_Runs()
    {
        var response = await _harness.Service.SubmitAsync(new SubmitTaskRequest { Argv = ["true"], Placement = "local" });

        Assert.That((await _harness.WaitAsync(response.Ids[0])).State, Is.EqualTo("succeeded"));
    }
}
