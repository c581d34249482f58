using Mesh.Core.Tasks;

namespace Mesh.Core.Remote.Guests;

/// <summary>
/// The on-disk layout of guest attempts: <c>WORK/ORIGIN/TASK.ATTEMPT/</c> holds an attempt's returned output files
/// until its origin acknowledges the result. The origin folders double as the durable list of origins this node may
/// owe results to (the <see cref="ExecutorResultStore"/> can only be asked per origin), so a restarted node knows
/// whom to visit: the simplest durable index, with no change to the result store.
/// </summary>
internal sealed class GuestResultFolders(string root)
{
    /// <summary>True when <paramref name="origin"/> can name a folder: a peer id in base58 is letters and digits only.</summary>
    public static bool IsSafeOrigin(string origin) =>
        origin.Length is > 0 and <= 128 && origin.All(char.IsAsciiLetterOrDigit);

    /// <summary>The folder of one attempt.</summary>
    public string AttemptFolder(string origin, TaskId task, AttemptId attempt) =>
        Path.Combine(root, origin, $"{task}.{attempt}");

    /// <summary>The origins that have a folder (possibly owed results).</summary>
    public IReadOnlyList<string> Origins()
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>().Where(IsSafeOrigin)];
    }

    /// <summary>Removes the attempt folders of <paramref name="origin"/> that hold no pending result, and the origin's folder when empty.</summary>
    public void Prune(string origin, IReadOnlyCollection<PendingResult> pending)
    {
        var keep = pending.Select(result => $"{result.TaskId}.{result.Attempt}").ToHashSet(StringComparer.Ordinal);
        var folder = Path.Combine(root, origin);
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var attempt in Directory.EnumerateDirectories(folder))
        {
            if (!keep.Contains(Path.GetFileName(attempt)))
            {
                Delete(attempt);
            }
        }

        DeleteIfEmpty(folder);
    }

    /// <summary>Deletes an attempt folder and then its origin folder when that is empty.</summary>
    public static void DeleteAttempt(string attemptFolder)
    {
        Delete(attemptFolder);
        if (Path.GetDirectoryName(attemptFolder) is { } originFolder)
        {
            DeleteIfEmpty(originFolder);
        }
    }

    /// <summary>Deletes a folder and what it holds; true when it is gone.</summary>
    public static bool Delete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void DeleteIfEmpty(string folder)
    {
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another attempt of the same origin made its folder meanwhile: keep it.
        }
    }
}
