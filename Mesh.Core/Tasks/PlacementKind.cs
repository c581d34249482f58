namespace Mesh.Core.Tasks;

/// <summary>Where a task may run.</summary>
public enum PlacementKind
{
    /// <summary>Anywhere: remotely when a peer can take it, otherwise locally (the default).</summary>
    Any = 0,

    /// <summary>Only on the submitting node (<c>--local</c>).</summary>
    LocalOnly = 1,

    /// <summary>Only on another peer; fail rather than run locally (<c>--remote-only</c>).</summary>
    RemoteOnly = 2,

    /// <summary>Only on one named peer (<c>--on PEER</c>).</summary>
    OnPeer = 3,
}
