using System.Globalization;
using Mesh.Core.Control;

namespace Mesh.Cli.Output;

/// <summary>The human form of <c>mesh journal</c>: one row per entry, oldest first, then the height and head.</summary>
public static class JournalTable
{
    /// <summary>How many hex characters of a hash the summary line shows.</summary>
    public const int ShortHashLength = 12;

    private static readonly TextTable Table = new(
    [
        new("HEIGHT", 6, RightAligned: true),
        new("FINISHED", Units.MaxAgoWidth, RightAligned: true),
        new("TASK", 26),
        new("ORIGIN", 8),
        new("EXECUTOR", 8),
        new("OUTCOME", 8),
        new("CPU-S", Units.MaxCpuSecondsWidth, RightAligned: true),
        new("WALL", 7, RightAligned: true),
    ]);

    /// <summary>The width of every line.</summary>
    public static int Width => Table.Width;

    /// <summary>
    /// Writes the page: a header, a row per entry (peers named when <paramref name="names"/> knows them, else the
    /// last characters of their id), then <c>height H, head HASH</c>.
    /// </summary>
    public static void Write(TextWriter output, JournalListView view, IReadOnlyDictionary<string, string> names, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(names);
        output.WriteLine(Table.Header());
        foreach (var entry in view.Entries)
        {
            output.WriteLine(Table.Row(
                entry.Height.ToString(CultureInfo.InvariantCulture),
                Units.Ago(entry.FinishedAt, now),
                entry.Task,
                PeerName(entry.Origin, names),
                PeerName(entry.Executor, names),
                Outcome(entry),
                Units.CpuSeconds(entry.CpuSeconds),
                Units.Duration(TimeSpan.FromSeconds(entry.WallSeconds))));
        }

        output.WriteLine(Summary(view.Height, view.Head));
    }

    /// <summary><c>height H, head HASH</c> with the first <see cref="ShortHashLength"/> hex characters of the hash.</summary>
    public static string Summary(long height, string head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return $"height {height.ToString(CultureInfo.InvariantCulture)}, head {ShortHash(head)}";
    }

    /// <summary>The first <see cref="ShortHashLength"/> characters of a hex hash.</summary>
    public static string ShortHash(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return hash.Length <= ShortHashLength ? hash : hash[..ShortHashLength];
    }

    /// <summary>How the attempt ended, in at most 8 characters: <c>exit 0</c>, <c>signal 9</c>, or the reason (<c>timedOut</c>).</summary>
    public static string Outcome(JournalEntryView entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry switch
        {
            { Outcome: "exited", ExitCode: { } code } => "exit " + code.ToString(CultureInfo.InvariantCulture),
            { Outcome: "signaled", Signal: { } signal } => "signal " + signal.ToString(CultureInfo.InvariantCulture),
            _ => entry.Outcome,
        };
    }

    private static string PeerName(string id, IReadOnlyDictionary<string, string> names) =>
        names.TryGetValue(id, out var name) && name.Length > 0 ? name : PeersTable.ShortId(id);
}
