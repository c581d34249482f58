using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Mesh.Core.Wire;

namespace Mesh.Core.Tasks.Wire;

/// <content>The one place where the readers' exceptions become a result: every MessagePack decoder built on this reader goes through it.</content>
internal ref partial struct TaskWireReader
{
    /// <summary>
    /// Runs <paramref name="read"/> over <paramref name="payload"/>. Never throws on malformed input: a broken rule, bad
    /// MessagePack or (with <paramref name="trailing"/> null) bytes after the value give false and a reason.
    /// </summary>
    /// <param name="payload">The bytes.</param>
    /// <param name="limits">The limits the reader applies.</param>
    /// <param name="read">What to read.</param>
    /// <param name="trailing">The error for bytes after the value, or null to allow them.</param>
    /// <param name="value">The value read.</param>
    /// <param name="error">Why the bytes are not one.</param>
    public static bool TryDecode<T>(
        ReadOnlySequence<byte> payload, TaskWireLimits limits, TaskWireRead<T> read, string? trailing, [MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        try
        {
            var reader = new TaskWireReader(payload, limits);
            var decoded = read(ref reader);
            if (trailing is not null && !reader.End)
            {
                error = trailing;
                return false;
            }

            value = decoded;
            error = null;
            return true;
        }
        catch (TaskWireFormatException ex)
        {
            error = ex.Message;
        }
        catch (Exception ex) when (MalformedMessagePack.Is(ex))
        {
            error = "invalid MessagePack: " + ex.Message;
        }

        return false;
    }
}
