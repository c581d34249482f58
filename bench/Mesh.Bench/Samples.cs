namespace Mesh.Bench;

/// <summary>Summaries of timing samples.</summary>
public static class Samples
{
    /// <summary>The value at quantile <paramref name="q"/> (nearest rank).</summary>
    public static double Quantile(IReadOnlyList<double> samples, double q)
    {
        var sorted = samples.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(q * sorted.Length))];
    }
}
