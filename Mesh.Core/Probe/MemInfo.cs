namespace Mesh.Core.Probe;

/// <summary>The two lines of <c>/proc/meminfo</c> the probe needs, in bytes.</summary>
/// <param name="Total">MemTotal.</param>
/// <param name="Available">MemAvailable (what can be given to new work without swapping).</param>
public readonly record struct MemInfo(long Total, long Available)
{
    /// <summary>Memory in use by everything: total minus available, never negative.</summary>
    public long Used => Math.Max(0, Total - Available);
}
