namespace Mesh.Cli.Client;

/// <summary>
/// Finds the node's control socket the way shared/DESIGN.md orders it: <c>--node unix:PATH</c>, then the
/// <c>MESH_NODE</c> environment variable, then <c>DATA_DIR/control.sock</c> in the default data directory (the
/// same directory <c>mesh-node</c> uses when it is given no <c>--data-dir</c>).
/// </summary>
public static class NodeLocator
{
    /// <summary>The environment variable naming the node.</summary>
    public const string EnvironmentVariable = "MESH_NODE";

    /// <summary>The scheme of a node address.</summary>
    public const string UnixScheme = "unix:";

    /// <summary>The socket's file name in the data directory (the node's default too).</summary>
    public const string SocketFileName = "control.sock";

    /// <summary>Resolves the socket path from the process's environment.</summary>
    /// <exception cref="NodeAddressException">The address given is not <c>unix:PATH</c>.</exception>
    public static string Resolve(string? nodeOption) => Resolve(nodeOption, Environment.GetEnvironmentVariable);

    /// <summary>Resolves the socket path; <paramref name="environment"/> reads environment variables (tests pass their own).</summary>
    /// <exception cref="NodeAddressException">The address given is not <c>unix:PATH</c>.</exception>
    public static string Resolve(string? nodeOption, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(nodeOption))
        {
            return Parse(nodeOption, "--node");
        }

        var fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Parse(fromEnvironment, EnvironmentVariable);
        }

        return Path.Combine(DefaultDataDirectory(environment), SocketFileName);
    }

    /// <summary><c>$XDG_DATA_HOME/mesh</c>, else <c>~/.local/share/mesh</c>: what <c>mesh-node</c> uses without <c>--data-dir</c>.</summary>
    public static string DefaultDataDirectory(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);

        // The XDG base directory spec ignores relative values; so does mesh-node (Mesh.Node/DataDirectory.cs).
        var xdg = environment("XDG_DATA_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "mesh");
        }

        var home = environment("HOME");
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        return Path.Combine(home, ".local", "share", "mesh");
    }

    private static string Parse(string address, string source)
    {
        // A bare absolute path is taken too: it is what people paste from `ls`.
        var path = address.StartsWith(UnixScheme, StringComparison.Ordinal) ? address[UnixScheme.Length..] : address;
        if (path.Length == 0 || !Path.IsPathRooted(path))
        {
            throw new NodeAddressException($"{source}: '{address}' is not a node address: give unix:/absolute/path/to/control.sock");
        }

        return path;
    }
}
