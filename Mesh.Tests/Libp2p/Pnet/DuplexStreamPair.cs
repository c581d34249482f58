using System.IO.Pipelines;

namespace Mesh.Tests.Libp2p.Pnet;

/// <summary>Two in-memory <see cref="Stream"/> ends joined back to back (like a socket pair).</summary>
internal static class DuplexStreamPair
{
    public static (DuplexPipeStream Left, DuplexPipeStream Right) Create()
    {
        var leftToRight = new Pipe();
        var rightToLeft = new Pipe();
        return (new DuplexPipeStream(rightToLeft.Reader, leftToRight.Writer), new DuplexPipeStream(leftToRight.Reader, rightToLeft.Writer));
    }
}
