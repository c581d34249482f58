using Mesh.Libp2p.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Libp2p.Multistream;

/// <summary>
/// multistream-select 1.0 (wire notes §6): agrees on the protocol a connection or stream carries next.
/// Only whole messages are consumed from the channel's input, so bytes the peer sent after the
/// negotiation stay there for the selected protocol (§6.5).
/// </summary>
public static partial class MultistreamSelect
{
    /// <summary>The header both sides send first.</summary>
    public const string ProtocolId = "/multistream/1.0.0";

    /// <summary>The refusal of a proposal.</summary>
    public const string NotAvailable = "na";

    /// <summary>The request for the responder's protocol list.</summary>
    public const string List = "ls";

    /// <summary>The deprecated simultaneous-open extension (§6.4); always refused.</summary>
    public const string SimultaneousConnect = "/libp2p/simultaneous-connect";

    /// <summary>Negotiates as the initiator; see <see cref="SelectAsync(IDuplexChannel, IReadOnlyList{string}, ILogger, CancellationToken)"/>.</summary>
    public static Task<string> SelectAsync(IDuplexChannel channel, IReadOnlyList<string> protocols, CancellationToken cancellationToken = default) =>
        SelectAsync(channel, protocols, NullLogger.Instance, cancellationToken);

    /// <summary>
    /// Negotiates as the initiator: proposes <paramref name="protocols"/> in order and returns the first the peer accepts.
    /// </summary>
    /// <param name="channel">The connection or stream; its input keeps whatever follows the peer's answer.</param>
    /// <param name="protocols">The protocols to propose, most preferred first.</param>
    /// <param name="logger">Receives the outcome at debug level.</param>
    /// <param name="cancellationToken">Cancels the negotiation.</param>
    /// <returns>The agreed protocol.</returns>
    /// <exception cref="ProtocolNotSupportedException">The peer refused every protocol.</exception>
    /// <exception cref="MultistreamException">The peer broke the protocol or closed the stream.</exception>
    public static async Task<string> SelectAsync(IDuplexChannel channel, IReadOnlyList<string> protocols, ILogger logger, CancellationToken cancellationToken = default)
    {
        if (protocols.Count == 0)
        {
            throw new ArgumentException("At least one protocol must be proposed.", nameof(protocols));
        }

        // §6.2 and §1.1: header and first proposal go out in one flush, without waiting for the peer's
        // header; a js listener sends nothing until it has read ours.
        MultistreamMessage.Write(channel.Output, ProtocolId);
        MultistreamMessage.Write(channel.Output, protocols[0]);
        await channel.Output.FlushAsync(cancellationToken).ConfigureAwait(false);

        var header = await ReadMessageAsync(channel.Input, null, cancellationToken).ConfigureAwait(false);
        if (header != ProtocolId)
        {
            throw new MultistreamException($"Expected the multistream header, got \"{header}\".");
        }

        for (var i = 0; ; i++)
        {
            var answer = await ReadMessageAsync(channel.Input, null, cancellationToken).ConfigureAwait(false);
            if (answer == protocols[i])
            {
                Log.Selected(logger, answer);
                return answer;
            }

            if (answer != NotAvailable)
            {
                throw new MultistreamException($"Proposed \"{protocols[i]}\", got \"{answer}\".");
            }

            Log.ProposalRefused(logger, protocols[i]);
            if (i + 1 == protocols.Count)
            {
                throw new ProtocolNotSupportedException(protocols);
            }

            // §6.2: after na only the next proposal is sent, not the header again.
            MultistreamMessage.Write(channel.Output, protocols[i + 1]);
            await channel.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
