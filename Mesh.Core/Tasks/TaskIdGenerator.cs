using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Mesh.Core.Tasks;

/// <summary>
/// Makes <see cref="TaskId"/>s that are unique and strictly increasing from one generator: within one millisecond (or
/// when the clock steps back) the next id is the previous one plus one, so a batch of 10,000 array tasks keeps its order.
/// Thread-safe.
/// </summary>
public sealed class TaskIdGenerator
{
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private TaskId _last;

    /// <summary>Creates a generator reading the time from <paramref name="time"/>.</summary>
    public TaskIdGenerator(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>The next id.</summary>
    public TaskId Next()
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        var milliseconds = (ulong)Math.Max(0, _time.GetUtcNow().ToUnixTimeMilliseconds()) & 0xFFFF_FFFF_FFFF;
        var candidate = new TaskId((milliseconds << 16) | BinaryPrimitives.ReadUInt16BigEndian(random), BinaryPrimitives.ReadUInt64BigEndian(random[2..]));
        lock (_lock)
        {
            if (candidate <= _last)
            {
                // Monotonic: same millisecond or a clock step back continues from the last id (the ULID rule).
                candidate = _last.Low == ulong.MaxValue ? new TaskId(_last.High + 1, 0) : new TaskId(_last.High, _last.Low + 1);
            }

            _last = candidate;
            return candidate;
        }
    }
}
