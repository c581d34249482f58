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
}
