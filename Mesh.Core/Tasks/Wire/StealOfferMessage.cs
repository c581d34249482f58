namespace Mesh.Core.Tasks.Wire;

/// <summary>Victim to thief: the tasks it hands over (possibly none).</summary>
/// <param name="Items">The tasks, each under a lease to the thief.</param>
public sealed record StealOfferMessage(IReadOnlyList<StealOfferItem> Items) : TaskMessage
{
    /// <inheritdoc/>
    public override TaskMessageType Type => TaskMessageType.StealOffer;
}
