using Mesh.Core.Execution;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Core.Scheduling;

/// <summary>The executor stages <see cref="ExecutionRequest.Inputs"/> into the working dir before the start.</summary>
[TestFixture]
[CancelAfter(10_000)]
public sealed class ExecutorInputStagingTests
{
    private DirectoryInfo _root = null!;
    private LocalExecutor _executor = null!;

    [SetUp]
    public void Create()
    {
        _root = Directory.CreateTempSubdirectory("mesh-stage-");
        _executor = new LocalExecutor(
            new LocalExecutorOptions { WorkRoot = Path.Combine(_root.FullName, "work"), UseBubblewrap = false, CgroupName = "mesh-tasks-stage-test" },
            TimeProvider.System,
            NullLogger<LocalExecutor>.Instance);
    }

    [TearDown]
    public void Delete() => _root.Delete(recursive: true);

    [Test]
    public async Task Execute_NestedInput_StagedAndReadable()
    {
        var source = Path.Combine(_root.FullName, "source.txt");
        await File.WriteAllTextAsync(source, "staged");
        var output = new CollectingSink();

        var result = await _executor.ExecuteAsync(new ExecutionRequest
        {
            TaskId = "stage",
            AttemptId = "a1",
            Argv = ["cat", "deep/er/in.txt"],
            Inputs = [new ExecutionInput("deep/er/in.txt", source)],
            Output = output,
        });

        Assert.That(result.ExitCode, Is.Zero, result.FailureReason);
        Assert.That(output.Text, Is.EqualTo("staged"));
        Assert.That(File.ReadAllText(source), Is.EqualTo("staged"), "the source is untouched");
    }

    [TestCase("../escape.txt")]
    [TestCase("/etc/escape.txt")]
    public async Task Execute_EscapingInputName_FailsToStart(string name)
    {
        var source = Path.Combine(_root.FullName, "source.txt");
        await File.WriteAllTextAsync(source, "x");

        var result = await _executor.ExecuteAsync(new ExecutionRequest
        {
            TaskId = "stage",
            AttemptId = "a2" + name.Length,
            Argv = ["true"],
            Inputs = [new ExecutionInput(name, source)],
        });

        Assert.That(result.Outcome, Is.EqualTo(ExecutionOutcome.FailedToStart));
        Assert.That(result.FailureReason, Does.Contain("cannot stage the input files"));
    }

    [Test]
    public async Task Execute_MissingInputSource_FailsToStart()
    {
        var result = await _executor.ExecuteAsync(new ExecutionRequest
        {
            TaskId = "stage",
            AttemptId = "a3",
            Argv = ["true"],
            Inputs = [new ExecutionInput("in.txt", Path.Combine(_root.FullName, "absent.txt"))],
        });

        Assert.That(result.Outcome, Is.EqualTo(ExecutionOutcome.FailedToStart));
    }

    private sealed class CollectingSink : IExecutionOutput
    {
        private readonly System.Text.StringBuilder _text = new();

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public ValueTask WriteAsync(OutputChunk chunk, CancellationToken cancellationToken)
        {
            lock (_text)
            {
                _text.Append(System.Text.Encoding.UTF8.GetString(chunk.Data.Span));
            }

            return ValueTask.CompletedTask;
        }
    }
}
