namespace Mesh.Libp2p.Yamux;

/// <summary>
/// The yamux session has ended (or refuses new streams after a GoAway): opening, accepting, and the
/// I/O of its streams fail with this exception. <see cref="Reason"/> says why.
/// </summary>
public sealed class YamuxSessionClosedException : Libp2pException
{
    /// <summary>Creates the exception.</summary>
    public YamuxSessionClosedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public YamuxSessionClosedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public YamuxSessionClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a session that ended for <paramref name="reason"/>.</summary>
    public YamuxSessionClosedException(YamuxCloseReason reason, string message, Exception? innerException = null)
        : base(message, innerException!)
    {
        Reason = reason;
    }

    /// <summary>Why the session ended, or <see cref="YamuxCloseReason.None"/> when it only refuses new streams.</summary>
    public YamuxCloseReason Reason { get; }
}
