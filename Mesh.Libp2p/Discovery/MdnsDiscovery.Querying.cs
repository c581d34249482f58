namespace Mesh.Libp2p.Discovery;

public sealed partial class MdnsDiscovery
{
    /// <summary>
    /// Checks the interfaces every <see cref="MdnsOptions.InterfaceCheckInterval"/> and queries when one appears (so a peer
    /// that comes up or comes back is found at once) and every <see cref="MdnsOptions.QueryInterval"/>.
    /// </summary>
    private async Task QueryLoopAsync(CancellationToken cancellationToken)
    {
        var lastQuery = _time.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_options.InterfaceCheckInterval, _time, cancellationToken).ConfigureAwait(false);
            var interfaces = MdnsInterface.Select(_options);
            var appeared = false;
            foreach (var socket in _sockets)
            {
                appeared |= socket.Refresh(interfaces);
            }

            if (appeared || _time.GetElapsedTime(lastQuery) >= _options.QueryInterval)
            {
                SendQuery();
                lastQuery = _time.GetTimestamp();
            }
        }
    }

    private void SendQuery() => Send(_query);

    private void Send(byte[] packet)
    {
        foreach (var socket in _sockets)
        {
            for (var failures = socket.SendToAll(packet); failures > 0; failures--)
            {
                Statistics.CountSendFailure();
            }
        }
    }
}
