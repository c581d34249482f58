using Mesh.Core.Resources;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Tasks.Wire;

/// <summary>Thief to victim: offer me queued work that fits my free surplus.</summary>
/// <param name="Thief">The asking peer.</param>
/// <param name="Surplus">Its free surplus now (every component finite and not negative).</param>
/// <param name="MaxTasks">The most tasks it takes (at least 1).</param>
public sealed record StealRequestMessage(PeerId Thief, ResourceVector Surplus, int MaxTasks) : TaskMessage
{
    /// <inheritdoc/>
    public override TaskMessageType Type => TaskMessageType.StealRequest;
}
