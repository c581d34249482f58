using System.Buffers.Binary;
using Microsoft.Extensions.Logging;

namespace Mesh.Core.Journal;

/// <summary>
/// The journal file (docs/protocol.md, "Journal", the file): frames of a 4-byte big-endian length (1 to the maximum)
/// and the entry's bytes, appended and fsynced. It keeps only each frame's offset in memory and reads entries back from
/// the file. On open an incomplete last frame (a torn write) or a frame with an impossible length (damage) is saved to
/// an evidence file and cut off. Appends must not run concurrently (the caller serialises them); reads may run at any
/// time.
/// </summary>
internal sealed partial class JournalStore : IDisposable
{
    /// <summary>The length of a frame header.</summary>
    public const int HeaderLength = 4;

    private readonly Lock _sync = new();
    private readonly List<long> _offsets = [];
    private readonly FileStream _file;
    private readonly string _path;
    private readonly int _maxEntryBytes;
    private readonly ILogger _logger;
    private long _end;

    private JournalStore(FileStream file, string path, int maxEntryBytes, ILogger logger)
    {
        _file = file;
        _path = path;
        _maxEntryBytes = maxEntryBytes;
        _logger = logger;
    }

    /// <summary>How many frames the file holds.</summary>
    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _offsets.Count;
            }
        }
    }

    /// <summary>
    /// Opens (or creates) the file, cuts a torn or damaged tail off, and hands each whole frame's bytes, in order, to
    /// <paramref name="onEntry"/> (with its position, counting from 1).
    /// </summary>
    public static JournalStore Open(string path, int maxEntryBytes, TimeProvider time, ILogger logger, Action<long, byte[]> onEntry)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(onEntry);
        var fullPath = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        // Unbuffered: every append goes straight to the file and is fsynced; FileShare.Read keeps a second writer out.
        var file = new FileStream(fullPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        var store = new JournalStore(file, fullPath, maxEntryBytes, logger);
        try
        {
            store.Scan(time, onEntry);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Appends one frame and fsyncs before returning. On failure the file is cut back to where it ended.</summary>
    public void Append(ReadOnlySpan<byte> entry)
    {
        if (entry.Length is 0 || entry.Length > _maxEntryBytes)
        {
            throw new ArgumentException($"An entry is {entry.Length} bytes (1 to {_maxEntryBytes}).", nameof(entry));
        }

        var frame = new byte[HeaderLength + entry.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, entry.Length);
        entry.CopyTo(frame.AsSpan(HeaderLength));
        var offset = _end;
        try
        {
            _file.Position = offset;
            _file.Write(frame);
            _file.Flush(flushToDisk: true);
        }
        catch (IOException)
        {
            Rollback(offset);
            throw;
        }

        lock (_sync)
        {
            _offsets.Add(offset);
            _end = offset + frame.Length;
        }
    }

    /// <summary>The bytes of the entry at <paramref name="position"/> (from 1), read from the file.</summary>
    public byte[] Read(long position)
    {
        long offset;
        long next;
        lock (_sync)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(position, _offsets.Count);
            offset = _offsets[(int)(position - 1)];
            next = position < _offsets.Count ? _offsets[(int)position] : _end;
        }

        var bytes = new byte[next - offset - HeaderLength];
        ReadExactly(offset + HeaderLength, bytes);
        return bytes;
    }

    /// <inheritdoc/>
    public void Dispose() => _file.Dispose();

    private void ReadExactly(long offset, Span<byte> buffer)
    {
        // Positional reads (pread): they never move the append position and may run beside an append.
        while (!buffer.IsEmpty)
        {
            var read = RandomAccess.Read(_file.SafeFileHandle, buffer, offset);
            if (read == 0)
            {
                throw new IOException($"Journal {_path} ends at byte {offset}, inside a frame it had read before: was the file changed?");
            }

            offset += read;
            buffer = buffer[read..];
        }
    }

    private void Rollback(long offset)
    {
        try
        {
            _file.SetLength(offset);
            _file.Flush(flushToDisk: true);
        }
        catch (IOException ex)
        {
            _logger.RollbackFailed(_path, offset, ex);
        }
    }
}
