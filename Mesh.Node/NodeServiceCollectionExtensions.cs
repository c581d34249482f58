using Mesh.Core.Probe;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Mesh.Node;

/// <summary>Registers a mesh node in a host.</summary>
public static class NodeServiceCollectionExtensions
{
    /// <summary>A test hook: a file (<c>cpu=1.5,mem=1GiB</c>) whose contents the node takes for its owner's usage.</summary>
    public const string TestOwnerUsageVariable = "MESH_TEST_OWNER_USAGE_FILE";

    /// <summary>Adds the node with its validated options, the system clock, and its hosted service.</summary>
    public static IServiceCollection AddMeshNode(this IServiceCollection services, NodeOptions options)
    {
        options.Validate();
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        if (Environment.GetEnvironmentVariable(TestOwnerUsageVariable) is { Length: > 0 } usageFile)
        {
            // Tests play the owner: the usage the node sees is what this file says, read at every probe.
            services.TryAddSingleton<IOwnerUsageSource>(provider =>
                new FileOwnerUsageSource(usageFile, provider.GetRequiredService<ILoggerFactory>().CreateLogger<FileOwnerUsageSource>()));
        }

        services.AddHostedService<MeshNodeService>();
        return services;
    }
}
