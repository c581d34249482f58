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
}
