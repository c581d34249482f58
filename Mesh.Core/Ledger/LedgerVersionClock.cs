namespace Mesh.Core.Ledger;

/// <summary>
/// Entry versions: milliseconds since the Unix epoch at issue, strictly increasing within the process
/// (max(now, previous + 1)), so a restarted node's entries are newer than the ones it published before.
/// </summary>
internal sealed class LedgerVersionClock(TimeProvider time)
{
    private readonly Lock _gate = new();
    private ulong _last;

    /// <summary>The next version and the time it was issued.</summary>
    public (ulong Version, DateTimeOffset IssuedAt) Next()
    {
        // Whole milliseconds, as the wire carries them, so this node's own row equals what its peers decode.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var milliseconds = (ulong)Math.Max(0, now.ToUnixTimeMilliseconds());
        lock (_gate)
        {
            _last = Math.Max(milliseconds, _last + 1);
            return (_last, now);
        }
    }
}
