using System.Security.Cryptography;

namespace Mesh.Libp2p.Pnet;

/// <summary>Reading and creating <c>swarm.key</c> files.</summary>
public sealed partial class PreSharedKey
{
    /// <summary>Reads a <c>swarm.key</c> file.</summary>
    /// <exception cref="SwarmKeyFileException">The file does not hold a valid key.</exception>
    public static PreSharedKey Load(string path)
    {
        var content = File.ReadAllBytes(path);
        return TryParse(content, out var key, out var error) ? key! : throw new SwarmKeyFileException(path, error!);
    }

    /// <summary>
    /// Reads the key at <paramref name="path"/>, or, when there is no file, generates one and writes it there:
    /// owner read/write only (0600 on Unix), written to a temporary file first and renamed into place, so a
    /// reader never sees half a key. If another process creates the file first, its key is used.
    /// </summary>
    /// <param name="path">The <c>swarm.key</c> path; missing directories are created.</param>
    /// <param name="created">True when this call wrote a new key.</param>
    /// <exception cref="SwarmKeyFileException">The existing file does not hold a valid key.</exception>
    public static PreSharedKey LoadOrCreate(string path, out bool created)
    {
        created = false;
        if (File.Exists(path))
        {
            return Load(path);
        }

        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var key = Generate();
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            WriteOwnerOnly(temporary, System.Text.Encoding.ASCII.GetBytes(key.ToSwarmKeyText()));
            try
            {
                File.Move(temporary, fullPath, overwrite: false);
            }
            catch (IOException) when (File.Exists(fullPath))
            {
                // Lost a race with another process creating the same file: both must use one key.
                return Load(fullPath);
            }

            created = true;
            return key;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void WriteOwnerOnly(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }
}
