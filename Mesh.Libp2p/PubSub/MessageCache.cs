namespace Mesh.Libp2p.PubSub;

/// <summary>
/// The gossipsub message cache (spec v1.0 "mcache"): messages of the last <c>length</c> heartbeats, answerable by
/// IWANT; the ids of the last <c>gossip</c> heartbeats are advertised by IHAVE. Not thread-safe (router lock).
/// </summary>
internal sealed class MessageCache(int length, int gossip)
{
    private readonly Dictionary<string, CachedMessage> _messages = new(StringComparer.Ordinal);
    private readonly LinkedList<List<string>> _windows = new([new List<string>()]);

    public int Count => _messages.Count;

    public void Put(string key, CachedMessage message)
    {
        if (_messages.TryAdd(key, message))
        {
            _windows.First!.Value.Add(key);
        }
    }

    public bool TryGet(string key, out CachedMessage? message) => _messages.TryGetValue(key, out message);

    /// <summary>The ids of <paramref name="topic"/>'s messages in the newest <c>gossip</c> windows.</summary>
    public List<byte[]> GetGossipIds(string topic)
    {
        var ids = new List<byte[]>();
        var window = _windows.First;
        for (var i = 0; i < gossip && window is not null; i++, window = window.Next)
        {
            foreach (var key in window.Value)
            {
                if (_messages.TryGetValue(key, out var message) && message.Topic == topic)
                {
                    ids.Add(message.Id);
                }
            }
        }

        return ids;
    }

    /// <summary>Starts a new window, dropping the oldest once there are <c>length</c>.</summary>
    public void Shift()
    {
        if (_windows.Count >= length)
        {
            foreach (var key in _windows.Last!.Value)
            {
                _messages.Remove(key);
            }

            _windows.RemoveLast();
        }

        _windows.AddFirst([]);
    }
}
