using Mesh.Cli;
using Mesh.Cli.Client;
using Mesh.Cli.Commands;
using Mesh.Tests.Node.Control;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Cli;

/// <summary>Runs the <c>mesh</c> command tree in-process against a fake client, capturing its output.</summary>
internal sealed class CliHarness
{
    public FakeControlClient Client { get; } = new();

    public List<string?> NodeValues { get; } = [];

    public string Stdout { get; private set; } = "";

    public string Stderr { get; private set; } = "";

    public async Task<int> RunAsync(params string[] args)
    {
        var time = new FakeTimeProvider(ControlSamples.Now);
        var context = new CliContext(
            node =>
            {
                NodeValues.Add(node);
                return node is null || node.StartsWith(NodeLocator.UnixScheme, StringComparison.Ordinal)
                    ? Client
                    : throw new NodeAddressException($"--node: '{node}' is not a node address");
            },
            time);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliRunner.RunAsync(Program.CreateRootCommand(context), args, output, error);
        Stdout = output.ToString();
        Stderr = error.ToString();
        return exitCode;
    }
}
