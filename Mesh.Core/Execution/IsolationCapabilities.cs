namespace Mesh.Core.Execution;

/// <summary>What the probe found usable on this machine: the helper programs, the user, the cgroups.</summary>
internal sealed record IsolationCapabilities
{
    public required string Shell { get; init; }

    /// <summary>
    /// env, the last link of the launch chain: it sets the task's variables after the user switch and inside the
    /// sandbox, so no launcher before it (root, outside the sandbox) ever runs with them.
    /// </summary>
    public required string Env { get; init; }

    public string? Setsid { get; init; }

    public string? Prlimit { get; init; }

    public string? Nice { get; init; }

    /// <summary>setpriv or runuser, whichever switches the user (setpriv preferred: it keeps the environment as given).</summary>
    public string? UserSwitch { get; init; }

    public string? Bubblewrap { get; init; }

    /// <summary>The user to switch to; null when the node is not root (tasks run as the node's user).</summary>
    public UnixUser? RunAs { get; init; }

    /// <summary>False when the node is root and cannot switch to an unprivileged user.</summary>
    public bool CanRun { get; init; } = true;

    public IReadOnlyList<CgroupHierarchy> Cgroups { get; init; } = [];

    public bool CgroupHas(string controller) => Cgroups.Any(c => c.Has(controller));
}
