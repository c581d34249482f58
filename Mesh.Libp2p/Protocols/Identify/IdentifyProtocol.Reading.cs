using Mesh.Libp2p.Channels;
using Mesh.Libp2p.Encoding;

namespace Mesh.Libp2p.Protocols.Identify;

/// <summary>Receiving identify responses and pushes.</summary>
public sealed partial class IdentifyProtocol
{
    /// <summary>
    /// Reads the peer's identify response on a stream this side opened: up to <see cref="IdentifyOptions.MaxMessages"/>
    /// length-prefixed messages until end of stream, joined into one (as js does, following specs PR #709).
    /// Does not write to or close the stream.
    /// </summary>
    /// <exception cref="IdentifyException">No message arrived, one is malformed or over a limit, or the timeout passed.</exception>
    public Task<IdentifyMessage> RequestAsync(IDuplexChannel stream, CancellationToken cancellationToken = default) =>
        WithTimeoutAsync(token => ReadMessagesAsync(stream, isPush: false, token), cancellationToken);

    /// <summary>
    /// Reads an identify push on a stream the peer opened, read like <see cref="RequestAsync"/>. Apply it to
    /// what is known with <see cref="IdentifyMessage.Merge"/>: fields it leaves out are unchanged.
    /// </summary>
    /// <exception cref="IdentifyException">No message arrived, one is malformed or over a limit, or the timeout passed.</exception>
    public Task<IdentifyMessage> ReceivePushAsync(IDuplexChannel stream, CancellationToken cancellationToken = default) =>
        WithTimeoutAsync(token => ReadMessagesAsync(stream, isPush: true, token), cancellationToken);

    private async Task<IdentifyMessage> ReadMessagesAsync(IDuplexChannel stream, bool isPush, CancellationToken cancellationToken)
    {
        IdentifyMessage? joined = null;
        var count = 0;
        while (count < _options.MaxMessages)
        {
            byte[]? payload;
            try
            {
                payload = await LengthPrefixed.ReadAsync(stream.Input, _options.MaxMessageSize, cancellationToken).ConfigureAwait(false);
            }
            catch (Libp2pException e) when (e is not IdentifyException)
            {
                throw new IdentifyException(e.Message, e);
            }

            if (payload is null)
            {
                break;
            }

            count++;
            if (!IdentifyMessage.TryParse(payload, _options, out var part))
            {
                throw new IdentifyException("The peer sent a malformed identify message.");
            }

            joined = joined is null ? part! : IdentifyMessage.Concatenate(joined, part!);
            if (joined.ListenAddrs.Count > _options.MaxListenAddrs || joined.Protocols.Count > _options.MaxProtocols)
            {
                throw new IdentifyException("The peer's identify messages together list too many addresses or protocols.");
            }
        }

        if (joined is null)
        {
            throw new IdentifyException("The stream ended before an identify message arrived.");
        }

        Log.Received(_logger, isPush, count, joined.ListenAddrs.Count, joined.Protocols.Count);
        return joined;
    }
}
