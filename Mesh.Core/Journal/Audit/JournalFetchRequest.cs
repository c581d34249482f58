namespace Mesh.Core.Journal.Audit;

/// <summary>A request of <c>/mesh/journal/1.0.0</c>: the entries from a height on, at most so many.</summary>
/// <param name="From">The first height asked for (1-based).</param>
/// <param name="Max">The most entries wanted (1 to 1024).</param>
public sealed record JournalFetchRequest(long From, int Max);
