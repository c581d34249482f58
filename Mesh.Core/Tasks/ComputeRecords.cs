using Mesh.Core.Journal;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Tasks;

/// <summary>Builds the compute record of an attempt and checks a received one against what the origin knows (docs/protocol.md "Journal").</summary>
internal static class ComputeRecords
{
    /// <summary>The record of <paramref name="attempt"/> of <paramref name="task"/>, which ran <paramref name="spec"/> and ended with <paramref name="result"/>.</summary>
    public static ComputeRecord Build(
        TaskId task, AttemptId attempt, PeerId origin, PeerId executor, TaskSpec spec, TaskResult result, DateTimeOffset startedAt, DateTimeOffset finishedAt) => new()
        {
            Task = task,
            Attempt = attempt,
            Origin = origin,
            Executor = executor,
            CommandDigest = CommandDigest.Of(spec.Argv),
            Requested = spec.Resources,
            Used = result.Usage,
            StartedAt = startedAt,
            FinishedAt = finishedAt < startedAt ? startedAt : finishedAt,
            Reason = result.Reason,
            ExitCode = result.ExitCode,
            Signal = result.Signal,
        };

    /// <summary>
    /// What is wrong with <paramref name="record"/> as the record of the attempt the origin <paramref name="self"/>
    /// sent to <paramref name="executor"/>, which reported <paramref name="result"/>; null when it matches.
    /// </summary>
    public static string? Mismatch(
        ComputeRecord record, TaskId task, AttemptId attempt, PeerId self, string executor, TaskSpec spec, TaskResult result)
    {
        if (record.Task != task || record.Attempt != attempt)
        {
            return $"the compute record is of task {record.Task} attempt {record.Attempt}, not {task} attempt {attempt}";
        }

        if (record.Origin != self)
        {
            return $"the compute record names origin {record.Origin}, not this node";
        }

        if (record.Executor.ToString() != executor)
        {
            return $"the compute record names executor {record.Executor}, not the stream's peer";
        }

        if (!record.CommandDigest.Span.SequenceEqual(CommandDigest.Of(spec.Argv)))
        {
            return "the compute record's command digest is not the task's";
        }

        if (record.Requested != spec.Resources)
        {
            return $"the compute record requests {record.Requested}, the task {spec.Resources}";
        }

        if (record.Reason != result.Reason || record.ExitCode != result.ExitCode || record.Signal != result.Signal)
        {
            return $"the compute record's end ({record.Reason}, exit {record.ExitCode}, signal {record.Signal}) is not the result's "
                + $"({result.Reason}, exit {result.ExitCode}, signal {result.Signal})";
        }

        return null;
    }
}
