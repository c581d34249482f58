using Mesh.Node;

namespace Mesh.Tests.Fuzz.Targets;

/// <summary>Reads a mesh-node JSON config file and applies it, as <c>mesh-node --config FILE</c> does.</summary>
internal static class NodeConfigFuzzTarget
{
    private static readonly string FilePath = Path.Combine(Path.GetTempPath(), $"mesh-fuzz-nodeconfig-{Environment.ProcessId}.json");

    /// <summary>
    /// Writes the input to a temporary file and builds the node options from it (with no environment).
    /// <see cref="OptionsException"/> is the documented answer to a bad file; anything else is a finding.
    /// </summary>
    public static void Run(ReadOnlySpan<byte> input)
    {
        File.WriteAllBytes(FilePath, input.ToArray());
        var flags = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["config"] = [FilePath],
        };
        try
        {
            NodeOptionsBuilder.Build(flags, _ => null);
        }
        catch (OptionsException)
        {
            // The documented rejection: mesh-node prints it and exits with code 2.
        }
    }
}
