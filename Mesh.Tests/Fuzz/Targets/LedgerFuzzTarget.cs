using Mesh.Core.Ledger;

namespace Mesh.Tests.Fuzz.Targets;

/// <summary>Decodes a ledger entry envelope, as a peer's gossip message or the stored table is read.</summary>
internal static class LedgerFuzzTarget
{
    /// <summary>Decodes with the default limits; the result carries every failure, never an exception.</summary>
    public static void Run(ReadOnlySpan<byte> input)
    {
        var result = LedgerEntryCodec.TryDecode(input.ToArray().AsMemory());
        if (result.IsOk != result.Entry is not null)
        {
            throw new FuzzInvariantException($"status {result.Status} came with entry {(result.Entry is null ? "null" : "set")}");
        }
    }
}
