namespace Mesh.Libp2p.Multistream;

/// <summary>Limits for answering multistream-select as the responder.</summary>
public sealed class MultistreamOptions
{
    /// <summary>The defaults, shared; do not modify.</summary>
    internal static MultistreamOptions Default { get; } = new();

    /// <summary>
    /// The most messages the responder answers without agreeing on a protocol (header echoes, <c>ls</c>
    /// answers and <c>na</c> replies together), so a peer cannot keep a negotiation going forever.
    /// Default 32.
    /// </summary>
    public int MaxRounds { get; set; } = 32;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        if (MaxRounds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRounds), MaxRounds, $"{nameof(MultistreamOptions)}.{nameof(MaxRounds)} must be at least 1.");
        }
    }
}
