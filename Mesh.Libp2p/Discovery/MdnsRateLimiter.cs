namespace Mesh.Libp2p.Discovery;

/// <summary>Allows at most a number of events per sliding window of time.</summary>
internal sealed class MdnsRateLimiter(int limit, TimeSpan window, TimeProvider time)
{
    private readonly Queue<long> _recent = new();
    private readonly Lock _gate = new();

    /// <summary>True (and the event is counted) if one more event fits in the window now.</summary>
    public bool TryAcquire()
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            while (_recent.Count > 0 && time.GetElapsedTime(_recent.Peek(), now) >= window)
            {
                _recent.Dequeue();
            }

            if (_recent.Count >= limit)
            {
                return false;
            }

            _recent.Enqueue(now);
            return true;
        }
    }
}
