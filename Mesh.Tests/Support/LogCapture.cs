using System.Collections.Concurrent;

namespace Mesh.Tests;

/// <summary>Recent log lines of the code under test, so hostile-peer tests can check the logged reason.</summary>
internal static class LogCapture
{
    private static readonly ConcurrentQueue<(long Sequence, string Line)> Lines = new();
    private static long _sequence;

    /// <summary>A mark: lines logged after it are newer than everything before.</summary>
    public static long Mark() => Interlocked.Read(ref _sequence);

    public static void Add(string line)
    {
        Lines.Enqueue((Interlocked.Increment(ref _sequence), line));
        while (Lines.Count > 5000 && Lines.TryDequeue(out _))
        {
        }
    }

    /// <summary>Lines logged after <paramref name="mark"/> that contain <paramref name="fragment"/>.</summary>
    public static IReadOnlyList<string> Since(long mark, string fragment) =>
        Lines.Where(l => l.Sequence > mark && l.Line.Contains(fragment, StringComparison.Ordinal)).Select(l => l.Line).ToArray();

    /// <summary>Waits until a line containing all of <paramref name="fragments"/> is logged.</summary>
    public static async Task<string?> WaitForAsync(TimeSpan timeout, params string[] fragments)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var hit = Lines.FirstOrDefault(l => fragments.All(f => l.Line.Contains(f, StringComparison.OrdinalIgnoreCase))).Line;
            if (hit is not null)
            {
                return hit;
            }

            await Task.Delay(20);
        }

        return null;
    }
}
