using Microsoft.Extensions.Logging;

namespace Mesh.Core.Probe;

/// <summary>Picks the probe for the operating system the node runs on.</summary>
public static class HostProbes
{
    /// <summary>The Linux probe on Linux; elsewhere a portable probe that asks .NET (no owner usage, no GPUs).</summary>
    public static IHostProbe CreateDefault(HostProbeOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return OperatingSystem.IsLinux() ? new LinuxHostProbe(options, logger) : new PortableHostProbe(options);
    }

    /// <summary>The owner-usage source for the operating system: /proc on Linux; elsewhere one that reports zero.</summary>
    public static IOwnerUsageSource CreateDefaultUsageSource(HostProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return OperatingSystem.IsLinux() ? new LinuxOwnerUsageSource(options) : new ZeroOwnerUsageSource();
    }
}
