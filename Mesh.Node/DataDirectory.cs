namespace Mesh.Node;

/// <summary>Where a node keeps its files when <c>--data-dir</c> is not given: the XDG data directory.</summary>
public static class DataDirectory
{
    /// <summary><c>$XDG_DATA_HOME/mesh</c>, else <c>~/.local/share/mesh</c>.</summary>
    public static string Default()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "mesh");
        }

        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "mesh");
    }

    /// <summary>Creates the directory (mode 0700: it holds private keys) if it does not exist.</summary>
    public static void Ensure(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// True when users other than the owner may read or enter the directory: a data dir made beforehand with a plain
    /// <c>mkdir</c> keeps its 0755, and then tasks.db (task arguments and variables) is readable by everyone. The node
    /// does not change the mode itself (the directory may be shared on purpose); it warns.
    /// </summary>
    public static bool OthersMayRead(string path) =>
        !OperatingSystem.IsWindows() && Directory.Exists(path)
        && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute)) != 0;
}
