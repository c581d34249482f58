using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mesh.Node;

/// <summary>Registers a mesh node in a host.</summary>
public static class NodeServiceCollectionExtensions
{
    /// <summary>Adds the node with its validated options, the system clock, and its hosted service.</summary>
    public static IServiceCollection AddMeshNode(this IServiceCollection services, NodeOptions options)
    {
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<MeshNodeService>();
        return services;
    }
}
