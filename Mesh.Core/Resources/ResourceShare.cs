using System.Globalization;

namespace Mesh.Core.Resources;

/// <summary>
/// The percent of capacity given to the layer, per resource, as <c>--share cpu=75%,mem=50%</c> takes it.
/// Only the keys given are set.
/// </summary>
/// <param name="Cpu">Percent of the CPU cores shared, when given.</param>
/// <param name="Memory">Percent of the memory shared, when given.</param>
/// <param name="Disk">Percent of the disk shared, when given.</param>
/// <param name="Gpu">Percent of the GPUs shared (rounded down to whole devices), when given.</param>
public sealed record ResourceShare(double? Cpu = null, double? Memory = null, double? Disk = null, double? Gpu = null)
{
    /// <summary>No key given.</summary>
    public static ResourceShare Empty { get; } = new();

    /// <summary>True when no key is given.</summary>
    public bool IsEmpty => Cpu is null && Memory is null && Disk is null && Gpu is null;

    /// <summary>True when the key of <paramref name="kind"/> is given.</summary>
    public bool Has(ResourceKind kind) => kind switch
    {
        ResourceKind.Cpu => Cpu is not null,
        ResourceKind.Memory => Memory is not null,
        ResourceKind.Disk => Disk is not null,
        _ => Gpu is not null,
    };

    /// <summary>Parses <c>cpu=75%,mem=50%</c> (percent from 0 to 100, decimals allowed, the % sign required); never throws.</summary>
    public static bool TryParse(string? text, out ResourceShare share, out string? error)
    {
        var result = Empty;
        var ok = ResourceKeys.TrySplit(text, (kind, value) =>
        {
            if (!value.EndsWith('%')
                || !double.TryParse(value[..^1].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
                || !double.IsFinite(percent) || percent > 100)
            {
                return $"'{value}' is not a percentage from 0% to 100%";
            }

            result = kind switch
            {
                ResourceKind.Cpu => result with { Cpu = percent },
                ResourceKind.Memory => result with { Memory = percent },
                ResourceKind.Disk => result with { Disk = percent },
                _ => result with { Gpu = percent },
            };
            return null;
        }, out error);
        share = ok ? result : Empty;
        return ok;
    }

    /// <summary>Parses a share or throws <see cref="FormatException"/> with the message of <see cref="TryParse"/>.</summary>
    public static ResourceShare Parse(string text) =>
        TryParse(text, out var share, out var error) ? share : throw new FormatException(error);

    /// <summary>The share in the syntax <see cref="TryParse"/> reads; empty when no key is given.</summary>
    public override string ToString()
    {
        var parts = new List<string>(4);
        Add(parts, "cpu", Cpu);
        Add(parts, "mem", Memory);
        Add(parts, "disk", Disk);
        Add(parts, "gpu", Gpu);
        return string.Join(',', parts);
    }

    private static void Add(List<string> parts, string key, double? percent)
    {
        if (percent is { } value)
        {
            parts.Add(key + "=" + value.ToString("0.##", CultureInfo.InvariantCulture) + "%");
        }
    }
}
