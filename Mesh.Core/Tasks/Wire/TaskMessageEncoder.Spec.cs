using MessagePack;

namespace Mesh.Core.Tasks.Wire;

internal static partial class TaskMessageEncoder
{
    /// <summary>The spec map: keys 0-4, 6 and 7 always; 5 (timeout) and 8 (array index) only when set.</summary>
    private static void WriteSpec(ref MessagePackWriter writer, TaskSpec spec)
    {
        writer.WriteMapHeader(7 + (spec.Timeout is null ? 0 : 1) + (spec.ArrayIndex is null ? 0 : 1));
        writer.Write(0);
        writer.WriteArrayHeader(spec.Argv.Count);
        foreach (var argument in spec.Argv)
        {
            writer.Write(argument);
        }

        writer.Write(1);
        writer.WriteMapHeader(spec.Environment.Count);
        foreach (var (name, value) in spec.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.Write(name);
            writer.Write(value);
        }

        writer.Write(2);
        writer.WriteArrayHeader(spec.Inputs.Count);
        foreach (var input in spec.Inputs)
        {
            writer.WriteArrayHeader(3);
            writer.Write(input.Name);
            writer.Write(TaskWireValues.Sha256Bytes(input.Sha256, "an input's sha256"));
            writer.Write(NonNegative(input.Size, "an input's size"));
        }

        writer.Write(3);
        writer.WriteArrayHeader(spec.Outputs.Count);
        foreach (var glob in spec.Outputs)
        {
            writer.Write(glob);
        }

        writer.Write(4);
        WriteResources(ref writer, spec.Resources);
        if (spec.Timeout is { } timeout)
        {
            writer.Write(5);
            writer.Write(Milliseconds(timeout, "the timeout"));
        }

        writer.Write(6);
        writer.Write(spec.MaxRetries >= 0 ? spec.MaxRetries : throw new ArgumentException("maxRetries is negative."));
        writer.Write(7);
        WritePlacement(ref writer, spec.Placement);
        if (spec.ArrayIndex is { } index)
        {
            writer.Write(8);
            writer.Write(NonNegative(index, "the array index"));
        }
    }

    /// <summary>[kind, peer | nil, requirements | nil]; requirements [minGpuMemory, gpuModel | nil, minScore float64].</summary>
    private static void WritePlacement(ref MessagePackWriter writer, TaskPlacement placement)
    {
        writer.WriteArrayHeader(3);
        writer.Write((int)placement.Kind);
        WriteOptional(ref writer, placement.Peer);
        if (placement.Requirements is not { } requirements)
        {
            writer.WriteNil();
            return;
        }

        writer.WriteArrayHeader(3);
        writer.Write(NonNegative(requirements.MinGpuMemory, "minGpuMemory"));
        WriteOptional(ref writer, requirements.GpuModel);
        writer.Write(double.IsFinite(requirements.MinScore) && requirements.MinScore >= 0 ? requirements.MinScore : throw new ArgumentException("minScore is negative or not finite."));
    }

    private static void WriteOptional(ref MessagePackWriter writer, string? text)
    {
        if (text is null)
        {
            writer.WriteNil();
        }
        else
        {
            writer.Write(text);
        }
    }

    /// <summary>{0 attempt, 1 task, 2 reason, [3 exitCode], [4 signal], [5 message], 6 usage, 7 outputs, [8 journal]}.</summary>
    private static void WriteRunResult(ref MessagePackWriter writer, RunResultMessage message)
    {
        var result = message.Result;
        writer.WriteMapHeader(5 + (result.ExitCode is null ? 0 : 1) + (result.Signal is null ? 0 : 1) + (result.Message is null ? 0 : 1)
            + (message.Journal is null ? 0 : 1));
        WriteAttemptAndTask(ref writer, message.Attempt, message.Task);
        writer.Write(2);
        writer.Write((int)result.Reason);
        if (result.ExitCode is { } exitCode)
        {
            writer.Write(3);
            writer.Write(exitCode);
        }

        if (result.Signal is { } signal)
        {
            writer.Write(4);
            writer.Write(signal);
        }

        if (result.Message is { } text)
        {
            writer.Write(5);
            writer.Write(text);
        }

        writer.Write(6);
        writer.WriteArrayHeader(3);
        writer.Write(NonNegative(result.Usage.WallTime.Ticks / TimeSpan.TicksPerMicrosecond, "the wall time"));
        writer.Write(NonNegative(result.Usage.CpuTime.Ticks / TimeSpan.TicksPerMicrosecond, "the CPU time"));
        writer.Write(NonNegative(result.Usage.PeakMemory, "the peak memory"));
        writer.Write(7);
        writer.WriteArrayHeader(result.Outputs.Count);
        foreach (var file in result.Outputs)
        {
            writer.WriteArrayHeader(3);
            writer.Write(file.Name);
            writer.Write(TaskWireValues.Sha256Bytes(file.Sha256, "an output file's sha256"));
            writer.Write(NonNegative(file.Size, "an output file's size"));
        }

        if (message.Journal is { } journal)
        {
            if (journal.Record.IsEmpty)
            {
                throw new ArgumentException("The compute record is empty.");
            }

            writer.Write(8);
            writer.WriteArrayHeader(2);
            writer.Write(journal.Record.Span);
            writer.Write(Signature(journal.ExecutorSignature, "the executor signature"));
        }
    }
}
