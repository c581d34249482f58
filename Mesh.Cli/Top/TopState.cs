using Mesh.Core.Control;

namespace Mesh.Cli.Top;

/// <summary>
/// What the person has done with <c>mesh top</c>: the sorted rows, which peer is selected (by id, so it stays on
/// the same peer across refreshes), the scroll position, the sort, whether the detail pane is open and whether
/// they asked to quit. Immutable: <see cref="Apply"/>, <see cref="WithPeers"/> and <see cref="WithPageSize"/>
/// return the next state, so every transition is a pure function that tests can drive key by key.
/// </summary>
public sealed record TopState
{
    /// <summary>The peers in display order.</summary>
    public IReadOnlyList<PeerView> Rows { get; private init; } = [];

    /// <summary>The selected peer's id; null when the table is empty.</summary>
    public string? SelectedId { get; private init; }

    /// <summary>The index in <see cref="Rows"/> of the first row on screen.</summary>
    public int ScrollTop { get; private init; }

    /// <summary>How many rows fit on screen (set from the terminal height).</summary>
    public int PageSize { get; private init; } = 1;

    /// <summary>The sort column.</summary>
    public TopSortKey Sort { get; private init; } = TopSortKey.Rank;

    /// <summary>True when the sort runs against the key's natural direction.</summary>
    public bool Reversed { get; private init; }

    /// <summary>True while the detail pane of the selected peer is shown.</summary>
    public bool DetailOpen { get; private init; }

    /// <summary>True once the person pressed q or Ctrl+C.</summary>
    public bool Quit { get; private init; }

    /// <summary>The index of the selected row in <see cref="Rows"/>; -1 when none.</summary>
    public int SelectedIndex => IndexOf(Rows, SelectedId);

    /// <summary>The selected peer, if any.</summary>
    public PeerView? Selected => SelectedIndex is var i and >= 0 ? Rows[i] : null;

    /// <summary>
    /// Takes a fresh peer table: sorts it, keeps the selection on the same peer id, and when that peer left,
    /// keeps the selection at the same position (clamped).
    /// </summary>
    public TopState WithPeers(IReadOnlyList<PeerView> peers)
    {
        var oldIndex = SelectedIndex;
        var rows = TopSortKeys.Sort(peers, Sort, Reversed);
        var selected = IndexOf(rows, SelectedId) >= 0 || rows.Count == 0
            ? (rows.Count == 0 ? null : SelectedId)
            : rows[Math.Clamp(oldIndex, 0, rows.Count - 1)].Id;
        return (this with { Rows = rows, SelectedId = selected }).Scrolled();
    }

    /// <summary>Sets how many rows fit on screen and scrolls the selection into view.</summary>
    public TopState WithPageSize(int pageSize) => (this with { PageSize = Math.Max(1, pageSize) }).Scrolled();

    /// <summary>Applies one key press.</summary>
    public TopState Apply(ConsoleKeyInfo key)
    {
        if (key.Key == ConsoleKey.C && key.Modifiers.HasFlag(ConsoleModifiers.Control))
        {
            return this with { Quit = true };
        }

        var shift = key.Modifiers.HasFlag(ConsoleModifiers.Shift);
        switch (key.Key)
        {
            case ConsoleKey.UpArrow:
                return MoveBy(-1);
            case ConsoleKey.DownArrow:
                return MoveBy(1);
            case ConsoleKey.PageUp:
                return MoveBy(-PageSize);
            case ConsoleKey.PageDown:
                return MoveBy(PageSize);
            case ConsoleKey.Home:
                return MoveTo(0);
            case ConsoleKey.End:
                return MoveTo(Rows.Count - 1);
            case ConsoleKey.Tab:
                return SortBy(TopSortKeys.Next(Sort, forward: !shift));
            case ConsoleKey.Enter:
                return this with { DetailOpen = SelectedId is not null };
            case ConsoleKey.Escape:
                return this with { DetailOpen = false };
            default:
                break;
        }

        return key.KeyChar switch
        {
            'j' => MoveBy(1),
            'k' => MoveBy(-1),
            'g' => MoveTo(0),
            'G' => MoveTo(Rows.Count - 1),
            's' or '>' => SortBy(TopSortKeys.Next(Sort, forward: true)),
            'S' or '<' => SortBy(TopSortKeys.Next(Sort, forward: false)),
            'r' or 'R' => Resorted(Sort, !Reversed),
            'q' or 'Q' => this with { Quit = true },
            _ => this,
        };
    }

    private TopState SortBy(TopSortKey key) => Resorted(key, reversed: false);

    private TopState Resorted(TopSortKey key, bool reversed) =>
        (this with { Sort = key, Reversed = reversed, Rows = TopSortKeys.Sort(Rows, key, reversed) }).Scrolled();

    private TopState MoveBy(int delta) => Rows.Count == 0 ? this : MoveTo(Math.Max(0, SelectedIndex) + delta);

    private TopState MoveTo(int index)
    {
        if (Rows.Count == 0)
        {
            return this;
        }

        return (this with { SelectedId = Rows[Math.Clamp(index, 0, Rows.Count - 1)].Id }).Scrolled();
    }

    /// <summary>Keeps the selected row on screen and the scroll position within the rows.</summary>
    private TopState Scrolled()
    {
        var top = ScrollTop;
        var index = SelectedIndex;
        if (index >= 0)
        {
            if (index < top)
            {
                top = index;
            }
            else if (index >= top + PageSize)
            {
                top = index - PageSize + 1;
            }
        }

        top = Math.Clamp(top, 0, Math.Max(0, Rows.Count - PageSize));
        return top == ScrollTop ? this : this with { ScrollTop = top };
    }

    private static int IndexOf(IReadOnlyList<PeerView> rows, string? id)
    {
        if (id is null)
        {
            return -1;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }
}
