namespace Mesh.Core.Remote.Dispatch;

/// <summary>How a remote attempt ended for the origin.</summary>
public enum RemoteAttemptEnd
{
    /// <summary>The executor's result reached the store (accepted or refused as a duplicate).</summary>
    Completed = 0,

    /// <summary>The executor refused to run it; the store is unchanged.</summary>
    Refused = 1,

    /// <summary>No stream to the executor could be opened; the store is unchanged.</summary>
    Unreachable = 2,

    /// <summary>The stream broke before a result; the lease was shortened and expires unless the executor comes back.</summary>
    Broken = 3,
}
