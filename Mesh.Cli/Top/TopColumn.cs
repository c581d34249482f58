using Mesh.Core.Control;

namespace Mesh.Cli.Top;

/// <summary>One column of the peer table.</summary>
/// <param name="Header">The heading.</param>
/// <param name="Width">Columns it takes (the name column grows beyond this into spare width).</param>
/// <param name="AlignRight">True for numbers.</param>
/// <param name="SortKey">The sort key the heading stands for, marked with '*' when it is the sort; null for none.</param>
/// <param name="Cell">The cell text for a peer at a given time.</param>
internal sealed record TopColumn(string Header, int Width, bool AlignRight, TopSortKey? SortKey, Func<PeerView, DateTimeOffset, string> Cell);
