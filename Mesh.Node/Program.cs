namespace Mesh.Node;

/// <summary>The <c>mesh-node</c> program.</summary>
public static class Program
{
    /// <summary>Entry point: parses flags, validates them, and runs the node until Ctrl-C or SIGTERM.</summary>
    public static Task<int> Main(string[] args) =>
        NodeCommand.Create(NodeRunner.RunAsync).Parse(args).InvokeAsync();
}
