using System.Security.Cryptography;
using Mesh.Core.Tasks;

namespace Mesh.Core.Scheduling;

/// <summary>
/// Copies the files of a finished attempt that match its output globs to the output directory, with their SHA-256.
/// Only regular files inside the working directory count: symbolic links (which could point anywhere) and anything
/// resolving outside it are skipped.
/// </summary>
public static class OutputCollector
{
    /// <summary>The files copied, by path relative to the working directory, in path order.</summary>
    /// <exception cref="IOException">A file cannot be copied.</exception>
    public static async Task<IReadOnlyList<TaskOutputFile>> CollectAsync(
        string workingDirectory, IReadOnlyList<string> globs, string outputDirectory, int maxFiles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(globs);
        if (globs.Count == 0 || !Directory.Exists(workingDirectory))
        {
            return [];
        }

        var root = Path.GetFullPath(workingDirectory).TrimEnd('/') + "/";
        var outputRoot = Path.GetFullPath(outputDirectory).TrimEnd('/') + "/";
        var matches = new List<string>();
        var walk = new Stack<DirectoryInfo>();
        walk.Push(new DirectoryInfo(root));
        while (walk.Count > 0 && matches.Count < maxFiles)
        {
            foreach (var entry in walk.Pop().EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null)
                {
                    continue;
                }

                if (entry is DirectoryInfo directory)
                {
                    walk.Push(directory);
                    continue;
                }

                var full = Path.GetFullPath(entry.FullName);
                if (!full.StartsWith(root, StringComparison.Ordinal))
                {
                    continue;
                }

                var relative = full[root.Length..];
                if (globs.Any(glob => OutputGlob.IsMatch(glob, relative)) && matches.Count < maxFiles)
                {
                    matches.Add(relative);
                }
            }
        }

        matches.Sort(StringComparer.Ordinal);
        var files = new List<TaskOutputFile>(matches.Count);
        foreach (var relative in matches)
        {
            var target = Path.GetFullPath(Path.Combine(outputRoot, relative));
            if (!target.StartsWith(outputRoot, StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            files.Add(await CopyAsync(Path.Combine(root, relative), target, relative, cancellationToken).ConfigureAwait(false));
        }

        return files;
    }

    private static async Task<TaskOutputFile> CopyAsync(string source, string target, string name, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            size += read;
        }

        return new TaskOutputFile(name, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }
}
