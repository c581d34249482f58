namespace Mesh.Libp2p.Noise;

/// <summary>
/// The Noise handshake failed (wire notes §8.3: on any failure drop the connection).
/// <see cref="Reason"/> says why; the caller closes the connection.
/// </summary>
public sealed class NoiseHandshakeException : Libp2pException
{
    /// <summary>Creates the exception with a reason and a message.</summary>
    public NoiseHandshakeException(NoiseHandshakeFailure reason, string message)
        : base(message) => Reason = reason;

    /// <summary>Creates the exception.</summary>
    public NoiseHandshakeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NoiseHandshakeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public NoiseHandshakeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the handshake was rejected.</summary>
    public NoiseHandshakeFailure Reason { get; }
}
