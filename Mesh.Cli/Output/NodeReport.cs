using System.Globalization;
using Mesh.Core.Control;
using Mesh.Core.Resources;

namespace Mesh.Cli.Output;

/// <summary>The human form of <c>mesh node</c>: one labelled line per fact, resources as a small table.</summary>
public static class NodeReport
{
    private const int LabelWidth = 12;

    private static readonly TextTable Resources = new(
    [
        new("", LabelWidth - 1),
        new("CPU", 5, RightAligned: true),
        new("MEM", ByteSize.MaxBinaryWidth, RightAligned: true),
        new("DISK", ByteSize.MaxDecimalWidth, RightAligned: true),
        new("GPU", 3, RightAligned: true),
    ]);

    /// <summary>Writes the report for <paramref name="node"/>; <paramref name="now"/> dates its start.</summary>
    public static void Write(TextWriter output, NodeView node, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(node);
        Line(output, "id", node.Id);
        Line(output, "name", node.Name);
        Lines(output, "addrs", node.Addrs, "none");
        output.WriteLine(Resources.Header());
        output.WriteLine(Row("capacity", node.Capacity));
        output.WriteLine(Row("reserved", node.Reserved));
        output.WriteLine(Row("surplus", node.Surplus));
        output.WriteLine(Row("owner usage", node.OwnerUsage));
        output.WriteLine(Row("in use", node.InUse));
        Lines(output, "gpus", [.. node.Gpus.Select(g => $"{g.Model} ({Units.Memory(g.Memory)})")], "none");
        Line(output, "policy", node.Policy);
        Line(output, "score", node.Score == 0 ? "not measured yet" : $"{Units.Score(node.Score)} (rank {Rank(node.Rank)})");
        Lines(output, "isolation", node.Isolation, "none reported by the node");
        Line(output, "data dir", node.DataDir);
        Line(output, "mesh key", node.MeshKeyFingerprint);
        if (node.StartedAt != default)
        {
            Line(output, "started", $"{node.StartedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)} ({Units.Ago(node.StartedAt, now)})");
        }
    }

    private static string Rank(int rank) => rank > 0 ? rank.ToString(CultureInfo.InvariantCulture) : "not ranked yet";

    private static string Row(string label, ResourceVector amount) => Resources.Row(
        label,
        Units.Cpu(amount.Cpu),
        Units.Memory(amount.Memory),
        Units.Disk(amount.Disk),
        amount.Gpu.ToString(CultureInfo.InvariantCulture));

    private static void Line(TextWriter output, string label, string value) => output.WriteLine($"{label.PadRight(LabelWidth)}{value}");

    private static void Lines(TextWriter output, string label, IReadOnlyList<string> values, string none)
    {
        if (values.Count == 0)
        {
            Line(output, label, none);
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            Line(output, i == 0 ? label : "", values[i]);
        }
    }
}
