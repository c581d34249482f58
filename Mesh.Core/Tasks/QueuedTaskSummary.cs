using Mesh.Core.Resources;

namespace Mesh.Core.Tasks;

/// <summary>What a scheduler needs of a queued task, and no more: the full spec stays in the database until it starts.</summary>
/// <param name="Id">The task.</param>
/// <param name="Resources">Its resource request.</param>
/// <param name="Placement">Where it may run.</param>
public readonly record struct QueuedTaskSummary(TaskId Id, ResourceVector Resources, PlacementKind Placement);
