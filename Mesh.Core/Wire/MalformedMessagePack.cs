using System.Text;
using MessagePack;

namespace Mesh.Core.Wire;

/// <summary>Which exceptions of <see cref="MessagePackReader"/> mean malformed input rather than a bug.</summary>
internal static class MalformedMessagePack
{
    /// <summary>
    /// True for what MessagePackReader throws on bad bytes. It has no non-throwing scalar reads: a truncated value, an
    /// invalid code, an integer that does not fit its type, invalid UTF-8, or a bin/str length past int.MaxValue (found
    /// by fuzzing) surface as these, and mean only that the peer or the file holds a malformed message.
    /// </summary>
    public static bool Is(Exception exception) =>
        exception is MessagePackSerializationException or EndOfStreamException or OverflowException or DecoderFallbackException or ArgumentOutOfRangeException;
}
