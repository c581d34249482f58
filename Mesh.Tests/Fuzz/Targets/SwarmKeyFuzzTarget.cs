using Mesh.Libp2p.Pnet;

namespace Mesh.Tests.Fuzz.Targets;

/// <summary>Parses a <c>swarm.key</c> file's content.</summary>
internal static class SwarmKeyFuzzTarget
{
    /// <summary>
    /// Parses the bytes as the file loader does: Latin-1 maps each byte to one character and back, so the text
    /// overload reaches the same byte parser <see cref="PreSharedKey.Load"/> uses. Never expects an exception.
    /// </summary>
    public static void Run(ReadOnlySpan<byte> input)
    {
        var parsed = PreSharedKey.TryParse(System.Text.Encoding.Latin1.GetString(input), out var key, out var error);
        if (parsed != key is not null || parsed == error is not null)
        {
            throw new FuzzInvariantException($"TryParse returned {parsed} with key {key is not null} and error {error is not null}");
        }
    }
}
