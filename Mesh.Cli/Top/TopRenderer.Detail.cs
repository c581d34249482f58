using System.Globalization;
using Mesh.Cli.Output;
using Mesh.Core.Control;
using Mesh.Core.Resources;

namespace Mesh.Cli.Top;

/// <content>The detail pane: every field of the selected peer, in place of the table.</content>
public static partial class TopRenderer
{
    private const int FieldWidth = 11;
    private const int AmountWidth = 11;

    private static void AddDetail(List<string> lines, TopModel model, PeerView peer, int width, int rows, bool color)
    {
        var pane = new List<string>();
        var title = new LineBuilder(width, color).WithLineStyle(TextStyle.Inverse)
            .Append($" {peer.Name}{(peer.IsSelf ? "  (this node)" : "")}");
        pane.Add(title.Fill().ToString());

        Field(pane, "id", peer.Id, width, color);
        if (peer.Addrs.Count == 0)
        {
            Field(pane, "addresses", "none known", width, color);
        }

        for (var i = 0; i < peer.Addrs.Count; i++)
        {
            // The /p2p/ID suffix repeats the id shown above; dropping it keeps addresses within 80 columns.
            Field(pane, i == 0 ? "addresses" : "", WithoutOwnId(peer.Addrs[i], peer.Id), width, color);
        }

        var rank = peer.Rank > 0 ? $"rank {peer.Rank} of {model.State.Rows.Count}" : "not ranked yet";
        Field(pane, "score", $"{Units.Score(peer.Score)} ({rank})", width, color);
        Field(pane, "policy", peer.Policy, width, color);
        Field(pane, "tasks", $"{peer.Queued} queued, {peer.Running} running", width, color);
        var seen = peer.LastSeen == default
            ? "never"
            : $"{Units.Ago(peer.LastSeen, model.Now)} ({peer.LastSeen.ToOffset(model.UpdatedAt?.Offset ?? TimeSpan.Zero).ToString("HH:mm:ss", CultureInfo.InvariantCulture)})";
        Field(pane, "last seen", seen, width, color);

        pane.Add(new LineBuilder(width, color).Pad(FieldWidth + 1)
            .Append(Amounts("capacity", "reserved", "surplus", "in use"), TextStyle.Bold).ToString());
        ResourceRow(pane, "cpu", peer, v => Units.Cpu(v.Cpu), width, color);
        ResourceRow(pane, "memory", peer, v => Units.Memory(v.Memory), width, color);
        ResourceRow(pane, "disk", peer, v => Units.Disk(v.Disk), width, color);
        ResourceRow(pane, "gpu", peer, v => v.Gpu.ToString(CultureInfo.InvariantCulture), width, color);

        if (peer.Gpus.Count == 0)
        {
            Field(pane, "gpus", "none", width, color);
        }

        for (var i = 0; i < peer.Gpus.Count; i++)
        {
            Field(pane, i == 0 ? "gpus" : "", $"{peer.Gpus[i].Model}, {Units.Memory(peer.Gpus[i].Memory)}", width, color);
        }

        AddJournal(pane, peer, width, color);
        lines.AddRange(pane.Take(Math.Max(0, rows)));
    }

    private static void AddJournal(List<string> pane, PeerView peer, int width, bool color)
    {
        if (peer.Journal is not { } journal)
        {
            Field(pane, "journal", "none announced", width, color);
            return;
        }

        var head = $"height {journal.Height.ToString(CultureInfo.InvariantCulture)}, head {JournalTable.ShortHash(journal.Head)}";
        if (PeersTable.IsForked(peer))
        {
            // Loud on purpose: the peer rewrote history it had announced, so its contribution figures cannot be trusted.
            pane.Add(new LineBuilder(width, color).Append(" " + "journal".PadRight(FieldWidth), TextStyle.Cyan)
                .Append("journal forked", TextStyle.Red).Append($" ({head})").ToString());
            Field(pane, "", journal.Problem ?? "its history was rewritten", width, color);
        }
        else
        {
            Field(pane, "journal", $"{head} ({journal.Status})", width, color);
        }

        Field(pane, "given", Contribution(journal.Given), width, color);
        Field(pane, "used", Contribution(journal.Used), width, color);
    }

    private static string Contribution(ResourceSecondsView amount) =>
        $"{Units.CpuSeconds(amount.CpuSeconds)} cpu, {amount.Tasks.ToString(CultureInfo.InvariantCulture)} tasks";

    private static void Field(List<string> pane, string name, string value, int width, bool color) =>
        pane.Add(new LineBuilder(width, color).Append(" " + name.PadRight(FieldWidth), TextStyle.Cyan).Append(value).ToString());

    private static void ResourceRow(List<string> pane, string name, PeerView peer, Func<ResourceVector, string> format, int width, bool color) =>
        pane.Add(new LineBuilder(width, color).Append(" " + name.PadRight(FieldWidth), TextStyle.Cyan)
            .Append(Amounts(format(peer.Capacity), format(peer.Reserved), format(peer.Surplus), format(peer.InUse))).ToString());

    private static string Amounts(string capacity, string reserved, string surplus, string inUse) =>
        capacity.PadLeft(AmountWidth) + reserved.PadLeft(AmountWidth) + surplus.PadLeft(AmountWidth) + inUse.PadLeft(AmountWidth);

    private static string WithoutOwnId(string addr, string id)
    {
        var suffix = "/p2p/" + id;
        return addr.EndsWith(suffix, StringComparison.Ordinal) ? addr[..^suffix.Length] : addr;
    }
}
