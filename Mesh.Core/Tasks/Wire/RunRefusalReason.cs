namespace Mesh.Core.Tasks.Wire;

/// <summary>Why an executor refused a run. A receiver keeps a code it does not know and shows the message.</summary>
public enum RunRefusalReason
{
    /// <summary>This node's policy does not let the origin run tasks here.</summary>
    NotAllowed = 1,

    /// <summary>The executor has no surplus for the request now.</summary>
    NoCapacity = 2,

    /// <summary>The spec breaks a rule or a limit of the executor.</summary>
    BadSpec = 3,

    /// <summary>The executor is stopping.</summary>
    ShuttingDown = 4,
}
