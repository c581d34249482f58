using Mesh.Cli.Output;
using Mesh.Core.Control;
using Mesh.Core.Resources;

namespace Mesh.Cli.Top;

/// <content>The virtual-layer totals: one bar per resource (FIG 7).</content>
public static partial class TopRenderer
{
    /// <summary>A bar cell for capacity in use by mesh tasks.</summary>
    internal const char InUseCell = '#';

    /// <summary>A bar cell for surplus nobody uses yet: what the layer can still give.</summary>
    internal const char FreeCell = '=';

    /// <summary>A bar cell for what the owner keeps or uses (capacity minus surplus).</summary>
    internal const char OwnerCell = '.';

    private const int LabelWidth = 4;
    private const int MinBarWidth = 10;
    private const int MaxBarWidth = 60;

    private static void AddTotals(List<string> lines, TopModel model, int width, bool color)
    {
        var totals = model.View?.Totals ?? new LayerTotals(ResourceVector.Zero, ResourceVector.Zero, ResourceVector.Zero);
        var rows = new (string Label, double InUse, double Surplus, double Capacity, string Text)[]
        {
            ("CPU", totals.InUse.Cpu, totals.Surplus.Cpu, totals.Capacity.Cpu,
                Numbers(Units.Cpu(totals.InUse.Cpu), Units.Cpu(totals.Surplus.Cpu), Units.Cpu(totals.Capacity.Cpu) + " cores")),
            ("MEM", totals.InUse.Memory, totals.Surplus.Memory, totals.Capacity.Memory,
                Numbers(Units.Memory(totals.InUse.Memory), Units.Memory(totals.Surplus.Memory), Units.Memory(totals.Capacity.Memory))),
            ("DISK", totals.InUse.Disk, totals.Surplus.Disk, totals.Capacity.Disk,
                Numbers(Units.Disk(totals.InUse.Disk), Units.Disk(totals.Surplus.Disk), Units.Disk(totals.Capacity.Disk))),
            ("GPU", totals.InUse.Gpu, totals.Surplus.Gpu, totals.Capacity.Gpu,
                Numbers($"{totals.InUse.Gpu}", $"{totals.Surplus.Gpu}", totals.Capacity.Gpu == 1 ? "1 device" : $"{totals.Capacity.Gpu} devices")),
        };

        // The bars line up: all as wide as the longest numbers leave room for.
        var textWidth = rows.Max(r => r.Text.Length);
        var barWidth = Math.Clamp(width - LabelWidth - 2 - 3 - textWidth, MinBarWidth, MaxBarWidth);
        foreach (var row in rows)
        {
            var line = new LineBuilder(width, color).Append(row.Label.PadRight(LabelWidth), TextStyle.Bold).Append(" [");
            var (inUse, free) = BarCells(row.InUse, row.Surplus, row.Capacity, barWidth);
            line.Append(new string(InUseCell, inUse), TextStyle.Yellow)
                .Append(new string(FreeCell, free), TextStyle.Green)
                .Append(new string(row.Capacity > 0 ? OwnerCell : ' ', barWidth - inUse - free), TextStyle.Dim)
                .Append("]  ")
                .Append(row.Text);
            lines.Add(line.ToString());
        }
    }

    /// <summary>
    /// How many cells of a bar show use by mesh tasks and how many show free surplus; the rest is the owner's.
    /// Mesh tasks run on surplus, so use is counted inside the surplus; a part that is not zero gets at least
    /// one cell so that a little use stays visible.
    /// </summary>
    internal static (int InUse, int Free) BarCells(double inUse, double surplus, double capacity, int width)
    {
        if (capacity <= 0 || width <= 0)
        {
            return (0, 0);
        }

        inUse = Math.Clamp(inUse, 0, capacity);
        var surplusEnd = Math.Clamp(Math.Max(surplus, inUse), 0, capacity);
        var useCells = Cells(inUse, capacity, width);
        var surplusCells = Math.Max(useCells + (surplusEnd > inUse ? 1 : 0), Cells(surplusEnd, capacity, width));
        surplusCells = Math.Min(width, surplusCells);
        return (useCells, surplusCells - useCells);
    }

    private static int Cells(double value, double capacity, int width)
    {
        if (value <= 0)
        {
            return 0;
        }

        return Math.Clamp((int)Math.Round(value / capacity * width, MidpointRounding.AwayFromZero), 1, width);
    }

    private static string Numbers(string inUse, string surplus, string capacity) => $"in use {inUse} / surplus {surplus} / capacity {capacity}";
}
