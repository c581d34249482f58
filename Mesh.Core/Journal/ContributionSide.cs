namespace Mesh.Core.Journal;

/// <summary>Which side of a node's contribution a compute record counts on (docs/protocol.md, "Journal", contribution).</summary>
public enum ContributionSide
{
    /// <summary>Neither: a local run (origin and executor are the node), or a record the node is no party to.</summary>
    None = 0,

    /// <summary>The node executed it for another origin.</summary>
    Given = 1,

    /// <summary>Another executor ran it for the node.</summary>
    Used = 2,
}
