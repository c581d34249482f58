namespace Mesh.Core.Resources;

/// <summary>
/// What the owner keeps (FIG 9, 901): per resource either an amount (<c>--reserve</c>) or the complement of a share
/// (<c>--share</c>); a resource named by neither is not reserved at all.
/// </summary>
public sealed record Earmark
{
    /// <summary>Creates an earmark; a resource may be named by <paramref name="reserve"/> or <paramref name="share"/>, not both.</summary>
    /// <exception cref="ArgumentException">Both name the same resource.</exception>
    public Earmark(ResourceSpec reserve, ResourceShare share)
    {
        ArgumentNullException.ThrowIfNull(reserve);
        ArgumentNullException.ThrowIfNull(share);
        if (FindConflict(reserve, share) is { } kind)
        {
            throw new ArgumentException($"{ResourceKeys.Name(kind)} is both reserved and shared; give it in one of them", nameof(share));
        }

        Reserve = reserve;
        Share = share;
    }

    /// <summary>Nothing reserved: everything is surplus.</summary>
    public static Earmark None { get; } = new(ResourceSpec.Empty, ResourceShare.Empty);

    /// <summary>Amounts the owner keeps.</summary>
    public ResourceSpec Reserve { get; }

    /// <summary>Percentages given to the layer.</summary>
    public ResourceShare Share { get; }

    /// <summary>The first resource named by both a reserve and a share, or null.</summary>
    public static ResourceKind? FindConflict(ResourceSpec reserve, ResourceShare share)
    {
        ArgumentNullException.ThrowIfNull(reserve);
        ArgumentNullException.ThrowIfNull(share);
        foreach (var kind in Enum.GetValues<ResourceKind>())
        {
            if (reserve.Has(kind) && share.Has(kind))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>What the owner keeps of <paramref name="capacity"/>: never negative, never more than the capacity.</summary>
    public ResourceVector ReservedOf(ResourceVector capacity)
    {
        var reserved = new ResourceVector(
            Reserve.Cpu ?? (Share.Cpu is { } cpu ? capacity.Cpu * (1 - (cpu / 100)) : 0),
            Reserve.Memory ?? (Share.Memory is { } memory ? capacity.Memory - (long)Math.Round(capacity.Memory * memory / 100) : 0),
            Reserve.Disk ?? (Share.Disk is { } disk ? capacity.Disk - (long)Math.Round(capacity.Disk * disk / 100) : 0),

            // Whole devices only: a share rounds the shared count down, so the owner keeps the rest.
            Reserve.Gpu ?? (Share.Gpu is { } gpu ? capacity.Gpu - (int)Math.Floor(capacity.Gpu * gpu / 100) : 0));
        return ResourceVector.Min(reserved, capacity.ClampToZero()).ClampToZero();
    }

    /// <summary>In words, for logs and <c>mesh node</c>: "reserve cpu=1,mem=1GiB; share disk=50%", or "nothing reserved".</summary>
    public override string ToString()
    {
        var parts = new List<string>(2);
        if (!Reserve.IsEmpty)
        {
            parts.Add("reserve " + Reserve);
        }

        if (!Share.IsEmpty)
        {
            parts.Add("share " + Share);
        }

        return parts.Count == 0 ? "nothing reserved" : string.Join("; ", parts);
    }
}
