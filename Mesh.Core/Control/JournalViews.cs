using System.Text.Json;
using Mesh.Core.Journal;

namespace Mesh.Core.Control;

/// <summary>Maps journal values to the control API's views (docs/control-api.md, "Journal").</summary>
public static class JournalViews
{
    /// <summary>The view of a decoded entry.</summary>
    public static JournalEntryView ToEntryView(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var signed = entry.Transaction;
        var record = signed.Record;
        return new JournalEntryView
        {
            Height = entry.Height,
            Hash = Convert.ToHexStringLower(entry.Hash.Span),
            Previous = Convert.ToHexStringLower(entry.Previous.Span),
            Task = record.Task.ToString(),
            Attempt = record.Attempt.ToString(),
            Origin = record.Origin.ToString(),
            Executor = record.Executor.ToString(),
            CommandDigest = Convert.ToHexStringLower(record.CommandDigest.Span),
            Requested = record.Requested,
            WallSeconds = record.Used.WallTime.TotalSeconds,
            CpuSeconds = record.Used.CpuTime.TotalSeconds,
            PeakMemory = record.Used.PeakMemory,
            StartedAt = record.StartedAt,
            FinishedAt = record.FinishedAt,
            Outcome = JsonNamingPolicy.CamelCase.ConvertName(record.Reason.ToString()),
            ExitCode = record.ExitCode,
            Signal = record.Signal,
            ExecutorSignature = Convert.ToHexStringLower(signed.ExecutorSignature.Span),
            OriginSignature = Convert.ToHexStringLower(signed.OriginSignature.Span),
        };
    }

    /// <summary>The view of a fault (its kind camelCased: <c>badExecutorSignature</c>).</summary>
    public static JournalFaultView ToFaultView(JournalFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return new JournalFaultView(fault.Position, KindName(fault.Kind), fault.Detail);
    }

    /// <summary>The name of a fault kind in the API: the enum name camelCased.</summary>
    public static string KindName(JournalFaultKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>The view of an amount of resource-seconds.</summary>
    public static ResourceSecondsView ToView(ResourceSeconds amount)
    {
        ArgumentNullException.ThrowIfNull(amount);
        return new ResourceSecondsView(amount.CpuSeconds, amount.MemoryByteSeconds, amount.GpuSeconds, amount.Tasks);
    }

    /// <summary>
    /// The <c>journal</c> field of a peer row: what <paramref name="summary"/> announces and what
    /// <paramref name="state"/> knows of it; null when the peer announces no journal.
    /// </summary>
    public static JournalPeerView? ToPeerView(JournalSummary? summary, JournalPeerState? state)
    {
        if (summary is null)
        {
            return null;
        }

        state ??= JournalPeerState.Unknown;
        return new JournalPeerView
        {
            Height = summary.Head.Height,
            Head = summary.Head.HashHex,
            Given = ToView(summary.Contribution.Given),
            Used = ToView(summary.Contribution.Used),
            Status = StatusName(state.Status),
            Problem = state.Problem,
        };
    }

    /// <summary>The name of a peer journal status in the API: <c>unknown</c>, <c>consistent</c> or <c>forked</c>.</summary>
    public static string StatusName(JournalPeerStatus status) => status switch
    {
        JournalPeerStatus.Consistent => "consistent",
        JournalPeerStatus.Forked => "forked",
        _ => "unknown",
    };
}
