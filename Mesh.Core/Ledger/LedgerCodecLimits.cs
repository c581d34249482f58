namespace Mesh.Core.Ledger;

/// <summary>
/// Size limits of a ledger entry, enforced by the encoder (so this node never publishes what others reject) and by
/// the decoder before it allocates. docs/protocol.md lists the defaults; another implementation should accept at
/// least these.
/// </summary>
public sealed class LedgerCodecLimits
{
    /// <summary>The largest encoded entry (the whole signed envelope) in bytes. Default 64 KiB.</summary>
    public int MaxEntrySize { get; set; } = 64 * 1024;

    /// <summary>The longest machine name in UTF-8 bytes. Default 64.</summary>
    public int MaxNameLength { get; set; } = 64;

    /// <summary>The most listen addresses in one entry. Default 32.</summary>
    public int MaxAddresses { get; set; } = 32;

    /// <summary>The longest listen address (a multiaddr string) in UTF-8 bytes. Default 256.</summary>
    public int MaxAddressLength { get; set; } = 256;

    /// <summary>The most GPUs in one entry. Default 64.</summary>
    public int MaxGpus { get; set; } = 64;

    /// <summary>The longest GPU model name in UTF-8 bytes. Default 128.</summary>
    public int MaxGpuModelLength { get; set; } = 128;

    /// <summary>The longest policy name in UTF-8 bytes. Default 64.</summary>
    public int MaxPolicyLength { get; set; } = 64;

    /// <summary>Throws if a limit is out of range; the message names it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive, or the entry size is under 1 KiB.</exception>
    public void Validate()
    {
        RequireAtLeast(MaxEntrySize, 1024, nameof(MaxEntrySize));
        RequireAtLeast(MaxNameLength, 1, nameof(MaxNameLength));
        RequireAtLeast(MaxAddresses, 0, nameof(MaxAddresses));
        RequireAtLeast(MaxAddressLength, 1, nameof(MaxAddressLength));
        RequireAtLeast(MaxGpus, 0, nameof(MaxGpus));
        RequireAtLeast(MaxGpuModelLength, 1, nameof(MaxGpuModelLength));
        RequireAtLeast(MaxPolicyLength, 1, nameof(MaxPolicyLength));
    }

    private static void RequireAtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(LedgerCodecLimits)}.{name} must be at least {minimum}.");
        }
    }
}
