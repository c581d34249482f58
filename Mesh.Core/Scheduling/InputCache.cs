using System.Security.Cryptography;
using Mesh.Core.Control;
using Mesh.Core.Tasks;

namespace Mesh.Core.Scheduling;

/// <summary>
/// Input files by content: <c>CACHE/ab/abcdef…</c> named by SHA-256, stored once however many tasks use them, read-only
/// (tasks get hard links, so a task cannot change what another task reads).
/// </summary>
public sealed class InputCache
{
    private readonly string _root;
    private readonly long _maxFileBytes;

    /// <summary>Creates the cache over <paramref name="root"/> (made when absent).</summary>
    public InputCache(string root, long maxFileBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _root = root;
        _maxFileBytes = maxFileBytes;
        Directory.CreateDirectory(root);
    }

    /// <summary>The path of the content with this SHA-256 (which may not be cached).</summary>
    public string PathOf(string sha256) => Path.Combine(_root, sha256[..2], sha256);

    /// <summary>True when the content is cached.</summary>
    public bool Contains(string sha256) => File.Exists(PathOf(sha256));

    /// <summary>Hashes <paramref name="sourcePath"/> while copying it in (once per content) and describes it as the input <paramref name="name"/>.</summary>
    /// <exception cref="TaskRequestException">The file is too large or cannot be read.</exception>
    public async Task<TaskInputFile> AddAsync(string sourcePath, string name, CancellationToken cancellationToken = default)
    {
        var temporary = Path.Combine(_root, $".incoming-{Guid.NewGuid():N}");
        try
        {
            string sha256;
            long size;
            await using (var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            {
                if (source.Length > _maxFileBytes)
                {
                    throw new TaskRequestException($"input {sourcePath} is {source.Length} bytes; the most is {_maxFileBytes}");
                }

                await using var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                size = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    size += read;
                }

                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            var path = PathOf(sha256);
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                }

                // Atomic: a reader sees the whole content or none; a racing twin with the same content is harmless.
                File.Move(temporary, path, overwrite: true);
            }

            return new TaskInputFile(name, sha256, size);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TaskRequestException($"input {sourcePath} cannot be read: {e.Message}", e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>A fresh temporary path inside the cache root for an incoming content (write it, then <see cref="CommitIncomingAsync"/>).</summary>
    /// <remarks>In the cache root so the final move is a rename on the same file system (atomic).</remarks>
    public string NewIncomingPath() => Path.Combine(_root, $".incoming-{Guid.NewGuid():N}");

    /// <summary>
    /// Checks the content written at <paramref name="temporaryPath"/> against its declared size and SHA-256 and, when
    /// both match, moves it (read-only) to its place in the cache. The temporary file is gone afterwards either way.
    /// </summary>
    /// <returns>True when the content matched and is cached; false when its size or SHA-256 differ or it is over the size limit.</returns>
    public async Task<bool> CommitIncomingAsync(string temporaryPath, string sha256, long size, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(temporaryPath);
        ArgumentException.ThrowIfNullOrEmpty(sha256);
        try
        {
            var length = new FileInfo(temporaryPath).Length;
            if (length != size || size > _maxFileBytes || sha256.Length != 64)
            {
                return false;
            }

            string actual;
            await using (var content = new FileStream(temporaryPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            {
                actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false));
            }

            if (!string.Equals(actual, sha256, StringComparison.Ordinal))
            {
                return false;
            }

            var path = PathOf(sha256);
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(temporaryPath, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                }

                // Atomic: a reader sees the whole content or none; a racing twin with the same content is harmless.
                File.Move(temporaryPath, path, overwrite: true);
            }

            return true;
        }
        finally
        {
            File.Delete(temporaryPath);
        }
    }
}
