using System.CommandLine;

namespace Mesh.Cli.Commands;

/// <summary>The global <c>--node unix:PATH</c> option.</summary>
public static class NodeOption
{
    /// <summary>Creates the option, recursive so it works before or after any subcommand.</summary>
    public static Option<string> Create() => new("--node")
    {
        Description = "The node's control socket (default: $MESH_NODE, else DATA_DIR/control.sock in $XDG_DATA_HOME/mesh or ~/.local/share/mesh).",
        HelpName = "unix:PATH",
        Recursive = true,
    };
}
