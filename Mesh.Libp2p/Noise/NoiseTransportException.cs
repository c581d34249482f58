namespace Mesh.Libp2p.Noise;

/// <summary>
/// A Noise transport frame could not be accepted (it failed to authenticate, was too short to hold a tag,
/// or the connection ended inside a frame). The secured channel is unusable afterwards; close the connection.
/// </summary>
public sealed class NoiseTransportException : Libp2pException
{
    /// <summary>Creates the exception.</summary>
    public NoiseTransportException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NoiseTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public NoiseTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
