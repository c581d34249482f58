using System.CommandLine;

namespace Mesh.Cli;

/// <summary>The <c>mesh</c> command.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("mesh: submit work to the mesh and watch it. Commands arrive as the node grows a control API.");
        return root.Parse(args).Invoke();
    }
}
