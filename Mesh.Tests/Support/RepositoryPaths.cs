namespace Mesh.Tests;

/// <summary>Finds files of the repository from the test binaries' folder.</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root (the folder holding Mesh.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The js-libp2p peer's folder.</summary>
    public static string JsPeerDirectory => Path.Combine(Root, "interop", "js");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mesh.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Mesh.sln above {AppContext.BaseDirectory}.");
    }
}
