namespace Mesh.Core.Policy;

/// <summary>The persisted state of a <see cref="DailyProfileForecaster"/>.</summary>
/// <param name="Level">The deseasonalised level.</param>
/// <param name="HasLevel">Whether any bucket was observed.</param>
/// <param name="Profile">The offset of each bucket of the day from the level.</param>
/// <param name="Seen">How many times each bucket was observed.</param>
public sealed record ForecasterState(double Level, bool HasLevel, double[] Profile, int[] Seen);
