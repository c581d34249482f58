using Mesh.Core.Resources;

namespace Mesh.Core.Control;

/// <summary>The virtual layer: the sums over every peer in the table, this node included (FIG 7).</summary>
/// <param name="Capacity">The sum of capacities.</param>
/// <param name="Surplus">The sum of surpluses: what the layer offers.</param>
/// <param name="InUse">The sum of what mesh tasks use.</param>
public sealed record LayerTotals(ResourceVector Capacity, ResourceVector Surplus, ResourceVector InUse);
