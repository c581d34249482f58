using Mesh.Core.Execution;
using Mesh.Tests.Core.Execution;

namespace Mesh.Tests.Security;

/// <summary>
/// A task may change its own copy of an input, never the file it was staged from: that file is the node's
/// content-addressed input cache, which later tasks (of any origin) are given under the same hash.
/// </summary>
[TestFixture]
[CancelAfter(20_000)]
public sealed class TaskInputTests
{
    private DirectoryInfo _sources = null!;

    [SetUp]
    public void CreateSources() => _sources = Directory.CreateTempSubdirectory("mesh-sec-input-");

    [TearDown]
    public void DeleteSources() => _sources.Delete(recursive: true);

    [Test]
    public async Task Execute_TaskOfTheNodesOwnUserRewritesItsInput_SourceFileUnchanged()
    {
        // A non-root node runs tasks as itself; a root node does so only when allowed to run them as root.
        using var harness = new ExecutorHarness(configure: o =>
        {
            o.RunAsUser = "mesh-no-such-user";
            o.CreateRunAsUser = false;
            o.AllowRunAsRoot = true;
        });
        var source = Path.Combine(_sources.FullName, "cached");
        await File.WriteAllTextAsync(source, "original\n");
        File.SetUnixFileMode(source, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var output = new CollectingOutput();
        var request = ExecutorHarness.Request("sh", "-c", "chmod u+w input.txt; echo poisoned > input.txt; cat input.txt") with
        {
            Inputs = [new ExecutionInput("input.txt", source)],
            Output = output,
        };

        var result = await harness.RunAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(ExecutionOutcome.Exited), result.FailureReason);
            Assert.That(output.Text(), Is.EqualTo("poisoned\n"), "the task may change its own copy");
            Assert.That(File.ReadAllText(source), Is.EqualTo("original\n"));
        });
    }
}
