namespace Mesh.Libp2p.PubSub;

/// <summary>Why a received message was accepted or rejected under StrictSign (wire notes §10.4).</summary>
public enum MessageValidationResult
{
    /// <summary>Signed by its author, with an 8-byte seqno.</summary>
    Valid,

    /// <summary>No signature, no seqno or no <c>from</c>.</summary>
    NotSigned,

    /// <summary>The seqno is not exactly 8 bytes.</summary>
    BadSequenceNumber,

    /// <summary><c>from</c> is not a peer id, or the key is missing, unparsable or not the author's.</summary>
    BadAuthor,

    /// <summary>The signature does not verify.</summary>
    InvalidSignature,
}
