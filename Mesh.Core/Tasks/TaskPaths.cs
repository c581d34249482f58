namespace Mesh.Core.Tasks;

/// <summary>The rule for names inside a task's working directory (input names, output globs).</summary>
public static class TaskPaths
{
    /// <summary>
    /// Why <paramref name="path"/> may not name something inside the working directory, or null when it may:
    /// not empty, relative, no NUL, no <c>..</c>, <c>.</c> or empty segment, no backslash (paths are POSIX).
    /// </summary>
    public static string? Problem(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "a path may not be empty";
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return "a path may not contain a NUL character";
        }

        if (path[0] == '/' || path[0] == '~')
        {
            return "a path must be relative to the working directory";
        }

        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "a path may not contain a backslash (use /)";
        }

        foreach (var segment in path.Split('/'))
        {
            switch (segment)
            {
                case "..":
                    return "a path may not contain ..";
                case ".":
                    return "a path may not contain . segments";
                case "":
                    return "a path may not contain an empty segment (// or a trailing /)";
            }
        }

        return null;
    }
}
