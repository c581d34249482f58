using System.Globalization;

namespace Mesh.Core.Resources;

/// <summary>
/// A partial resource vector as <c>--capacity</c> and <c>--reserve</c> take it: <c>cpu=4,mem=8GiB,disk=1TB,gpu=0</c>.
/// Only the keys given are set; <see cref="ApplyTo"/> overrides those keys of a full vector and leaves the others.
/// </summary>
/// <param name="Cpu">Cores, when given.</param>
/// <param name="Memory">Bytes of memory, when given.</param>
/// <param name="Disk">Bytes of disk, when given.</param>
/// <param name="Gpu">Whole GPUs, when given.</param>
public sealed record ResourceSpec(double? Cpu = null, long? Memory = null, long? Disk = null, int? Gpu = null)
{
    /// <summary>The most cores a spec may name (a sanity bound that catches typos).</summary>
    public const double MaxCpu = 1_000_000;

    /// <summary>The most GPUs a spec may name.</summary>
    public const int MaxGpu = 100_000;

    /// <summary>No key given.</summary>
    public static ResourceSpec Empty { get; } = new();

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

    /// <summary>Parses <c>cpu=4,mem=8GiB,disk=1TB,gpu=0</c> (any subset, any order); never throws.</summary>
    /// <param name="text">The spec.</param>
    /// <param name="spec">The parsed spec, when true.</param>
    /// <param name="error">The bad part and what is wrong with it, e.g. <c>mem=8XB: unknown size unit 'XB' (use ...)</c>.</param>
    public static bool TryParse(string? text, out ResourceSpec spec, out string? error)
    {
        var result = Empty;
        var ok = ResourceKeys.TrySplit(text, (kind, value) =>
        {
            switch (kind)
            {
                case ResourceKind.Cpu:
                    if (!TryParseCores(value, out var cores, out var cpuError))
                    {
                        return cpuError;
                    }

                    result = result with { Cpu = cores };
                    return null;
                case ResourceKind.Gpu:
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var gpus) || gpus > MaxGpu)
                    {
                        return $"'{value}' is not a whole number of GPUs";
                    }

                    result = result with { Gpu = gpus };
                    return null;
                default:
                    if (!ByteSize.TryParse(value, out var bytes, out var sizeError))
                    {
                        return sizeError;
                    }

                    result = kind == ResourceKind.Memory ? result with { Memory = bytes } : result with { Disk = bytes };
                    return null;
            }
        }, out error);
        spec = ok ? result : Empty;
        return ok;
    }

    /// <summary>Parses a spec or throws <see cref="FormatException"/> with the message of <see cref="TryParse"/>.</summary>
    public static ResourceSpec Parse(string text) =>
        TryParse(text, out var spec, out var error) ? spec : throw new FormatException(error);

    /// <summary>Reads a number of cores (fractions allowed, not negative).</summary>
    public static bool TryParseCores(string? text, out double cores, out string? error)
    {
        var trimmed = (text ?? "").Trim();
        if (double.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out cores)
            && double.IsFinite(cores) && cores <= MaxCpu)
        {
            error = null;
            return true;
        }

        cores = 0;
        error = $"'{trimmed}' is not a number of cores (for example 4 or 0.5)";
        return false;
    }

    /// <summary><paramref name="baseline"/> with the given keys replaced by this spec's values.</summary>
    public ResourceVector ApplyTo(ResourceVector baseline) =>
        new(Cpu ?? baseline.Cpu, Memory ?? baseline.Memory, Disk ?? baseline.Disk, Gpu ?? baseline.Gpu);

    /// <summary>The spec in the syntax <see cref="TryParse"/> reads (<c>cpu=4,mem=8GiB</c>); empty when no key is given.</summary>
    public override string ToString()
    {
        var parts = new List<string>(4);
        if (Cpu is { } cpu)
        {
            parts.Add("cpu=" + cpu.ToString("0.###", CultureInfo.InvariantCulture));
        }

        if (Memory is { } memory)
        {
            parts.Add("mem=" + ByteSize.FormatCompact(memory));
        }

        if (Disk is { } disk)
        {
            parts.Add("disk=" + ByteSize.FormatCompact(disk));
        }

        if (Gpu is { } gpu)
        {
            parts.Add("gpu=" + gpu.ToString(CultureInfo.InvariantCulture));
        }

        return string.Join(',', parts);
    }
}
