namespace Mesh.Core.Policy;

/// <summary>The predictive policy's history file (<c>DATA_DIR/usage-history.json</c>).</summary>
/// <param name="Version">The file format version (<see cref="CurrentVersion"/>).</param>
/// <param name="BucketMinutes">The bucket width the profile was built with (a different width starts afresh).</param>
/// <param name="Cpu">The CPU forecaster (cores).</param>
/// <param name="Memory">The memory forecaster (bytes).</param>
/// <param name="SavedAt">When it was written.</param>
public sealed record UsageHistoryDocument(int Version, double BucketMinutes, ForecasterState? Cpu, ForecasterState? Memory, DateTimeOffset SavedAt)
{
    /// <summary>The format this code writes.</summary>
    public const int CurrentVersion = 1;
}
