namespace Mesh.Libp2p.PubSub;

/// <summary>Message ids seen within a TTL, to drop duplicates (spec: seen_ttl). Not thread-safe (router lock).</summary>
internal sealed class SeenCache(TimeSpan ttl)
{
    private readonly Dictionary<string, DateTimeOffset> _expiry = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset Expiry)> _order = new();

    public int Count => _expiry.Count;

    public bool Contains(string key) => _expiry.ContainsKey(key);

    /// <summary>Adds <paramref name="key"/>; false when it was already seen.</summary>
    public bool TryAdd(string key, DateTimeOffset now)
    {
        var expiry = now + ttl;
        if (!_expiry.TryAdd(key, expiry))
        {
            return false;
        }

        _order.Enqueue((key, expiry));
        return true;
    }

    public void Prune(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && oldest.Expiry <= now)
        {
            _order.Dequeue();
            _expiry.Remove(oldest.Key);
        }
    }
}
