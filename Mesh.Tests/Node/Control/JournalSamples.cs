using Mesh.Core.Control;
using Mesh.Core.Resources;

namespace Mesh.Tests.Node.Control;

/// <summary>Deterministic journal views for control API and CLI tests.</summary>
internal static class JournalSamples
{
    public static readonly string Head = "0123456789ab" + new string('a', 52);

    /// <summary>A page of <paramref name="count"/> entries of the answering node's journal (<see cref="ControlSamples.PeerIdOf"/> 0).</summary>
    public static JournalListView List(int count) => new()
    {
        Peer = ControlSamples.PeerIdOf(0),
        Name = "alpha",
        Height = count,
        Head = count == 0 ? new string('0', 64) : Head,
        Entries = [.. Enumerable.Range(1, count).Select(Entry)],
    };

    /// <summary>Entry <paramref name="height"/>: run by peer 1 for peer 0 on odd heights, by peer 0 for peer 2 on even ones.</summary>
    public static JournalEntryView Entry(int height) => new()
    {
        Height = height,
        Hash = height.ToString("x64", System.Globalization.CultureInfo.InvariantCulture),
        Previous = (height - 1).ToString("x64", System.Globalization.CultureInfo.InvariantCulture),
        Task = $"01JD{height:0000000000000000000000}",
        Attempt = "0000000000001",
        Origin = ControlSamples.PeerIdOf(height % 2 == 1 ? 0 : 2),
        Executor = ControlSamples.PeerIdOf(height % 2 == 1 ? 1 : 0),
        CommandDigest = new string('c', 64),
        Requested = new ResourceVector(1, ControlSamples.GiB, 0, 0),
        WallSeconds = 65,
        CpuSeconds = 12.5 * height,
        PeakMemory = 100_000_000,
        StartedAt = ControlSamples.Now.AddMinutes(-10),
        FinishedAt = ControlSamples.Now.AddMinutes(-9),
        Outcome = height == 3 ? "signaled" : "exited",
        ExitCode = height == 3 ? null : 0,
        Signal = height == 3 ? 9 : null,
        ExecutorSignature = new string('e', 128),
        OriginSignature = new string('f', 128),
    };

    public static JournalVerifyView Verified(int entries) => new()
    {
        Peer = ControlSamples.PeerIdOf(0),
        Name = "alpha",
        Ok = true,
        Entries = entries,
        Height = entries,
        Head = Head,
    };

    public static JournalVerifyView Bad(long position, string kind, string detail) => new()
    {
        Peer = ControlSamples.PeerIdOf(1),
        Name = "host-01",
        Ok = false,
        Entries = position,
        Height = position,
        Head = Head,
        FirstBad = new JournalFaultView(position, kind, detail),
    };

    /// <summary>A journal field for a peer row.</summary>
    public static JournalPeerView PeerJournal(double givenCpuSeconds, double usedCpuSeconds, string status = "consistent", string? problem = null) => new()
    {
        Height = 42,
        Head = Head,
        Given = new ResourceSecondsView(givenCpuSeconds, 0, 0, 3),
        Used = new ResourceSecondsView(usedCpuSeconds, 0, 0, 2),
        Status = status,
        Problem = problem,
    };
}
