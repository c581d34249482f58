using System.Collections.Concurrent;

namespace Mesh.Tests;

/// <summary>Recent log lines of the code under test, so hostile-peer tests can check the logged reason.</summary>
internal static class LogCapture
{
    private static readonly ConcurrentQueue<(int EventId, string Line)> Lines = new();

    public static void Add(int eventId, string line)
    {
        Lines.Enqueue((eventId, line));
        while (Lines.Count > 5000 && Lines.TryDequeue(out _))
        {
        }
    }

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
