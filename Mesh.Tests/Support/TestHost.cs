using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Host;
using Mesh.Libp2p.Identity;
using Mesh.Libp2p.Pnet;
using Mesh.Libp2p.Protocols.Echo;
using Microsoft.Extensions.Logging;

namespace Mesh.Tests;

/// <summary>Starts real <see cref="Libp2pHost"/>s on loopback for tests, with the echo protocol registered.</summary>
internal static class TestHost
{
    public static async Task<Libp2pHost> StartAsync(PreSharedKey? psk = null, Action<Libp2pHostOptions>? configure = null, ILoggerFactory? loggers = null)
    {
        var options = new Libp2pHostOptions { PreSharedKey = psk };
        options.ListenAddresses.Add(Multiaddr.Parse("/ip4/127.0.0.1/tcp/0"));
        configure?.Invoke(options);
        var host = new Libp2pHost(IdentityKey.Generate(), options, loggers ?? TestLogging.Factory);
        host.SetStreamHandler(EchoProtocol.Id, (stream, ct) => EchoProtocol.RespondAsync(stream, ct));
        await host.StartAsync();
        return host;
    }

    /// <summary>The host's first listen address, with its /p2p/ part.</summary>
    public static Multiaddr Address(this Libp2pHost host) => host.ListenAddresses[0];
}
