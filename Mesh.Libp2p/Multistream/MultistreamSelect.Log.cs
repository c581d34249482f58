using Microsoft.Extensions.Logging;

namespace Mesh.Libp2p.Multistream;

/// <summary>Log messages of multistream-select (event ids 400-409).</summary>
public static partial class MultistreamSelect
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Debug, Message = "Peer accepted protocol {Protocol}")]
        public static partial void Selected(ILogger logger, string protocol);

        [LoggerMessage(EventId = 401, Level = LogLevel.Debug, Message = "Peer refused protocol {Protocol}")]
        public static partial void ProposalRefused(ILogger logger, string protocol);

        [LoggerMessage(EventId = 402, Level = LogLevel.Debug, Message = "Agreed to protocol {Protocol} proposed by the peer")]
        public static partial void Handled(ILogger logger, string protocol);

        [LoggerMessage(EventId = 403, Level = LogLevel.Debug, Message = "Refused protocol {Protocol} proposed by the peer")]
        public static partial void Refused(ILogger logger, string protocol);
    }
}
