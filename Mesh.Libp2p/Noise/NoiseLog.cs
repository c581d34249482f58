using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Libp2p.Noise;

/// <summary>Noise log messages (event ids 200-249).</summary>
internal static partial class NoiseLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Noise handshake as {Role} completed with {RemotePeer}; remote early muxers [{RemoteMuxers}]")]
    public static partial void HandshakeCompleted(ILogger logger, string role, PeerId remotePeer, IReadOnlyList<string> remoteMuxers);

    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "Noise handshake as {Role} failed: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, string role, NoiseHandshakeFailure reason, Exception exception);

    [LoggerMessage(EventId = 202, Level = LogLevel.Trace, Message = "Noise channel with {RemotePeer} disposed")]
    public static partial void ChannelDisposed(ILogger logger, PeerId remotePeer);
}
