using Microsoft.Extensions.Logging;

namespace Mesh.Libp2p.Protocols.Identify;

/// <summary>Log messages of identify (event ids 420-429).</summary>
public sealed partial class IdentifyProtocol
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 420, Level = LogLevel.Debug, Message = "Sent identify response of {Length} bytes")]
        public static partial void Responded(ILogger logger, int length);

        [LoggerMessage(EventId = 421, Level = LogLevel.Debug, Message = "Sent identify push of {Length} bytes")]
        public static partial void Pushed(ILogger logger, int length);

        [LoggerMessage(EventId = 422, Level = LogLevel.Debug, Message = "Received identify (push: {IsPush}) in {MessageCount} messages: {AddressCount} addresses, {ProtocolCount} protocols")]
        public static partial void Received(ILogger logger, bool isPush, int messageCount, int addressCount, int protocolCount);
    }
}
