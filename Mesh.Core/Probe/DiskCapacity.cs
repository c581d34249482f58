namespace Mesh.Core.Probe;

/// <summary>The size of the filesystem a directory is on.</summary>
internal static class DiskCapacity
{
    /// <summary>Total bytes of the filesystem holding <paramref name="directory"/> (or its nearest existing ancestor).</summary>
    /// <exception cref="IOException">The filesystem cannot be read.</exception>
    public static long TotalBytes(string directory)
    {
        var path = Path.GetFullPath(directory);
        while (!Directory.Exists(path))
        {
            path = Path.GetDirectoryName(path) ?? throw new IOException($"no existing directory above '{directory}'");
        }

        try
        {
            // On Unix DriveInfo takes any path and asks statvfs about the filesystem it is on.
            return new DriveInfo(path).TotalSize;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or ArgumentException or DriveNotFoundException)
        {
            throw new IOException($"cannot read the size of the filesystem of '{path}': {ex.Message}", ex);
        }
    }
}
