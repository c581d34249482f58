namespace Mesh.Core.Resources;

/// <summary>The key words of the <c>key=value,...</c> resource syntax (<c>cpu</c>, <c>mem</c>, <c>disk</c>, <c>gpu</c>).</summary>
public static class ResourceKeys
{
    /// <summary>The keys as the error messages list them.</summary>
    public const string KeyList = "cpu, mem, disk, gpu";

    /// <summary>The key printed for a kind.</summary>
    public static string Name(ResourceKind kind) => kind switch
    {
        ResourceKind.Cpu => "cpu",
        ResourceKind.Memory => "mem",
        ResourceKind.Disk => "disk",
        _ => "gpu",
    };

    /// <summary>Reads a key (case-insensitive; <c>memory</c> is accepted for <c>mem</c>).</summary>
    public static bool TryParse(string key, out ResourceKind kind)
    {
        switch (key.Trim().ToUpperInvariant())
        {
            case "CPU":
                kind = ResourceKind.Cpu;
                return true;
            case "MEM":
            case "MEMORY":
                kind = ResourceKind.Memory;
                return true;
            case "DISK":
                kind = ResourceKind.Disk;
                return true;
            case "GPU":
                kind = ResourceKind.Gpu;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    /// <summary>
    /// Splits <c>key=value,key=value</c> into its parts, reporting the first part that has no <c>=</c>, an unknown key
    /// or a key given twice. <paramref name="parse"/> reads each value and returns an error or null.
    /// </summary>
    internal static bool TrySplit(string? text, Func<ResourceKind, string, string?> parse, out string? error)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            error = $"empty (give key=value pairs separated by commas, keys {KeyList})";
            return false;
        }

        var seen = new HashSet<ResourceKind>();
        foreach (var rawPart in trimmed.Split(','))
        {
            var part = rawPart.Trim();
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                error = $"'{part}' is not key=value (keys {KeyList})";
                return false;
            }

            var key = part[..equals].Trim();
            if (!TryParse(key, out var kind))
            {
                error = $"{part}: unknown resource '{key}' (use {KeyList})";
                return false;
            }

            if (!seen.Add(kind))
            {
                error = $"{part}: {Name(kind)} is given twice";
                return false;
            }

            if (parse(kind, part[(equals + 1)..].Trim()) is { } problem)
            {
                error = $"{part}: {problem}";
                return false;
            }
        }

        error = null;
        return true;
    }
}
