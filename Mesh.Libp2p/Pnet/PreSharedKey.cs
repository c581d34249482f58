using System.Security.Cryptography;

namespace Mesh.Libp2p.Pnet;

/// <summary>
/// A private-network key (libp2p pnet PSK v1), stored as a <c>swarm.key</c> file:
/// <c>/key/swarm/psk/1.0.0/</c>, an encoding line (<c>/base16/</c>, also <c>/base64/</c> or <c>/bin/</c>), then 32 bytes.
/// </summary>
public sealed class PreSharedKey
{
    /// <summary>The key length the spec fixes.</summary>
    public const int KeyLength = 32;

    private const string Header = "/key/swarm/psk/1.0.0/";
    private const int MaxFileLength = 4096;
    private readonly byte[] _key;

    private PreSharedKey(byte[] key)
    {
        _key = key;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
    }

    /// <summary>The key bytes.</summary>
    public ReadOnlySpan<byte> Key => _key;

    /// <summary>A short hex digest of the key, safe to print: it tells keys apart without revealing them.</summary>
    public string Fingerprint { get; }

    /// <summary>Makes a new random key.</summary>
    public static PreSharedKey Generate() => new(RandomNumberGenerator.GetBytes(KeyLength));

    /// <summary>Wraps 32 key bytes.</summary>
    public static PreSharedKey FromBytes(ReadOnlySpan<byte> key) => key.Length == KeyLength
        ? new PreSharedKey(key.ToArray())
        : throw new ArgumentException($"A pnet key is {KeyLength} bytes, not {key.Length}.", nameof(key));

    /// <summary>Parses the text of a <c>swarm.key</c> file.</summary>
    public static bool TryParse(string text, out PreSharedKey? key, out string? error)
    {
        key = null;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length < 3 || lines[0].Trim() != Header)
        {
            error = $"the first line must be {Header}";
            return false;
        }

        var encoding = lines[1].Trim();
        var body = lines[2].Trim();
        byte[] bytes;
        try
        {
            bytes = encoding switch
            {
                "/base16/" => Convert.FromHexString(body),
                "/base64/" => Convert.FromBase64String(body),
                "/bin/" => System.Text.Encoding.Latin1.GetBytes(string.Join('\n', lines[2..])),
                _ => throw new FormatException($"unknown encoding line '{encoding}' (expected /base16/, /base64/ or /bin/)"),
            };
        }
        catch (FormatException ex)
        {
            error = ex.Message.StartsWith("unknown", StringComparison.Ordinal) ? ex.Message : $"the key is not valid {encoding.Trim('/')}";
            return false;
        }

        if (bytes.Length != KeyLength)
        {
            error = $"the key is {bytes.Length} bytes; it must be {KeyLength}";
            return false;
        }

        error = null;
        key = new PreSharedKey(bytes);
        return true;
    }

    /// <summary>Parses the text of a <c>swarm.key</c> file, throwing <see cref="FormatException"/> if it is not one.</summary>
    public static PreSharedKey Parse(string text) =>
        TryParse(text, out var key, out var error) ? key! : throw new FormatException($"Not a swarm.key: {error}.");

    /// <summary>The <c>swarm.key</c> text: header, <c>/base16/</c>, lower-case hex.</summary>
    public string ToSwarmKeyText() => $"{Header}\n/base16/\n{Convert.ToHexStringLower(_key)}\n";

    /// <summary>Reads a <c>swarm.key</c> file.</summary>
    /// <exception cref="PreSharedKeyFileException">The file is missing, too large, or not a swarm.key.</exception>
    public static PreSharedKey Load(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new PreSharedKeyFileException(path, "does not exist");
            }

            if (info.Length > MaxFileLength)
            {
                throw new PreSharedKeyFileException(path, $"is {info.Length} bytes; a swarm.key is under {MaxFileLength}");
            }

            return TryParse(File.ReadAllText(path), out var key, out var error)
                ? key!
                : throw new PreSharedKeyFileException(path, $"is not a swarm.key: {error}");
        }
        catch (IOException ex)
        {
            throw new PreSharedKeyFileException(path, ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new PreSharedKeyFileException(path, ex.Message);
        }
    }

    /// <summary>Loads the key at <paramref name="path"/>, or makes one there (mode 0600, written atomically) if none exists.</summary>
    /// <exception cref="PreSharedKeyFileException">The file exists but is not a valid key, or cannot be written.</exception>
    public static PreSharedKey LoadOrCreate(string path, out bool created)
    {
        created = false;
        if (File.Exists(path))
        {
            return Load(path);
        }

        var key = Generate();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(temporary, options))
            {
                file.Write(System.Text.Encoding.ASCII.GetBytes(key.ToSwarmKeyText()));
                file.Flush(flushToDisk: true);
            }

            // A concurrent first start may have made the key already: keep theirs, so both processes agree.
            try
            {
                File.Move(temporary, path, overwrite: false);
                created = true;
                return key;
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
                return Load(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new PreSharedKeyFileException(path, $"could not be written: {ex.Message}");
        }
    }
}
