using System.Net.Sockets;
using Mesh.Libp2p.Channels;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Multistream;
using Mesh.Libp2p.Noise;
using Mesh.Libp2p.Pnet;
using Mesh.Libp2p.Yamux;
using Microsoft.Extensions.Logging;

namespace Mesh.Libp2p.Host;

/// <summary>
/// Turns a connected TCP socket into a secured, multiplexed libp2p connection (wire notes §5):
/// pnet when a key is set, then multistream-select <c>/noise</c>, Noise XX, then yamux chosen either
/// inside the Noise handshake (early muxer negotiation, §6.6) or by multistream-select.
/// The dialer plays every initiator role.
/// </summary>
internal sealed class ConnectionUpgrader(IdentityKey identity, Libp2pHostOptions options, ILoggerFactory loggers, TimeProvider time)
{
    /// <summary>The security protocol id.</summary>
    public const string NoiseProtocol = "/noise";

    /// <summary>The muxer protocol id.</summary>
    public const string YamuxProtocol = "/yamux/1.0.0";

    private static readonly string[] Muxers = [YamuxProtocol];

    /// <summary>Runs the upgrade; the caller bounds it with <paramref name="cancellationToken"/> and owns the socket on failure.</summary>
    public async Task<UpgradedConnection> UpgradeAsync(Socket socket, ConnectionDirection direction, PeerId? expectedPeer, CancellationToken cancellationToken)
    {
        var dialer = direction == ConnectionDirection.Outbound;
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        if (options.PreSharedKey is { } psk)
        {
            stream = await PnetProtector.ProtectAsync(stream, psk, cancellationToken).ConfigureAwait(false);
        }

        var raw = new StreamChannel(
            stream,
            closeWrite: () =>
            {
                ShutdownSend(socket);
                return ValueTask.CompletedTask;
            },
            abort: () => socket.Close(0));

        // The registration makes cancellation (the upgrade deadline) unblock any pending read at once.
        await using var abortOnCancel = cancellationToken.Register(() => socket.Close(0)).ConfigureAwait(false);

        if (dialer)
        {
            await MultistreamSelect.SelectAsync(raw, [NoiseProtocol], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await MultistreamSelect.HandleAsync(raw, [NoiseProtocol], cancellationToken).ConfigureAwait(false);
        }

        var secured = dialer
            ? await NoiseSecurity.SecureOutboundAsync(raw, identity, Muxers, expectedPeer, cancellationToken).ConfigureAwait(false)
            : await NoiseSecurity.SecureInboundAsync(raw, identity, Muxers, cancellationToken).ConfigureAwait(false);

        // §6.6: the early muxer is used iff both sides sent a non-empty list (we always send ours).
        if (secured.RemoteMuxers.Count > 0)
        {
            if (!secured.RemoteMuxers.Contains(YamuxProtocol))
            {
                throw new Libp2pException($"No common stream muxer: the peer offers {string.Join(", ", secured.RemoteMuxers)}; this host speaks {YamuxProtocol}.");
            }
        }
        else if (dialer)
        {
            await MultistreamSelect.SelectAsync(secured, Muxers, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await MultistreamSelect.HandleAsync(secured, Muxers, cancellationToken).ConfigureAwait(false);
        }

        var session = new YamuxSession(secured, isClient: dialer, options.Yamux, loggers.CreateLogger<YamuxSession>(), time);
        return new UpgradedConnection(secured.RemotePeer, secured.RemotePublicKey, session);
    }

    private static void ShutdownSend(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (ObjectDisposedException)
        {
            // Already closed: nothing left to half-close.
        }
        catch (SocketException)
        {
            // The peer is gone; the read side reports it.
        }
    }
}
