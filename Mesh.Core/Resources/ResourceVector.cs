using System.Text.Json.Serialization;

namespace Mesh.Core.Resources;

/// <summary>
/// An amount of each schedulable resource: CPU in cores (fractional), memory and disk in bytes, GPUs in devices.
/// The same shape describes capacity, reservation, surplus and use, and is what the ledger and the control API carry.
/// </summary>
/// <param name="Cpu">CPU cores; fractions are allowed (0.5 is half a core).</param>
/// <param name="Memory">Memory in bytes.</param>
/// <param name="Disk">Disk in bytes.</param>
/// <param name="Gpu">Whole GPU devices.</param>
public readonly record struct ResourceVector(double Cpu, long Memory, long Disk, int Gpu)
{
    /// <summary>No resources.</summary>
    public static ResourceVector Zero => default;

    /// <summary>True when every component is zero.</summary>
    [JsonIgnore]
    public bool IsZero => Cpu == 0 && Memory == 0 && Disk == 0 && Gpu == 0;

    /// <summary>Component-wise sum.</summary>
    public static ResourceVector operator +(ResourceVector left, ResourceVector right) =>
        new(left.Cpu + right.Cpu, left.Memory + right.Memory, left.Disk + right.Disk, left.Gpu + right.Gpu);

    /// <summary>Component-wise difference; may be negative (see <see cref="ClampToZero"/>).</summary>
    public static ResourceVector operator -(ResourceVector left, ResourceVector right) =>
        new(left.Cpu - right.Cpu, left.Memory - right.Memory, left.Disk - right.Disk, left.Gpu - right.Gpu);

    /// <summary>Component-wise sum (the named alternative to <c>+</c>).</summary>
    public static ResourceVector Add(ResourceVector left, ResourceVector right) => left + right;

    /// <summary>Component-wise difference (the named alternative to <c>-</c>).</summary>
    public static ResourceVector Subtract(ResourceVector left, ResourceVector right) => left - right;

    /// <summary>Component-wise minimum.</summary>
    public static ResourceVector Min(ResourceVector left, ResourceVector right) =>
        new(Math.Min(left.Cpu, right.Cpu), Math.Min(left.Memory, right.Memory), Math.Min(left.Disk, right.Disk), Math.Min(left.Gpu, right.Gpu));

    /// <summary>Every negative component raised to zero: surplus is never negative.</summary>
    public ResourceVector ClampToZero() =>
        new(Math.Max(0, Cpu), Math.Max(0, Memory), Math.Max(0, Disk), Math.Max(0, Gpu));

    /// <summary>True when every component of this vector is at most the same component of <paramref name="available"/>.</summary>
    public bool FitsWithin(ResourceVector available) =>
        Cpu <= available.Cpu && Memory <= available.Memory && Disk <= available.Disk && Gpu <= available.Gpu;
}
