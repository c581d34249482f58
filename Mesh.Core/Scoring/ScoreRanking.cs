namespace Mesh.Core.Scoring;

/// <summary>Ranks peers by performance score (FIG 9, 907-908): 1 is the fastest.</summary>
public static class ScoreRanking
{
    /// <summary>
    /// The rank of each score, in the same order: 1 for the highest, equal scores share a rank and the next rank
    /// skips (1, 2, 2, 4); unmeasured scores (zero, negative or not a number) come last and share the rank after every measured one.
    /// </summary>
    public static int[] Rank(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var ranks = new int[scores.Count];
        var measured = scores.Where(IsMeasured).ToArray();
        for (var i = 0; i < scores.Count; i++)
        {
            var score = scores[i];
            ranks[i] = IsMeasured(score) ? 1 + measured.Count(other => other > score) : measured.Length + 1;
        }

        return ranks;
    }

    private static bool IsMeasured(double score) => score > 0 && double.IsFinite(score);
}
