using Mesh.Libp2p.Noise;
using static Mesh.Tests.Libp2p.Noise.NoiseVectors;

namespace Mesh.Tests.Libp2p.Noise;

/// <summary>The state machine against the full deterministic vector of wire notes §8.4.</summary>
public sealed class NoiseVectorTests
{
    [Test]
    public void KeyPair_VectorPrivateKeys_GiveVectorPublicKeys()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Hex(InitiatorStatic.PublicKey), Is.EqualTo(InitiatorStaticPublic));
            Assert.That(Hex(InitiatorEphemeral.PublicKey), Is.EqualTo(InitiatorEphemeralPublic));
            Assert.That(Hex(ResponderStatic.PublicKey), Is.EqualTo(ResponderStaticPublic));
            Assert.That(Hex(ResponderEphemeral.PublicKey), Is.EqualTo(ResponderEphemeralPublic));
        });
    }

    [Test]
    public void Identities_VectorSeeds_GiveVectorPeerIds()
    {
        Assert.Multiple(() =>
        {
            Assert.That(InitiatorIdentity.PeerId.ToString(), Is.EqualTo(InitiatorPeerId));
            Assert.That(ResponderIdentity.PeerId.ToString(), Is.EqualTo(ResponderPeerId));
            Assert.That(Hex(ResponderIdentity.PublicKey.ToProtobuf()), Is.EqualTo(ResponderPublicKeyProtobuf));
        });
    }

    [Test]
    public void SymmetricState_EmptyPrologue_StartsAtVectorHash()
    {
        using var state = new NoiseSymmetricState(ReadOnlySpan<byte>.Empty);
        Assert.That(Hex(state.HandshakeHash), Is.EqualTo(H0));
    }

    [Test]
    public void CreatePayload_VectorKeys_EncodesVectorPayloads()
    {
        var responder = NoiseIdentityBinding.CreatePayload(ResponderIdentity, Hex(ResponderStaticPublic), [YamuxProtocol]);
        var initiator = NoiseIdentityBinding.CreatePayload(InitiatorIdentity, Hex(InitiatorStaticPublic), [YamuxProtocol]);

        Assert.Multiple(() =>
        {
            Assert.That(Hex(responder.IdentitySignature), Is.EqualTo(ResponderSignature));
            Assert.That(Hex(responder.Encode()), Is.EqualTo(ResponderPayload));
            Assert.That(responder.Encode(), Has.Length.EqualTo(120));
            Assert.That(Hex(initiator.IdentitySignature), Is.EqualTo(InitiatorSignature));
            Assert.That(Hex(initiator.Encode()), Is.EqualTo(InitiatorPayload));
        });
    }

    [Test]
    public void XXHandshake_VectorKeys_ReproducesEveryMessageHashAndKey()
    {
        using var initiator = new NoiseXXHandshakeState(isInitiator: true, InitiatorStatic, InitiatorEphemeral);
        using var responder = new NoiseXXHandshakeState(isInitiator: false, ResponderStatic, ResponderEphemeral);

        var message1 = initiator.WriteMessage1();
        responder.ReadMessage1(message1);
        var message2 = responder.WriteMessage2(Hex(ResponderPayload));
        var payload2 = initiator.ReadMessage2(message2);
        var message3 = initiator.WriteMessage3(Hex(InitiatorPayload));
        var payload3 = responder.ReadMessage3(message3);
        using var initiatorKeys = initiator.Split();
        using var responderKeys = responder.Split();

        Assert.Multiple(() =>
        {
            Assert.That(Hex(message1), Is.EqualTo(Message1));
            Assert.That(Hex(message2), Is.EqualTo(Message2));
            Assert.That(message2, Has.Length.EqualTo(216));
            Assert.That(Hex(payload2), Is.EqualTo(ResponderPayload));
            Assert.That(Hex(message3), Is.EqualTo(Message3));
            Assert.That(message3, Has.Length.EqualTo(184));
            Assert.That(Hex(payload3), Is.EqualTo(InitiatorPayload));
            Assert.That(Hex(initiator.RemoteStaticKey), Is.EqualTo(ResponderStaticPublic));
            Assert.That(Hex(responder.RemoteStaticKey), Is.EqualTo(InitiatorStaticPublic));
            Assert.That(Hex(initiator.HandshakeHash), Is.EqualTo(HandshakeHash));
            Assert.That(Hex(responder.HandshakeHash), Is.EqualTo(HandshakeHash));
            Assert.That(Hex(initiatorKeys.InitiatorToResponder), Is.EqualTo(K1));
            Assert.That(Hex(initiatorKeys.ResponderToInitiator), Is.EqualTo(K2));
            Assert.That(Hex(responderKeys.InitiatorToResponder), Is.EqualTo(K1));
            Assert.That(Hex(responderKeys.ResponderToInitiator), Is.EqualTo(K2));
        });
    }

    [Test]
    public void CipherState_VectorKeys_EncryptsVectorTransportMessages()
    {
        using var toResponder = new NoiseCipherState(Hex(K1));
        using var toInitiator = new NoiseCipherState(Hex(K2));

        Assert.Multiple(() =>
        {
            Assert.That(Hex(Seal(toResponder, "hello")), Is.EqualTo(HelloN0));
            Assert.That(Hex(Seal(toResponder, "hello")), Is.EqualTo(HelloN1));
            Assert.That(Hex(Seal(toInitiator, "world")), Is.EqualTo(WorldN0));
        });
    }

    [Test]
    public void CipherState_VectorCiphertexts_DecryptInOrderOnly()
    {
        using var receiver = new NoiseCipherState(Hex(K1));
        var first = new byte[5];
        var second = new byte[5];

        Assert.Multiple(() =>
        {
            Assert.That(Open(receiver, HelloN1, first), Is.False, "the n1 ciphertext must not open with nonce 0");
            Assert.That(Open(receiver, HelloN0, first), Is.True, "a failed decryption must not advance the nonce");
            Assert.That(Open(receiver, HelloN1, second), Is.True);
            Assert.That(System.Text.Encoding.ASCII.GetString(first), Is.EqualTo("hello"));
            Assert.That(System.Text.Encoding.ASCII.GetString(second), Is.EqualTo("hello"));
        });
    }

    private static byte[] Seal(NoiseCipherState cipher, string text)
    {
        var plaintext = System.Text.Encoding.ASCII.GetBytes(text);
        var output = new byte[plaintext.Length + NoiseCipherState.TagLength];
        cipher.Encrypt(plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), ReadOnlySpan<byte>.Empty);
        return output;
    }

    private static bool Open(NoiseCipherState cipher, string hex, byte[] plaintext)
    {
        var ciphertext = Hex(hex);
        return cipher.TryDecrypt(ciphertext.AsSpan(0, 5), ciphertext.AsSpan(5), plaintext, ReadOnlySpan<byte>.Empty);
    }
}
