using Mesh.Libp2p;

namespace Mesh.Core.Tasks.Wire;

/// <summary>A peer broke the task protocol (an invalid or oversized frame, or a stream that ended inside one); close the stream.</summary>
public sealed class TaskProtocolException : Libp2pException
{
    /// <summary>Creates the exception.</summary>
    public TaskProtocolException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TaskProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TaskProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
