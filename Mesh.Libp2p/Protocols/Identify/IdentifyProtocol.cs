using System.Diagnostics.CodeAnalysis;
using Mesh.Libp2p.Channels;
using Mesh.Libp2p.Encoding;
using Mesh.Libp2p.Identity;
using Microsoft.Extensions.Logging;

namespace Mesh.Libp2p.Protocols.Identify;

/// <summary>
/// Identify and identify-push on streams that multistream-select has already agreed (wire notes §9.1).
/// Every exchange is bounded by <see cref="IdentifyOptions.Timeout"/>. The caller owns the stream and disposes it.
/// </summary>
public sealed partial class IdentifyProtocol
{
    /// <summary>The identify protocol id: the opener asks, the other side answers.</summary>
    public const string Id = "/ipfs/id/1.0.0";

    /// <summary>The identify-push protocol id: the opener sends what changed.</summary>
    public const string PushId = "/ipfs/id/push/1.0.0";

    private readonly IdentifyOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the protocol handler.</summary>
    /// <param name="options">Limits and timing; validated here.</param>
    /// <param name="timeProvider">The clock for the FIN delay and the timeout.</param>
    /// <param name="logger">Receives exchanges at debug level.</param>
    public IdentifyProtocol(IdentifyOptions options, TimeProvider timeProvider, ILogger logger)
    {
        options.Validate();
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Answers an identify request on a stream the peer opened: writes <paramref name="self"/> as one
    /// length-prefixed message, then closes the write side <see cref="IdentifyOptions.FinDelay"/> later.
    /// A missing protocol or agent version is filled in from the options.
    /// </summary>
    /// <exception cref="ArgumentException">The encoded message is over <see cref="IdentifyOptions.MaxMessageSize"/>.</exception>
    /// <exception cref="IdentifyException">The exchange ran past <see cref="IdentifyOptions.Timeout"/>.</exception>
    public Task RespondAsync(IDuplexChannel stream, IdentifyMessage self, CancellationToken cancellationToken = default)
    {
        var bytes = Encode(WithVersions(self), nameof(self));
        return WithTimeoutAsync(
            async token =>
            {
                await LengthPrefixed.WriteAsync(stream.Output, bytes, token).ConfigureAwait(false);

                // §1.6: js 3.3.11 aborts a stream it opened when our echo, the message and FIN arrive in one
                // burst, before its select has finished; the FIN has to come a little later.
                if (_options.FinDelay > TimeSpan.Zero)
                {
                    await Task.Delay(_options.FinDelay, _timeProvider, token).ConfigureAwait(false);
                }

                await stream.CloseWriteAsync(token).ConfigureAwait(false);
                Log.Responded(_logger, bytes.Length);
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Sends an identify push on a stream this side opened: the message (with only the changed fields if
    /// wanted), then the FIN right away, since the peer's answer to our proposal has already arrived.
    /// </summary>
    /// <exception cref="ArgumentException">The encoded message is over <see cref="IdentifyOptions.MaxMessageSize"/>.</exception>
    /// <exception cref="IdentifyException">The exchange ran past <see cref="IdentifyOptions.Timeout"/>.</exception>
    public Task PushAsync(IDuplexChannel stream, IdentifyMessage partial, CancellationToken cancellationToken = default)
    {
        var bytes = Encode(partial, nameof(partial));
        return WithTimeoutAsync(
            async token =>
            {
                await LengthPrefixed.WriteAsync(stream.Output, bytes, token).ConfigureAwait(false);
                await stream.CloseWriteAsync(token).ConfigureAwait(false);
                Log.Pushed(_logger, bytes.Length);
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Checks the key a peer sent in identify against the connection: js rejects identify when
    /// <c>publicKey</c> is missing or belongs to another peer (§9.1), and so do we.
    /// </summary>
    /// <param name="message">The identify message received.</param>
    /// <param name="connectionPeer">The peer the secure channel authenticated.</param>
    /// <param name="key">The parsed key, when the result is true.</param>
    /// <returns>True when the key is present, parses, and derives <paramref name="connectionPeer"/>.</returns>
    public static bool TryGetVerifiedKey(IdentifyMessage message, PeerId connectionPeer, [NotNullWhen(true)] out PublicKey? key)
    {
        key = null;
        if (message.PublicKey is null || !PublicKey.TryParseProtobuf(message.PublicKey, out var parsed) || parsed!.ToPeerId() != connectionPeer)
        {
            return false;
        }

        key = parsed;
        return true;
    }

    private IdentifyMessage WithVersions(IdentifyMessage self) => new()
    {
        PublicKey = self.PublicKey,
        ListenAddrs = self.ListenAddrs,
        Protocols = self.Protocols,
        ObservedAddr = self.ObservedAddr,
        ProtocolVersion = self.ProtocolVersion ?? _options.ProtocolVersion,
        AgentVersion = self.AgentVersion ?? _options.AgentVersion,
        SignedPeerRecord = self.SignedPeerRecord,
    };

    private byte[] Encode(IdentifyMessage message, string parameterName)
    {
        var bytes = message.ToProtobuf();
        if (bytes.Length > _options.MaxMessageSize)
        {
            throw new ArgumentException($"The identify message is {bytes.Length} bytes, over the {_options.MaxMessageSize}-byte limit peers accept.", parameterName);
        }

        return bytes;
    }

    private async Task<T> WithTimeoutAsync<T>(Func<CancellationToken, Task<T>> exchange, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await exchange(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new IdentifyException($"Identify did not finish within {_options.Timeout.TotalMilliseconds} ms.");
        }
    }
}
