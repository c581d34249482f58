using System.Buffers;
using System.Security.Cryptography;
using MessagePack;

namespace Mesh.Core.Journal;

/// <summary>
/// The digest of a command a compute record names (docs/protocol.md, "Journal"): SHA-256 of the MessagePack encoding of
/// argv as an array of str, each header in its shortest form, so any implementation that writes MessagePack the usual
/// way computes the same 32 bytes.
/// </summary>
public static class CommandDigest
{
    /// <summary>The 32-byte SHA-256 of <paramref name="argv"/> encoded as a MessagePack array of str.</summary>
    public static byte[] Of(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        var output = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(output);

        // MessagePackWriter (not OldSpec) writes fixarray/array16/array32 and fixstr/str8/str16/str32: the shortest forms.
        writer.WriteArrayHeader(argv.Count);
        foreach (var argument in argv)
        {
            ArgumentNullException.ThrowIfNull(argument, nameof(argv));
            writer.Write(argument);
        }

        writer.Flush();
        return SHA256.HashData(output.WrittenSpan);
    }
}
