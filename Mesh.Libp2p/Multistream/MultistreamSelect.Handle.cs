using Mesh.Libp2p.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Libp2p.Multistream;

/// <summary>The responder side of multistream-select.</summary>
public static partial class MultistreamSelect
{
    /// <summary>Negotiates as the responder for a fixed set of protocols, which <c>ls</c> also lists.</summary>
    /// <inheritdoc cref="HandleAsync(IDuplexChannel, Func{string, bool}, IReadOnlyCollection{string}, MultistreamOptions, ILogger, CancellationToken)"/>
    public static Task<string> HandleAsync(IDuplexChannel channel, IReadOnlyCollection<string> supported, CancellationToken cancellationToken = default) =>
        HandleAsync(channel, supported.Contains, supported, MultistreamOptions.Default, NullLogger.Instance, cancellationToken);

    /// <summary>Negotiates as the responder, asking <paramref name="isSupported"/> about each proposal; <c>ls</c> gets an empty list.</summary>
    /// <inheritdoc cref="HandleAsync(IDuplexChannel, Func{string, bool}, IReadOnlyCollection{string}, MultistreamOptions, ILogger, CancellationToken)"/>
    public static Task<string> HandleAsync(IDuplexChannel channel, Func<string, bool> isSupported, CancellationToken cancellationToken = default) =>
        HandleAsync(channel, isSupported, [], MultistreamOptions.Default, NullLogger.Instance, cancellationToken);

    /// <summary>
    /// Negotiates as the responder (wire notes §6.2): sends nothing before the peer's header, echoes it,
    /// then echoes the first supported proposal and answers <c>na</c> to the others.
    /// </summary>
    /// <param name="channel">The connection or stream; its input keeps whatever follows the agreed proposal.</param>
    /// <param name="isSupported">Whether a proposed protocol is accepted.</param>
    /// <param name="listed">The protocols named in the answer to <c>ls</c>.</param>
    /// <param name="options">The round limit.</param>
    /// <param name="logger">Receives refusals and the outcome at debug level.</param>
    /// <param name="cancellationToken">Cancels the negotiation.</param>
    /// <returns>The agreed protocol; its echo has been flushed.</returns>
    /// <exception cref="MultistreamException">The peer broke the protocol, closed the stream, or ran past <see cref="MultistreamOptions.MaxRounds"/>.</exception>
    public static async Task<string> HandleAsync(
        IDuplexChannel channel,
        Func<string, bool> isSupported,
        IReadOnlyCollection<string> listed,
        MultistreamOptions options,
        ILogger logger,
        CancellationToken cancellationToken = default)
    {
        var headerSeen = false;
        for (var round = 0; ; round++)
        {
            // Every round before this one wrote a reply that is not flushed yet.
            var message = await ReadMessageAsync(channel.Input, round > 0 ? channel.Output : null, cancellationToken).ConfigureAwait(false);

            if (message == ProtocolId)
            {
                // js echoes a repeated header again; so do we, within the round limit.
                headerSeen = true;
            }
            else if (!headerSeen)
            {
                throw new MultistreamException($"Expected the multistream header first, got \"{message}\".");
            }
            else if (message != List && message != SimultaneousConnect && isSupported(message))
            {
                MultistreamMessage.Write(channel.Output, message);
                await channel.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
                Log.Handled(logger, message);
                return message;
            }

            if (round >= options.MaxRounds)
            {
                throw new MultistreamException($"The peer sent more than {options.MaxRounds} multistream messages without agreeing on a protocol.");
            }

            if (message == ProtocolId)
            {
                MultistreamMessage.Write(channel.Output, ProtocolId);
            }
            else if (message == List)
            {
                // §6.3: optional, answered for completeness; never relied on.
                MultistreamMessage.WriteList(channel.Output, listed);
            }
            else
            {
                // §6.4: the simultaneous-connect extension is deprecated and js does not speak it: refuse it like any other.
                Log.Refused(logger, message);
                MultistreamMessage.Write(channel.Output, NotAvailable);
            }
        }
    }
}
