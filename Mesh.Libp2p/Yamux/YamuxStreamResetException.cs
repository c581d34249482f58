namespace Mesh.Libp2p.Yamux;

/// <summary>A yamux stream was reset (RST), by the remote or by a local abort; its reads and writes fail.</summary>
public sealed class YamuxStreamResetException : Libp2pException
{
    /// <summary>Creates the exception.</summary>
    public YamuxStreamResetException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public YamuxStreamResetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public YamuxStreamResetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
