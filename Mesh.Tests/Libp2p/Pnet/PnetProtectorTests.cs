using System.Security.Cryptography;
using Mesh.Libp2p.Pnet;

namespace Mesh.Tests.Libp2p.Pnet;

public sealed class PnetProtectorTests
{
    // Wire notes §12.3.
    private const string VectorKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private const string VectorNonce = "6465666768696a6b6c6d6e6f707172737475767778797a7b";
    private const string VectorKeystream = "687dffe12afa5fef7e0feb195d6cd992f49572d6194281e3c87fbb4e2106932c02b999c93ab6cee9b0fd23943784a3183eaa38a7e4a64b1ba60c42940a8bc988";
    private const string VectorHeaderCiphertext = "7b529294468e369c0a7d8e783043e8bcc4bb42dc";

    private static readonly byte[] MultistreamHeader = [0x13, .. "/multistream/1.0.0\n"u8];

    private static PreSharedKey Key => PreSharedKey.FromBytes(Convert.FromHexString(VectorKey));

    [Test]
    public async Task Read_VectorNonceAndZeros_YieldsKeystreamAcrossTwoReads()
    {
        var inner = new ScriptedStream([.. Convert.FromHexString(VectorNonce), .. new byte[64]]);
        await using var stream = await PnetProtector.ProtectAsync(inner, Key);

        var keystream = new byte[64];
        await stream.ReadExactlyAsync(keystream.AsMemory(0, 10));
        await stream.ReadExactlyAsync(keystream.AsMemory(10, 54));

        Assert.That(Convert.ToHexStringLower(keystream), Is.EqualTo(VectorKeystream));
    }

    [Test]
    public async Task Read_VectorHeaderCiphertext_DecryptsToMultistreamHeader()
    {
        var inner = new ScriptedStream([.. Convert.FromHexString(VectorNonce), .. Convert.FromHexString(VectorHeaderCiphertext)]);
        await using var stream = await PnetProtector.ProtectAsync(inner, Key);

        var header = new byte[20];
        await stream.ReadExactlyAsync(header);

        Assert.That(header, Is.EqualTo(MultistreamHeader));
    }

    [Test]
    public async Task Write_VectorNonce_SendsNonceThenVectorCiphertextAndLeavesCallerBufferAlone()
    {
        var inner = new ScriptedStream(new byte[24]);
        var header = MultistreamHeader.ToArray();
        await using var stream = await PnetProtector.ProtectAsync(inner, Key, Convert.FromHexString(VectorNonce), CancellationToken.None);

        await stream.WriteAsync(header.AsMemory(0, 7));
        stream.Write(header, 7, 13);

        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(inner.Written.ToArray()), Is.EqualTo(VectorNonce + VectorHeaderCiphertext));
            Assert.That(header, Is.EqualTo(MultistreamHeader));
        });
    }

    [Test]
    public async Task ProtectAsync_NonceFollowedByData_ReadsExactlyTheNonce()
    {
        var inner = new ScriptedStream([.. Convert.FromHexString(VectorNonce), .. new byte[100]]);
        await using var stream = await PnetProtector.ProtectAsync(inner, Key);

        Assert.That(inner.ReadPosition, Is.EqualTo(PnetProtector.NonceLength));
    }

    [Test]
    public void ProtectAsync_ConnectionEndsInsideNonce_ThrowsPnetException()
    {
        var inner = new ScriptedStream(new byte[10]);
        Assert.ThrowsAsync<PnetException>(() => PnetProtector.ProtectAsync(inner, Key));
    }

    [Test]
    public async Task ProtectAsync_CancelledWhileWaitingForNonce_ThrowsOperationCanceled()
    {
        var (left, _) = DuplexStreamPair.Create();
        using var cancellation = new CancellationTokenSource();
        var protect = PnetProtector.ProtectAsync(left, Key, cancellation.Token);

        await cancellation.CancelAsync();

        Assert.That(async () => await protect, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task TwoEnds_SameKey_ExchangeDataBothWays()
    {
        var psk = PreSharedKey.Generate();
        var (left, right) = DuplexStreamPair.Create();
        var protectedRight = PnetProtector.ProtectAsync(right, psk);
        await using var a = await PnetProtector.ProtectAsync(left, psk);
        await using var b = await protectedRight;
        var up = RandomNumberGenerator.GetBytes(300_000);
        var down = RandomNumberGenerator.GetBytes(100_003);

        var received = await Task.WhenAll(
            SendAsync(a, left, up),
            SendAsync(b, right, down),
            ReadToEndAsync(b),
            ReadToEndAsync(a));

        Assert.Multiple(() =>
        {
            Assert.That(received[2].AsSpan().SequenceEqual(up), Is.True, "left -> right");
            Assert.That(received[3].AsSpan().SequenceEqual(down), Is.True, "right -> left");
        });
    }

    [Test]
    public async Task TwoEnds_DifferentKeys_PeerReadsGarbageInsteadOfMultistreamHeader()
    {
        var (left, right) = DuplexStreamPair.Create();
        var protectedRight = PnetProtector.ProtectAsync(right, PreSharedKey.Generate());
        await using var a = await PnetProtector.ProtectAsync(left, PreSharedKey.Generate());
        await using var b = await protectedRight;

        await a.WriteAsync(MultistreamHeader);
        await a.FlushAsync();
        var received = new byte[MultistreamHeader.Length];
        await b.ReadExactlyAsync(received);

        Assert.That(received, Is.Not.EqualTo(MultistreamHeader));
    }

    [Test]
    public async Task Dispose_ProtectedStream_DisposesInner()
    {
        var (left, right) = DuplexStreamPair.Create();
        var psk = PreSharedKey.Generate();
        var other = PnetProtector.ProtectAsync(right, psk);
        var stream = await PnetProtector.ProtectAsync(left, psk);
        await other;

        await stream.DisposeAsync();

        Assert.That(left.Disposed, Is.True);
    }

    private static async Task<byte[]> SendAsync(Stream stream, DuplexPipeStream raw, byte[] data)
    {
        var sizes = new[] { 1, 7, 4096, 20_000, 70_000 };
        var offset = 0;
        for (var i = 0; offset < data.Length; i++)
        {
            var count = Math.Min(sizes[i % sizes.Length], data.Length - offset);
            await stream.WriteAsync(data.AsMemory(offset, count));
            await stream.FlushAsync();
            offset += count;
        }

        raw.CloseWrite();
        return [];
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, 3000);
        return buffer.ToArray();
    }
}
