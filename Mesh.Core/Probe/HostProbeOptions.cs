namespace Mesh.Core.Probe;

/// <summary>Where and how the host probe looks.</summary>
public sealed class HostProbeOptions
{
    /// <summary>The data directory: its filesystem's size is the disk capacity. Default: the current directory.</summary>
    public string DataDir { get; set; } = ".";

    /// <summary>The proc filesystem (tests point this at a recorded copy). Default <c>/proc</c>.</summary>
    public string ProcRoot { get; set; } = "/proc";

    /// <summary>The cgroup filesystem. Default <c>/sys/fs/cgroup</c>.</summary>
    public string CgroupRoot { get; set; } = "/sys/fs/cgroup";

    /// <summary>The nvidia-smi program (a name looked up on PATH, or a path); null or empty skips the GPU query. Default <c>nvidia-smi</c>.</summary>
    public string? NvidiaSmiPath { get; set; } = "nvidia-smi";

    /// <summary>How long nvidia-smi may take before it is killed and no GPUs are reported. Default 5 s.</summary>
    public TimeSpan NvidiaSmiTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The process whose tree counts as mesh (not the owner's). Default: this process.</summary>
    public int MeshProcessId { get; set; } = Environment.ProcessId;

    /// <summary>Throws <see cref="ArgumentException"/> or <see cref="ArgumentOutOfRangeException"/> naming the bad option.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(DataDir, nameof(DataDir));
        ArgumentException.ThrowIfNullOrWhiteSpace(ProcRoot, nameof(ProcRoot));
        ArgumentException.ThrowIfNullOrWhiteSpace(CgroupRoot, nameof(CgroupRoot));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(NvidiaSmiTimeout, TimeSpan.Zero, nameof(NvidiaSmiTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MeshProcessId, 0, nameof(MeshProcessId));
    }
}
