using MessagePack;

namespace Mesh.Core.Wire;

/// <summary>
/// Skips MessagePack values with a bounded nesting depth. <see cref="MessagePackReader.Skip"/> recurses into
/// containers without a limit, so a peer could make it recurse once per byte; containers are walked here instead and
/// only scalars go to <see cref="MessagePackReader.Skip"/>, which does not recurse for them.
/// </summary>
internal static class MessagePackSkipper
{
    /// <summary>
    /// Skips one value whose containers may nest at most <paramref name="maxDepth"/> levels below
    /// <paramref name="depth"/>. Returns false (the reader then stands somewhere inside the value) when it nests deeper.
    /// Truncated or invalid MessagePack throws the reader's own exceptions, as every scalar read does.
    /// </summary>
    public static bool TrySkip(ref MessagePackReader reader, int depth, int maxDepth)
    {
        var type = reader.NextMessagePackType;
        if (type is not (MessagePackType.Array or MessagePackType.Map))
        {
            reader.Skip();
            return true;
        }

        if (depth >= maxDepth)
        {
            return false;
        }

        var elements = type == MessagePackType.Array ? reader.ReadArrayHeader() : 2L * reader.ReadMapHeader();
        for (long i = 0; i < elements; i++)
        {
            if (!TrySkip(ref reader, depth + 1, maxDepth))
            {
                return false;
            }
        }

        return true;
    }
}
