namespace Mesh.Tests.Fuzz;

/// <summary>The saved fuzz inputs: seed corpora (<c>fuzz/corpus/TARGET/</c>) and crash reproducers (<c>fuzz/regressions/TARGET/</c>).</summary>
internal static class FuzzInputFiles
{
    /// <summary>The fuzz folder of the repository.</summary>
    public static string FuzzDirectory => Path.Combine(RepositoryPaths.Root, "fuzz");

    /// <summary>The target folders of <c>fuzz/corpus</c>.</summary>
    public static IEnumerable<string> CorpusTargets =>
        Directory.EnumerateDirectories(Path.Combine(FuzzDirectory, "corpus")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    /// <summary>Every saved input as (target, path relative to <c>fuzz/</c>), corpora first.</summary>
    public static IEnumerable<(string Target, string RelativePath)> All()
    {
        foreach (var kind in new[] { "corpus", "regressions" })
        {
            var folder = Path.Combine(FuzzDirectory, kind);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var targetFolder in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
            {
                foreach (var file in Directory.EnumerateFiles(targetFolder).Order(StringComparer.Ordinal))
                {
                    yield return (Path.GetFileName(targetFolder), Path.GetRelativePath(FuzzDirectory, file));
                }
            }
        }
    }
}
