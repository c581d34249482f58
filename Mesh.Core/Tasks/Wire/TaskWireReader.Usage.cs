namespace Mesh.Core.Tasks.Wire;

/// <content>The `usage` array, shared by <c>RunResult</c> and the journal's compute record.</content>
internal ref partial struct TaskWireReader
{
    /// <summary>Reads <c>[wallTime µs, cpuTime µs, peakMemory bytes, ...]</c>; further elements are skipped.</summary>
    public TaskUsage ReadUsage()
    {
        var length = ReadArrayHeader(16, "the usage");
        if (length < 3)
        {
            throw Invalid("the usage has fewer than 3 elements");
        }

        var usage = new TaskUsage(ReadMicroseconds("the wall time"), ReadMicroseconds("the CPU time"), ReadNonNegative("the peak memory"));
        SkipRest(length, 3);
        return usage;
    }
}
