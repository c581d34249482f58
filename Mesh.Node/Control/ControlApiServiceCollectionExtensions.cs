using Mesh.Core.Control;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Mesh.Node.Control;

/// <summary>Registers the control API in a host.</summary>
public static class ControlApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds the control API server and its hosted service. It serves the <see cref="INodeControl"/> registered in
    /// the container (register it separately), on the socket <paramref name="configure"/> sets.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public static IServiceCollection AddControlApi(this IServiceCollection services, Action<ControlServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ControlServerOptions();
        configure(options);
        options.Validate();
        services.TryAddSingleton(sp => new ControlServer(sp.GetRequiredService<INodeControl>(), options, sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<ControlApiHostedService>();
        return services;
    }
}
