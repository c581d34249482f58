using System.Buffers.Binary;

namespace Mesh.Core.Journal;

internal sealed partial class JournalStore
{
    /// <summary>
    /// Reads the frames of the live file as they are on disk now, for a check: whole frames as they are; a frame with an
    /// impossible length or cut short is handed over as the rest of the file (or as empty bytes), which does not decode,
    /// and ends the sequence. Reads with its own handle, so it may run beside appends.
    /// </summary>
    public IEnumerable<ReadOnlyMemory<byte>> ReadFromDisk()
    {
        long end;
        lock (_sync)
        {
            end = _end;
        }

        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 64 * 1024);
        end = Math.Min(end, stream.Length);
        var header = new byte[HeaderLength];
        long position = 0;
        while (position < end)
        {
            var left = end - position;
            var length = left < HeaderLength ? -1L : ReadHeader(stream, header);
            if (length <= 0 || length > _maxEntryBytes || length > left - HeaderLength)
            {
                // A bad frame: everything from its header on stands as one unreadable entry at this position.
                stream.Position = position;
                var rest = new byte[Math.Min(left, _maxEntryBytes + HeaderLength)];
                stream.ReadExactly(rest);
                yield return rest;
                yield break;
            }

            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            yield return bytes;
            position += HeaderLength + length;
        }
    }

    private static uint ReadHeader(Stream stream, byte[] header)
    {
        stream.ReadExactly(header);
        return BinaryPrimitives.ReadUInt32BigEndian(header);
    }

    /// <summary>Indexes the whole frames; saves and cuts a torn or damaged tail (docs/protocol.md, "Journal", the file).</summary>
    private void Scan(TimeProvider time, Action<long, byte[]> onEntry)
    {
        var length = _file.Length;
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 64 * 1024);
        var header = new byte[HeaderLength];
        long position = 0;
        while (position < length)
        {
            var left = length - position;
            if (left < HeaderLength)
            {
                Cut(position, length, time, frameLength: null);
                return;
            }

            var frameLength = ReadHeader(stream, header);
            if (frameLength == 0 || frameLength > _maxEntryBytes)
            {
                Cut(position, length, time, frameLength);
                return;
            }

            if (frameLength > left - HeaderLength)
            {
                Cut(position, length, time, frameLength: null);
                return;
            }

            var bytes = new byte[frameLength];
            stream.ReadExactly(bytes);
            _offsets.Add(position);
            onEntry(_offsets.Count, bytes);
            position += HeaderLength + frameLength;
        }

        _end = length;
    }

    /// <summary>
    /// Saves the bytes from <paramref name="position"/> to the end in <c>journal.log.torn-UNIXMS</c>, then truncates the
    /// live file there (a torn write when <paramref name="frameLength"/> is null, else damage).
    /// </summary>
    private void Cut(long position, long length, TimeProvider time, long? frameLength)
    {
        var evidence = EvidencePath(time);
        using (var output = new FileStream(evidence, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        using (var input = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            input.Position = position;
            input.CopyTo(output);
            output.Flush(flushToDisk: true);
        }

        _file.SetLength(position);
        _file.Flush(flushToDisk: true);
        _end = position;
        if (frameLength is { } claimed)
        {
            _logger.Damaged(_path, position, claimed, _maxEntryBytes, length - position, evidence);
        }
        else
        {
            _logger.TornTail(_path, position, length - position, evidence);
        }
    }

    private string EvidencePath(TimeProvider time)
    {
        var stem = $"{_path}.torn-{time.GetUtcNow().ToUnixTimeMilliseconds()}";
        var candidate = stem;
        for (var i = 1; File.Exists(candidate); i++)
        {
            candidate = $"{stem}-{i}";
        }

        return candidate;
    }
}
