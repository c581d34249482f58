using Microsoft.Extensions.Hosting;

namespace Mesh.Node.Control;

/// <summary>Runs the <see cref="ControlServer"/> for the lifetime of the host.</summary>
internal sealed class ControlApiHostedService(ControlServer server) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => server.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);
}
