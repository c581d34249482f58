using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesh.Node;

/// <summary>Runs a node: validates its options, then hosts it until Ctrl-C or SIGTERM.</summary>
public static class NodeRunner
{
    /// <summary>Exit code for bad flags or files.</summary>
    public const int UsageError = 2;

    /// <summary>Runs the node; returns the process exit code.</summary>
    public static async Task<int> RunAsync(NodeOptions options, CancellationToken cancellationToken)
    {
        try
        {
            options.Validate();
        }
        catch (OptionsException ex)
        {
            await Console.Error.WriteLineAsync($"mesh-node: {ex.Message}").ConfigureAwait(false);
            return UsageError;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });

        // stdout carries the node's own report (its addresses); logs go to stderr.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(ParseLevel(Environment.GetEnvironmentVariable("MESH_LOG_LEVEL")));
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Services.AddMeshNode(options);
        using var host = builder.Build();
        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (NodeStartException ex)
        {
            await Console.Error.WriteLineAsync($"mesh-node: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static LogLevel ParseLevel(string? text) =>
        Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) ? level : LogLevel.Information;
}
