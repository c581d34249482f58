using Mesh.Cli;
using Mesh.Cli.Client;
using Mesh.Cli.Commands;
using Mesh.Core.Control;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Cli.Tasks;

/// <summary>
/// The <c>mesh</c> command tree in-process, talking through the real <see cref="UnixSocketControlClient"/> to a
/// <see cref="FakeNodeControlSocket"/> that serves a <see cref="FakeTaskControl"/>. Captures the text and the raw bytes written.
/// </summary>
internal sealed class TaskCliHarness : IAsyncDisposable
{
    public const string SelfId = "12D3KooWFakeNodeOrigin0000000000000000000000000001";
    public const string PeerId = "12D3KooWFakePeerBravo00000000000000000000000000002";

    private readonly FakeNodeControlSocket _socket;

    public TaskCliHarness()
    {
        Directory.CreateDirectory(WorkingDirectory);
        _socket = FakeNodeControlSocket.StartWithTasks(Tasks, new NodeView { Id = SelfId, Name = "alpha" });
    }

    public FakeTaskControl Tasks { get; } = new() { NodeId = SelfId };

    public FakeNodeControlSocket Socket => _socket;

    public string WorkingDirectory { get; } = Path.Combine(Path.GetTempPath(), "mesh-cli-" + Guid.NewGuid().ToString("N")[..10]);

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>The clock: 12 s after the fake's tasks were submitted.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 12, TimeSpan.Zero));

    public OutputLog Raw { get; private set; } = new();

    public string Stdout { get; private set; } = "";

    public string Stderr { get; private set; } = "";

    public SubmitTaskRequest LastRequest => Tasks.Submitted[^1];

    public async Task<int> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public async Task<int> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        Raw = new OutputLog();
        var raw = Raw;
        var context = new CliContext(_ => new UnixSocketControlClient(_socket.Path), Time)
        {
            OpenStandardOutput = () => new RecordingStream("stdout", raw),
            OpenStandardError = () => new RecordingStream("stderr", raw),
            WorkingDirectory = WorkingDirectory,
            Environment = name => Environment.GetValueOrDefault(name),
        };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliRunner.RunAsync(Program.CreateRootCommand(context), args, output, error, cancellationToken);
        Stdout = output.ToString();
        Stderr = error.ToString();
        return exitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await _socket.DisposeAsync();
        Directory.Delete(WorkingDirectory, recursive: true);
    }
}
