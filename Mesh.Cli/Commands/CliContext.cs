using Mesh.Cli.Client;

namespace Mesh.Cli.Commands;

/// <summary>What the commands need from outside: how to reach a node, and the clock. Tests pass fakes.</summary>
/// <param name="Connect">Makes a client from the <c>--node</c> value (null when not given); may throw <see cref="NodeAddressException"/>.</param>
/// <param name="Time">The clock ("seen 3s ago").</param>
public sealed record CliContext(Func<string?, IControlClient> Connect, TimeProvider Time)
{
    /// <summary>The real thing: the Unix socket found by <see cref="NodeLocator"/>, the system clock.</summary>
    public static CliContext Default { get; } = new(
        node => new UnixSocketControlClient(NodeLocator.Resolve(node)),
        TimeProvider.System);

    /// <summary>Opens the raw standard output, where a task's stdout bytes go unchanged (default: the process's own).</summary>
    public Func<Stream> OpenStandardOutput { get; init; } = Console.OpenStandardOutput;

    /// <summary>Opens the raw standard error, where a task's stderr bytes go unchanged (default: the process's own).</summary>
    public Func<Stream> OpenStandardError { get; init; } = Console.OpenStandardError;

    /// <summary>The directory <c>--input</c> paths are resolved against and output files return to; null for the process's current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Reads the caller's environment (<c>--env-pass</c>); default: the process's own.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The directory relative paths are resolved against.</summary>
    public string CurrentDirectory => WorkingDirectory ?? System.Environment.CurrentDirectory;
}
