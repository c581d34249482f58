using Mesh.Core.Execution;
using Mesh.Tests.Core.Execution;

namespace Mesh.Tests.Security;

/// <summary>
/// The variables a task asks for (a remote origin chooses them) reach the task's own process only, never the
/// programs that launch it: those run as root before the user switch and outside the sandbox.
/// </summary>
[TestFixture]
[CancelAfter(30_000)]
public sealed class TaskEnvironmentTests
{
    private const string PreloadSource = """
        #include <stdio.h>
        #include <stdlib.h>
        #include <unistd.h>

        __attribute__((constructor)) static void mark(void)
        {
            const char *path = getenv("MESH_PRELOAD_MARK");
            FILE *file = path == NULL ? NULL : fopen(path, "a");
            if (file != NULL)
            {
                fprintf(file, "%d\n", (int)geteuid());
                fclose(file);
            }
        }
        """;

    private DirectoryInfo _sources = null!;

    [SetUp]
    public void CreateSources() => _sources = Directory.CreateTempSubdirectory("mesh-sec-env-");

    [TearDown]
    public void DeleteSources() => _sources.Delete(recursive: true);

    [Test]
    public async Task Execute_TaskAsksForLdPreloadOfItsInput_NoRootProcessLoadsIt()
    {
        var cc = ToolProcess.Find("/usr/bin/cc", "/usr/bin/gcc");
        if (!Environment.IsPrivilegedProcess || cc is null)
        {
            Assert.Ignore("Needs root (tasks then run as another user) and a C compiler for the preloaded library.");
        }

        var source = Path.Combine(_sources.FullName, "preload.c");
        var library = Path.Combine(_sources.FullName, "preload.so");
        await File.WriteAllTextAsync(source, PreloadSource);
        var compiled = await ToolProcess.RunAsync(cc, "-shared", "-fPIC", "-o", library, source);
        Assert.That(compiled.ExitCode, Is.Zero, compiled.ToString());
        File.SetUnixFileMode(library, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        using var harness = new ExecutorHarness(bubblewrap: File.Exists("/usr/bin/bwrap"));
        var request = ExecutorHarness.Request("sh", "-c", "true") with
        {
            Inputs = [new ExecutionInput("preload.so", library)],
            Environment = new Dictionary<string, string> { ["LD_PRELOAD"] = "./preload.so", ["MESH_PRELOAD_MARK"] = "mark" },
        };

        var result = await harness.RunAsync(request);
        var mark = Path.Combine(result.WorkingDirectory!, "mark");
        var uids = File.Exists(mark) ? File.ReadAllLines(mark) : [];

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(ExecutionOutcome.Exited), result.FailureReason);
            Assert.That(uids, Is.Not.Empty, "the task's own process must load what it asked for, or the check below proves nothing");
            Assert.That(uids, Has.None.EqualTo("0"), "a process running as root loaded the task's LD_PRELOAD");
        });
    }

    [Test]
    public async Task Execute_VariableNamedLikeAnOption_ReachesTheTaskAsAVariable()
    {
        using var harness = new ExecutorHarness();
        var output = new CollectingOutput();
        var request = ExecutorHarness.Request("env") with
        {
            Environment = new Dictionary<string, string> { ["-u"] = "PATH", ["GIVEN"] = "a=b c" },
            Output = output,
        };

        var result = await harness.RunAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.FailureReason);
            Assert.That(output.Text(), Does.Contain("-u=PATH\n").And.Contain("GIVEN=a=b c\n").And.Contain("PATH="));
        });
    }

    [Test]
    public async Task Execute_ProgramNameWithEquals_FailsToStartInsteadOfBecomingAVariable()
    {
        using var harness = new ExecutorHarness();

        var result = await harness.RunAsync(ExecutorHarness.Request("X=1", "true"));

        Assert.That(result.Outcome, Is.EqualTo(ExecutionOutcome.FailedToStart));
        Assert.That(result.FailureReason, Does.Contain("'='"));
    }
}
