namespace Mesh.Core.Journal;

/// <summary>A peer's journal answer broke the journal protocol (docs/protocol.md, "Journal").</summary>
public sealed class JournalProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JournalProtocolException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public JournalProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public JournalProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
