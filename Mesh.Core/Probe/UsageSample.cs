namespace Mesh.Core.Probe;

/// <summary>One reading of the system for the owner-usage computation: CPU counters, memory, and every process.</summary>
/// <param name="Cpu">The aggregate CPU counters of <c>/proc/stat</c>.</param>
/// <param name="Memory">MemTotal and MemAvailable.</param>
/// <param name="Processes">Every process readable at that moment.</param>
public sealed record UsageSample(CpuTimes Cpu, MemInfo Memory, IReadOnlyList<ProcessStat> Processes);
