using System.Buffers;

namespace Mesh.Libp2p.Yamux;

/// <summary>Pure, non-throwing yamux frame parsing over byte sequences.</summary>
public static class YamuxFrameReader
{
    /// <summary>
    /// Judges a header on its own: version 0 (js rejects others), a known type, and for Data a payload
    /// length within <paramref name="maxDataLength"/>, checked before any payload is buffered.
    /// </summary>
    /// <returns><see cref="YamuxFrameStatus.Ok"/> or the reason the header is invalid.</returns>
    public static YamuxFrameStatus Validate(in YamuxHeader header, uint maxDataLength)
    {
        if (header.Version != YamuxHeader.SupportedVersion)
        {
            return YamuxFrameStatus.UnsupportedVersion;
        }

        if (header.Type > YamuxFrameType.GoAway)
        {
            return YamuxFrameStatus.UnknownType;
        }

        // §7.2: only Data payloads occupy buffer space; a length beyond the window is a violation.
        return header.Type == YamuxFrameType.Data && header.Length > maxDataLength ? YamuxFrameStatus.DataTooLarge : YamuxFrameStatus.Ok;
    }

    /// <summary>
    /// Reads one whole frame from the start of <paramref name="buffer"/>. On <see cref="YamuxFrameStatus.Ok"/>,
    /// <paramref name="buffer"/> is advanced past the frame and <paramref name="payload"/> is the Data payload
    /// (empty for other types); otherwise <paramref name="buffer"/> is left as it was.
    /// </summary>
    /// <param name="buffer">The received bytes.</param>
    /// <param name="maxDataLength">The largest Data payload accepted.</param>
    /// <param name="header">The frame header, when at least its 12 bytes are present.</param>
    /// <param name="payload">The Data payload, a slice of <paramref name="buffer"/>.</param>
    public static YamuxFrameStatus TryReadFrame(ref ReadOnlySequence<byte> buffer, uint maxDataLength, out YamuxHeader header, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (!YamuxHeader.TryRead(buffer, out header))
        {
            return YamuxFrameStatus.NeedMore;
        }

        var status = Validate(header, maxDataLength);
        if (status != YamuxFrameStatus.Ok)
        {
            return status;
        }

        var payloadLength = header.Type == YamuxFrameType.Data ? header.Length : 0;
        if (buffer.Length - YamuxHeader.Size < payloadLength)
        {
            return YamuxFrameStatus.NeedMore;
        }

        payload = buffer.Slice(YamuxHeader.Size, payloadLength);
        buffer = buffer.Slice(payload.End);
        return YamuxFrameStatus.Ok;
    }
}
