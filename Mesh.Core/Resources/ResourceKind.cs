namespace Mesh.Core.Resources;

/// <summary>The kinds of resource a <see cref="ResourceVector"/> carries, as the option syntax names them.</summary>
public enum ResourceKind
{
    /// <summary><c>cpu</c>: cores, fractions allowed.</summary>
    Cpu,

    /// <summary><c>mem</c> (or <c>memory</c>): bytes.</summary>
    Memory,

    /// <summary><c>disk</c>: bytes.</summary>
    Disk,

    /// <summary><c>gpu</c>: whole devices.</summary>
    Gpu,
}
