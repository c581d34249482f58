using System.Runtime.CompilerServices;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.Noise;

/// <summary>
/// This node's Noise static key and its identity's signature over it (wire notes §8.3), made once per identity and
/// process and shared by all its handshakes, as js-libp2p keeps one static key per node. The libp2p Noise spec lets
/// the static key be fresh per session or not; it must never be the identity key nor be persisted (§8.1), and it is
/// neither: it lives in memory only, as long as the <see cref="IdentityKey"/> object. Sharing it spares a key
/// generation and a signature per connection. The ephemeral key stays fresh for every handshake, so every session
/// still has its own keys.
/// </summary>
internal sealed class NoiseLocalStatic
{
    private static readonly ConditionalWeakTable<IdentityKey, NoiseLocalStatic> PerIdentity = [];

    /// <summary>Uses <paramref name="keyPair"/> as the static key of <paramref name="identity"/> and signs it.</summary>
    public NoiseLocalStatic(IdentityKey identity, NoiseKeyPair keyPair)
    {
        KeyPair = keyPair;
        Signature = identity.Sign(NoiseIdentityBinding.SignedMessage(keyPair.PublicKey));
    }

    /// <summary>The static key pair; shared, so never cleared.</summary>
    public NoiseKeyPair KeyPair { get; }

    /// <summary>The identity's signature over <c>"noise-libp2p-static-key:" ‖ static public key</c>.</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>The static key of <paramref name="identity"/>, made on first use (thread-safe: one value wins).</summary>
    public static NoiseLocalStatic For(IdentityKey identity) =>
        PerIdentity.GetValue(identity, static id => new NoiseLocalStatic(id, NoiseKeyPair.Generate()));
}
