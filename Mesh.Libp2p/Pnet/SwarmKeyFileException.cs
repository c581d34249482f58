namespace Mesh.Libp2p.Pnet;

/// <summary>A <c>swarm.key</c> file exists but does not hold a valid pre-shared key (a configuration error).</summary>
public sealed class SwarmKeyFileException : FormatException
{
    /// <summary>Creates the exception for the file at <paramref name="filePath"/>.</summary>
    public SwarmKeyFileException(string filePath, string reason)
        : base($"The swarm key file '{filePath}' is not valid: {reason}") => FilePath = filePath;

    /// <summary>Creates the exception.</summary>
    public SwarmKeyFileException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SwarmKeyFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SwarmKeyFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The file that is malformed.</summary>
    public string? FilePath { get; }
}
