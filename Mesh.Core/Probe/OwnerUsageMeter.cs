using Mesh.Core.Resources;

namespace Mesh.Core.Probe;

/// <summary>
/// Turns successive <see cref="UsageSample"/>s into the owner's usage: system CPU and memory minus what the mesh
/// process and its descendants use. Pure arithmetic over the samples, so it is tested with recorded readings.
/// </summary>
/// <param name="meshProcessId">The root of the mesh process tree (the node).</param>
/// <param name="pageSize">Bytes per page (RSS is counted in pages).</param>
public sealed class OwnerUsageMeter(int meshProcessId, long pageSize)
{
    private UsageSample? _previous;
    private Dictionary<int, ProcessStat> _previousMesh = [];

    /// <summary>The processes of the mesh tree in <paramref name="processes"/>: the root and every descendant.</summary>
    public static IReadOnlyList<ProcessStat> MeshTree(IReadOnlyList<ProcessStat> processes, int rootPid)
    {
        ArgumentNullException.ThrowIfNull(processes);
        var children = processes.ToLookup(p => p.ParentPid);
        var tree = new List<ProcessStat>();
        var seen = new HashSet<int>();
        var pending = new Stack<ProcessStat>(processes.Where(p => p.Pid == rootPid));
        while (pending.TryPop(out var process))
        {
            // A malformed sample could hold a parent cycle; each pid is taken once.
            if (!seen.Add(process.Pid))
            {
                continue;
            }

            tree.Add(process);
            foreach (var child in children[process.Pid])
            {
                pending.Push(child);
            }
        }

        return tree;
    }

    /// <summary>
    /// The owner's usage over the interval since the previous sample (CPU) and now (memory). The first sample gives zero CPU.
    /// </summary>
    public ResourceVector Next(UsageSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var mesh = MeshTree(sample.Processes, meshProcessId).ToDictionary(p => p.Pid);
        var meshMemory = mesh.Values.Sum(p => p.RssPages) * pageSize;
        var ownerMemory = Math.Max(0, sample.Memory.Used - meshMemory);

        double ownerCpu = 0;
        if (_previous is { } previous && sample.Cpu.Total > previous.Cpu.Total && sample.Cpu.Busy >= previous.Cpu.Busy)
        {
            // Ticks per CPU over the interval: the total delta spreads over every online CPU.
            var ticksPerCpu = (double)(sample.Cpu.Total - previous.Cpu.Total) / sample.Cpu.CpuCount;
            var busyCores = (sample.Cpu.Busy - previous.Cpu.Busy) / ticksPerCpu;
            var meshCores = MeshTicks(mesh) / ticksPerCpu;
            ownerCpu = Math.Clamp(busyCores - meshCores, 0, sample.Cpu.CpuCount);
        }

        _previous = sample;
        _previousMesh = mesh;
        return new ResourceVector(ownerCpu, ownerMemory, 0, 0);
    }

    private double MeshTicks(Dictionary<int, ProcessStat> mesh)
    {
        ulong ticks = 0;
        foreach (var process in mesh.Values)
        {
            // A process seen before counts its growth; a new one (or a reused pid) counts all its ticks, most of
            // which fell in this interval. Ticks of processes that exited in between are lost (counted as owner's).
            if (_previousMesh.TryGetValue(process.Pid, out var before) && before.StartTicks == process.StartTicks)
            {
                ticks += process.CpuTicks >= before.CpuTicks ? process.CpuTicks - before.CpuTicks : 0;
            }
            else
            {
                ticks += process.CpuTicks;
            }
        }

        return ticks;
    }
}
