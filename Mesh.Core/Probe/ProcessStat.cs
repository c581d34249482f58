namespace Mesh.Core.Probe;

/// <summary>The fields of <c>/proc/PID/stat</c> the probe needs.</summary>
/// <param name="Pid">Process id.</param>
/// <param name="ParentPid">Parent process id.</param>
/// <param name="CpuTicks">utime + stime in clock ticks.</param>
/// <param name="RssPages">Resident set size in pages.</param>
/// <param name="StartTicks">Start time after boot in clock ticks (tells a reused pid from the old process).</param>
public readonly record struct ProcessStat(int Pid, int ParentPid, ulong CpuTicks, long RssPages, ulong StartTicks);
