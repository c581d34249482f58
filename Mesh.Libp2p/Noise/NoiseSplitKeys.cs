using System.Security.Cryptography;

namespace Mesh.Libp2p.Noise;

/// <summary>The two transport keys from Split: <see cref="InitiatorToResponder"/> (k1) and <see cref="ResponderToInitiator"/> (k2).</summary>
internal sealed class NoiseSplitKeys : IDisposable
{
    public byte[] InitiatorToResponder { get; } = new byte[NoiseCipherState.KeyLength];

    public byte[] ResponderToInitiator { get; } = new byte[NoiseCipherState.KeyLength];

    /// <summary>The CipherStates for one side: the initiator sends with k1 and receives with k2 (wire notes §8.2).</summary>
    public (NoiseCipherState Send, NoiseCipherState Receive) CreateCiphers(bool isInitiator) => isInitiator
        ? (new NoiseCipherState(InitiatorToResponder), new NoiseCipherState(ResponderToInitiator))
        : (new NoiseCipherState(ResponderToInitiator), new NoiseCipherState(InitiatorToResponder));

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(InitiatorToResponder);
        CryptographicOperations.ZeroMemory(ResponderToInitiator);
    }
}
