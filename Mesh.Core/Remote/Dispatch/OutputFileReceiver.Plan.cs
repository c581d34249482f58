using Mesh.Core.Tasks;

namespace Mesh.Core.Remote.Dispatch;

/// <content>Which manifest files are kept, and where; the directories on the way to each.</content>
internal sealed partial class OutputFileReceiver
{
    private List<Entry> Plan(IReadOnlyList<TaskOutputFile> manifest, RemoteAttemptOptions options)
    {
        var entries = new List<Entry>(manifest.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (manifest.Count > options.MaxOutputFiles && _root is not null)
        {
            _problems.Add($"the executor returned {manifest.Count} output files; only the first {options.MaxOutputFiles} were kept");
        }

        for (var i = 0; i < manifest.Count; i++)
        {
            var file = manifest[i];
            entries.Add(new Entry(file, Target(file, i, names, options)));
        }

        return entries;
    }

    private string? Target(TaskOutputFile file, int index, HashSet<string> names, RemoteAttemptOptions options)
    {
        // No output directory: nobody asked for the files; they are read and dropped without a word.
        if (_root is null || index >= options.MaxOutputFiles)
        {
            return null;
        }

        string? problem = null;
        if (TaskPaths.Problem(file.Name) is { } pathProblem)
        {
            problem = $"has an unsafe name ({pathProblem})";
        }
        else if (!names.Add(file.Name))
        {
            problem = "is named twice in the manifest";
        }
        else if (file.Size > options.MaxOutputFileBytes)
        {
            problem = $"is {file.Size} bytes, more than the {options.MaxOutputFileBytes} kept";
        }

        var target = problem is null ? Path.GetFullPath(Path.Combine(_root, file.Name)) : null;
        if (target is not null && !target.StartsWith(_root, StringComparison.Ordinal))
        {
            problem = "resolves outside the output directory";
            target = null;
        }

        if (problem is not null)
        {
            _problems.Add($"output file '{Printable(file.Name)}' was not returned: it {problem}");
        }

        return target;
    }

    /// <summary>Creates the directories between the output directory and a file, refusing any that is a symbolic link.</summary>
    /// <returns>The file's directory.</returns>
    private static string CreateDirectories(string root, string name)
    {
        Directory.CreateDirectory(root);
        var directory = root.TrimEnd('/');
        var segments = name.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            directory = Path.Combine(directory, segments[i]);
            var info = new DirectoryInfo(directory);
            if (info.LinkTarget is not null)
            {
                throw new IOException($"{directory} is a symbolic link");
            }

            Directory.CreateDirectory(directory);
        }

        return directory;
    }

    private static string Printable(string name)
    {
        var shown = name.Length > 80 ? name[..80] + "…" : name;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }

    /// <summary>A manifest file and where it goes; a null target drops its data.</summary>
    private sealed record Entry(TaskOutputFile File, string? Target);
}
