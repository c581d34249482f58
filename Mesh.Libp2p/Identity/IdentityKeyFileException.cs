namespace Mesh.Libp2p.Identity;

/// <summary>
/// An identity key file exists but cannot be used (corrupt, not an Ed25519 private key, too large) or cannot
/// be written. The file is never replaced silently: a node with a damaged identity stops and says so.
/// </summary>
public class IdentityKeyFileException : Libp2pException
{
    /// <summary>Creates the exception.</summary>
    public IdentityKeyFileException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public IdentityKeyFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public IdentityKeyFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/>; the message names the path and the problem.</summary>
    public IdentityKeyFileException(string path, string problem, Exception? innerException = null)
        : base($"Identity key file '{path}' {problem}.", innerException!)
    {
        Path = path;
    }

    /// <summary>The file concerned, when known.</summary>
    public string? Path { get; }
}
