using System.Security.Cryptography;
using Mesh.Libp2p.Protobuf;

namespace Mesh.Libp2p.Identity;

/// <summary>
/// Keeps a node's identity in a file holding the raw libp2p <c>PrivateKey</c> protobuf (wire notes §3.1), the same
/// bytes js and go libp2p write for an identity. Files are written atomically (temporary file, then rename) with
/// Unix mode 0600 from the moment they exist, in a directory created 0700 when missing. An unusable file is
/// reported with <see cref="IdentityKeyFileException"/> and never replaced.
/// </summary>
public static class IdentityKeyFile
{
    /// <summary>The largest file read (4096 bytes). An Ed25519 key file is 68 bytes; an RSA one stays under 3 KiB.</summary>
    public const int MaxFileLength = 4096;

    private const UnixFileMode FileMode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Loads the identity at <paramref name="path"/>, or, when there is no file, generates one and saves it.
    /// If another process creates the file at the same moment, its key is loaded instead of being overwritten.
    /// </summary>
    /// <param name="path">The key file.</param>
    /// <param name="created">True when a new identity was generated and written.</param>
    /// <exception cref="IdentityKeyFileException">The file exists but is not a usable identity, or cannot be written.</exception>
    public static IdentityKey LoadOrCreate(string path, out bool created)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            var key = IdentityKey.Generate();
            if (TryWrite(key, fullPath, overwrite: false))
            {
                created = true;
                return key;
            }
        }

        created = false;
        return Load(fullPath);
    }

    /// <summary>Loads the identity at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="DirectoryNotFoundException">There is no such directory.</exception>
    /// <exception cref="IdentityKeyFileException">The file is too large, corrupt, or not an Ed25519 private key.</exception>
    public static IdentityKey Load(string path)
    {
        var bytes = ReadBounded(path);
        try
        {
            return Decode(bytes, path);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Writes <paramref name="key"/> to <paramref name="path"/> atomically, mode 0600.</summary>
    /// <param name="key">The identity.</param>
    /// <param name="path">The key file; its directory is created (0700) when missing.</param>
    /// <param name="overwrite">Whether to replace an existing file; when false an existing file is an error.</param>
    /// <exception cref="IdentityKeyFileException">The file exists and <paramref name="overwrite"/> is false, or it cannot be written.</exception>
    public static void Save(IdentityKey key, string path, bool overwrite = false)
    {
        var fullPath = Path.GetFullPath(path);
        if ((!overwrite && File.Exists(fullPath)) || !TryWrite(key, fullPath, overwrite))
        {
            throw new IdentityKeyFileException(path, "already exists and was not overwritten");
        }
    }

    private static byte[] ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > MaxFileLength)
        {
            throw new IdentityKeyFileException(path, $"is {stream.Length} bytes long; a private key file is at most {MaxFileLength}");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static IdentityKey Decode(ReadOnlySpan<byte> bytes, string path)
    {
        if (IdentityKey.TryParsePrivateKeyProtobuf(bytes, out var key))
        {
            return key!;
        }

        // Only diagnosis from here on: say what is wrong so the operator can tell damage from a foreign key type.
        if (bytes.IsEmpty)
        {
            throw new IdentityKeyFileException(path, "is empty");
        }

        if (!TryReadKeyType(bytes, out var type))
        {
            throw new IdentityKeyFileException(path, "is not a libp2p private key protobuf (corrupt or not a key file)");
        }

        if (type != (ulong)KeyType.Ed25519)
        {
            var name = Enum.IsDefined((KeyType)type) ? ((KeyType)type).ToString() : $"type {type}";
            throw new IdentityKeyFileException(path, $"holds a {name} key; only Ed25519 identities are supported");
        }

        throw new IdentityKeyFileException(path, "holds a malformed Ed25519 key (expected seed ‖ public key, 64 bytes, with the public half matching the seed)");
    }

    private static bool TryReadKeyType(ReadOnlySpan<byte> protobuf, out ulong type)
    {
        type = ulong.MaxValue;
        var sawData = false;
        var reader = new ProtoReader(protobuf);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wire))
            {
                return false;
            }

            if (field == 1 && wire == WireType.Varint)
            {
                if (!reader.TryReadVarint(out type))
                {
                    return false;
                }
            }
            else if (field == 2 && wire == WireType.LengthDelimited)
            {
                if (!reader.TryReadBytes(out _))
                {
                    return false;
                }

                sawData = true;
            }
            else if (!reader.TrySkip(wire))
            {
                return false;
            }
        }

        return sawData && type != ulong.MaxValue;
    }

    // Writes a temporary file beside the target and renames it into place, so a crash leaves either no file or a
    // whole one. False when the target exists and overwrite is false (the rename refuses to replace it).
    private static bool TryWrite(IdentityKey key, string fullPath, bool overwrite)
    {
        var directory = Path.GetDirectoryName(fullPath)!;
        CreateDirectory(directory, fullPath);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        var bytes = key.ToPrivateKeyProtobuf();
        try
        {
            WriteNewFile(temporary, bytes);
            File.Move(temporary, fullPath, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(fullPath))
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IdentityKeyFileException(fullPath, $"could not be written: {e.Message}", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            TryDelete(temporary);
        }
    }

    private static void WriteNewFile(string path, byte[] bytes)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };

        // The mode is given at creation, so the key is never readable by others, not even for a moment.
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode0600;
        }

        using var stream = new FileStream(path, options);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    private static void CreateDirectory(string directory, string fullPath)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, DirectoryMode0700);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IdentityKeyFileException(fullPath, $"could not be written: its directory could not be created ({e.Message})", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stray temporary file is harmless; the original error, if any, is the one worth reporting.
        }
    }
}
