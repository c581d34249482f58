using Mesh.Libp2p.Pnet;

namespace Mesh.Tests.Libp2p.Pnet;

/// <summary>The XSalsa20 keystream under pnet, native and managed. Key files and the protector: PreSharedKeyTests, PnetProtectorTests.</summary>
public sealed class XSalsa20KeyStreamTests
{
    // Wire notes §12.3.
    private const string Key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private const string Nonce = "6465666768696a6b6c6d6e6f707172737475767778797a7b";
    private const string FirstKeystream = "687dffe12afa5fef7e0feb195d6cd992f49572d6194281e3c87fbb4e2106932c02b999c93ab6cee9b0fd23943784a3183eaa38a7e4a64b1ba60c42940a8bc988";

    [TestCase(true)]
    [TestCase(false)]
    public void XSalsa20_SpecVectorFedTenThenFiftyFour_MatchesKeystream(bool native)
    {
        var stream = new XSalsa20KeyStream(Convert.FromHexString(Key), Convert.FromHexString(Nonce), native);
        var output = new byte[64];

        stream.Apply(new byte[10], output.AsSpan(0, 10));
        stream.Apply(new byte[54], output.AsSpan(10));

        Assert.That(Convert.ToHexStringLower(output), Is.EqualTo(FirstKeystream));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void XSalsa20_MultistreamHeader_MatchesSpecCiphertext(bool native)
    {
        var stream = new XSalsa20KeyStream(Convert.FromHexString(Key), Convert.FromHexString(Nonce), native);
        var header = Convert.FromHexString("132f6d756c746973747265616d2f312e302e300a")[..20];
        var output = new byte[20];

        stream.Apply(header, output);

        Assert.That(Convert.ToHexStringLower(output), Is.EqualTo("7b529294468e369c0a7d8e783043e8bcc4bb42dc"));
    }

    [Test]
    public void XSalsa20_NativeLibsodium_LoadsOnThisPlatform() =>
        Assert.That(new XSalsa20KeyStream(new byte[32], new byte[24]).IsNative, Is.True, "libsodium from the libsodium package should load on linux-x64");

    [Test]
    public void XSalsa20_NativeAndManaged_SameKeystreamForAnySplit()
    {
        var random = new Random(7);
        var key = new byte[32];
        var nonce = new byte[24];
        random.NextBytes(key);
        random.NextBytes(nonce);
        var native = new XSalsa20KeyStream(key, nonce, preferNative: true);
        var managed = new XSalsa20KeyStream(key, nonce, preferNative: false);
        for (var round = 0; round < 300; round++)
        {
            var data = new byte[random.Next(0, round % 10 == 0 ? 5000 : 130)];
            random.NextBytes(data);
            var fromNative = new byte[data.Length];
            var fromManaged = new byte[data.Length];

            native.Apply(data, fromNative);
            managed.Apply(data, fromManaged);

            Assert.That(fromNative, Is.EqualTo(fromManaged), $"round {round}, {data.Length} bytes");
        }
    }
}
