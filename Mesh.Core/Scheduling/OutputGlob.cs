namespace Mesh.Core.Scheduling;

/// <summary>
/// Matches a relative POSIX path against an output glob: <c>*</c> is any run of characters within one segment,
/// <c>?</c> one character, a <c>**</c> segment any number of segments (zero included). Case-sensitive, as the file system is.
/// </summary>
public static class OutputGlob
{
    /// <summary>True when <paramref name="path"/> matches <paramref name="glob"/>.</summary>
    public static bool IsMatch(string glob, string path)
    {
        ArgumentNullException.ThrowIfNull(glob);
        ArgumentNullException.ThrowIfNull(path);
        return MatchSegments(glob.Split('/'), 0, path.Split('/'), 0);
    }

    private static bool MatchSegments(string[] pattern, int p, string[] path, int s)
    {
        while (p < pattern.Length)
        {
            if (pattern[p] == "**")
            {
                for (var skip = s; skip <= path.Length; skip++)
                {
                    if (MatchSegments(pattern, p + 1, path, skip))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (s >= path.Length || !MatchSegment(pattern[p], 0, path[s], 0))
            {
                return false;
            }

            p++;
            s++;
        }

        return s == path.Length;
    }

    private static bool MatchSegment(string pattern, int p, string text, int t)
    {
        while (p < pattern.Length)
        {
            switch (pattern[p])
            {
                case '*':
                    for (var rest = t; rest <= text.Length; rest++)
                    {
                        if (MatchSegment(pattern, p + 1, text, rest))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (t >= text.Length)
                    {
                        return false;
                    }

                    break;
                default:
                    if (t >= text.Length || text[t] != pattern[p])
                    {
                        return false;
                    }

                    break;
            }

            p++;
            t++;
        }

        return t == text.Length;
    }
}
