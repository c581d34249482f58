namespace Mesh.Core.Control;

/// <summary>
/// A journal request the node cannot answer; <see cref="Error"/> says why (and so the HTTP status) and
/// <see cref="Exception.Message"/> is one line a person can act on.
/// </summary>
public sealed class JournalRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JournalRequestException()
    {
    }

    /// <summary>Creates the exception with a message (a bad request).</summary>
    public JournalRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause (a bad request).</summary>
    public JournalRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with its reason and a message.</summary>
    public JournalRequestException(JournalRequestError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates the exception with its reason, a message and its cause.</summary>
    public JournalRequestException(JournalRequestError error, string message, Exception innerException)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Why the request was refused.</summary>
    public JournalRequestError Error { get; }
}
