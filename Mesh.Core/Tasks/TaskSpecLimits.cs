namespace Mesh.Core.Tasks;

/// <summary>The self-contained limits <see cref="TaskSpecValidator"/> enforces on a spec (this node's defaults).</summary>
public sealed class TaskSpecLimits
{
    /// <summary>The most argv elements. Default 4,096.</summary>
    public int MaxArgs { get; set; } = 4096;

    /// <summary>The most bytes (UTF-8, summed over the elements) of argv. Default 128 KiB.</summary>
    public int MaxArgvBytes { get; set; } = 128 * 1024;

    /// <summary>The most environment entries. Default 256.</summary>
    public int MaxEnvironmentEntries { get; set; } = 256;

    /// <summary>The most bytes (UTF-8, names plus values) of the environment. Default 64 KiB.</summary>
    public int MaxEnvironmentBytes { get; set; } = 64 * 1024;

    /// <summary>The most input files. Default 1,000.</summary>
    public int MaxInputs { get; set; } = 1000;

    /// <summary>The most output globs. Default 64.</summary>
    public int MaxOutputs { get; set; } = 64;

    /// <summary>The most bytes (UTF-8) of an input name or output glob. Default 1,024.</summary>
    public int MaxPathBytes { get; set; } = 1024;

    /// <summary>The most retries a spec may ask for. Default 10.</summary>
    public int MaxRetries { get; set; } = 10;

    /// <summary>The longest timeout a spec may ask for. Default 7 days.</summary>
    public TimeSpan MaxTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The default limits.</summary>
    public static TaskSpecLimits Default { get; } = new();

    /// <summary>Checks every limit is positive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range; the message names it.</exception>
    public void Validate()
    {
        Positive(MaxArgs, nameof(MaxArgs));
        Positive(MaxArgvBytes, nameof(MaxArgvBytes));
        Positive(MaxEnvironmentEntries, nameof(MaxEnvironmentEntries));
        Positive(MaxEnvironmentBytes, nameof(MaxEnvironmentBytes));
        Positive(MaxInputs, nameof(MaxInputs));
        Positive(MaxOutputs, nameof(MaxOutputs));
        Positive(MaxPathBytes, nameof(MaxPathBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries, nameof(MaxRetries));
        if (MaxTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTimeout), MaxTimeout, "MaxTimeout must be positive");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1");
        }
    }
}
