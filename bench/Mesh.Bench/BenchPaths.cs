namespace Mesh.Bench;

/// <summary>Where the benchmarks find what they run.</summary>
internal static class BenchPaths
{
    /// <summary>The Native AOT <c>mesh</c> that <c>dotnet publish Mesh.Cli -c Release</c> makes in the repository.</summary>
    public static string PublishedMesh()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Mesh.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? ".", "Mesh.Cli", "bin", "Release", "net10.0", "linux-x64", "publish", "mesh");
    }
}
