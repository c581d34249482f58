using System.Text.Json;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Journal.Audit;

/// <content>
/// The verified heads across restarts (<see cref="JournalWatchOptions.StatePath"/>): loaded when the watch is made,
/// saved by its loop whenever one changed, and once more on dispose. A fork is not saved: the verified head is, and a
/// peer whose history was rewritten contradicts it again after the restart.
/// </content>
public sealed partial class JournalWatch
{
    private const int MaxStateBytes = 16 * 1024 * 1024;
    private bool _dirty;

    private void LoadState()
    {
        if (_options.StatePath is not { } path || !File.Exists(path))
        {
            return;
        }

        try
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length > MaxStateBytes)
            {
                LogStateUnreadable(_logger, path, $"{bytes.Length} bytes, more than {MaxStateBytes}");
                return;
            }

            using var document = JsonDocument.Parse(bytes);
            foreach (var row in document.RootElement.GetProperty("peers").EnumerateArray())
            {
                if (_peers.Count >= _options.MaxPeers)
                {
                    break;
                }

                if (ReadRow(row) is ({ } peer, { } head))
                {
                    _peers[peer] = new PeerRecord(head);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // A damaged file costs only what it remembered: the watch starts from the heads announced from now on.
            _peers.Clear();
            LogStateUnreadable(_logger, path, ex.Message);
        }
    }

    /// <summary>One saved head; a row that is not one is skipped, the others still count.</summary>
    private static (PeerId? Peer, JournalHead? Head) ReadRow(JsonElement row)
    {
        var hash = new byte[JournalHead.HashLength];
        var hex = row.GetProperty("head").GetString() ?? string.Empty;
        var height = row.GetProperty("height").GetInt64();
        return PeerId.TryParse(row.GetProperty("peer").GetString(), out var peer)
            && hex.Length == 2 * JournalHead.HashLength
            && Convert.FromHexString(hex, hash, out _, out _) == System.Buffers.OperationStatus.Done
            && height >= 0
            ? (peer, new JournalHead(height, hash))
            : (null, null);
    }

    /// <summary>Marks the verified heads as changed; the loop saves them. Called under the lock.</summary>
    private void StateChanged() => _dirty = _options.StatePath is not null;

    /// <summary>Writes the verified heads when they changed since the last save (to a temporary file, then renamed).</summary>
    private void SaveStateIfChanged()
    {
        if (_options.StatePath is not { } path)
        {
            return;
        }

        List<(PeerId Peer, JournalHead Head)> rows;
        lock (_gate)
        {
            if (!_dirty)
            {
                return;
            }

            _dirty = false;
            rows = [.. _peers.Select(p => (p.Key, p.Value.Verified))];
        }

        var temporary = path + ".tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var writer = new Utf8JsonWriter(file))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("peers");
                foreach (var (peer, head) in rows)
                {
                    writer.WriteStartObject();
                    writer.WriteString("peer", peer.ToString());
                    writer.WriteNumber("height", head.Height);
                    writer.WriteString("head", head.HashHex);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.Flush();
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (_gate)
            {
                _dirty = true;
            }

            LogStateNotSaved(_logger, path, ex.Message);
        }
    }
}
