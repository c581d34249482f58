using System.IO.Pipelines;
using Mesh.Libp2p.Channels;

namespace Mesh.Tests;

/// <summary>Two in-memory <see cref="IDuplexChannel"/> ends joined back to back, for protocol tests without sockets.</summary>
internal static class ChannelPair
{
    /// <summary>Creates the two ends: what one writes, the other reads.</summary>
    public static (InMemoryChannel Left, InMemoryChannel Right) Create(PipeOptions? options = null)
    {
        var leftToRight = new Pipe(options ?? PipeOptions.Default);
        var rightToLeft = new Pipe(options ?? PipeOptions.Default);
        return (new InMemoryChannel(rightToLeft.Reader, leftToRight.Writer), new InMemoryChannel(leftToRight.Reader, rightToLeft.Writer));
    }
}

/// <summary>One end of a <see cref="ChannelPair"/>.</summary>
internal sealed class InMemoryChannel(PipeReader input, PipeWriter output) : IDuplexChannel
{
    public PipeReader Input { get; } = input;

    public PipeWriter Output { get; } = output;

    public bool Aborted { get; private set; }

    public async ValueTask CloseWriteAsync(CancellationToken cancellationToken = default)
    {
        await Output.FlushAsync(cancellationToken);
        await Output.CompleteAsync();
    }

    public void Abort()
    {
        Aborted = true;
        Output.Complete(new IOException("aborted"));
        Input.Complete();
    }

    public async ValueTask DisposeAsync()
    {
        await Output.CompleteAsync();
        await Input.CompleteAsync();
    }
}
