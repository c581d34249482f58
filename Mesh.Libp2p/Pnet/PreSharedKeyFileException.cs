namespace Mesh.Libp2p.Pnet;

/// <summary>A <c>swarm.key</c> file is missing, unreadable or malformed; the message names the file.</summary>
public sealed class PreSharedKeyFileException : Libp2pException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public PreSharedKeyFileException(string path, string problem)
        : base($"The mesh key file {path} {problem}.")
    {
        Path = path;
    }

    /// <summary>Creates the exception.</summary>
    public PreSharedKeyFileException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PreSharedKeyFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PreSharedKeyFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The file concerned.</summary>
    public string? Path { get; }
}
