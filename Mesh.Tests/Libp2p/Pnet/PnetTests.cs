using System.Net;
using System.Net.Sockets;
using Mesh.Libp2p.Pnet;

namespace Mesh.Tests.Libp2p.Pnet;

public sealed class PnetTests
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

    [TestCase("/key/swarm/psk/1.0.0/\n/base16/\n" + Key)]
    [TestCase("/key/swarm/psk/1.0.0/\r\n/base16/\r\n" + Key + "\r\n")]
    [TestCase("/key/swarm/psk/1.0.0/\n/base16/\n000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F\n")]
    [TestCase("/key/swarm/psk/1.0.0/\n/base64/\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n")]
    public void TryParse_AcceptedForms_GiveTheKey(string text)
    {
        Assert.That(PreSharedKey.TryParse(text, out var key, out var error), Is.True, error);
        Assert.That(Convert.ToHexStringLower(key!.Key), Is.EqualTo(Key));
    }

    [TestCase("", "first line")]
    [TestCase("/key/swarm/psk/2.0.0/\n/base16/\n" + Key, "first line")]
    [TestCase("/key/swarm/psk/1.0.0/\n/base16/\n0001", "2 bytes")]
    [TestCase("/key/swarm/psk/1.0.0/\n/base16/\nzz" + Key, "not valid")]
    [TestCase("/key/swarm/psk/1.0.0/\n/base99/\n" + Key, "unknown encoding")]
    public void TryParse_BadFiles_FailWithReason(string text, string reason)
    {
        Assert.That(PreSharedKey.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(reason));
    }

    [Test]
    public void ToSwarmKeyText_RoundTrips()
    {
        var key = PreSharedKey.Generate();
        Assert.That(PreSharedKey.Parse(key.ToSwarmKeyText()).Key.ToArray(), Is.EqualTo(key.Key.ToArray()));
    }

    [Test]
    public void LoadOrCreate_NewFile_IsMode0600AndLoadsBack()
    {
        var dir = Directory.CreateTempSubdirectory("mesh-psk-");
        try
        {
            var path = Path.Combine(dir.FullName, "swarm.key");
            var created = PreSharedKey.LoadOrCreate(path, out var wasCreated);
            var loaded = PreSharedKey.LoadOrCreate(path, out var createdAgain);

            Assert.Multiple(() =>
            {
                Assert.That(wasCreated, Is.True);
                Assert.That(createdAgain, Is.False);
                Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
                Assert.That(loaded.Fingerprint, Is.EqualTo(created.Fingerprint));
            });
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void Load_CorruptFile_ThrowsNamingThePath()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a key");
            var ex = Assert.Throws<PreSharedKeyFileException>(() => PreSharedKey.Load(path));
            Assert.That(ex!.Message, Does.Contain(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task ProtectAsync_SameOrOtherKey_DataArrivesOnlyWithTheSameKey(bool sameKey)
    {
        var key = PreSharedKey.Generate();
        var (left, right) = await ConnectedSocketsAsync();
        using var l = left;
        using var r = right;
        var protectLeft = PnetProtector.ProtectAsync(new NetworkStream(left), key);
        var protectRight = PnetProtector.ProtectAsync(new NetworkStream(right), sameKey ? key : PreSharedKey.Generate());
        await using var a = await protectLeft;
        await using var b = await protectRight;
        var message = "/multistream/1.0.0\n"u8.ToArray();

        await a.WriteAsync(message);
        await a.WriteAsync(message);
        var received = new byte[message.Length * 2];
        await b.ReadExactlyAsync(received);

        Assert.That(received.AsSpan().SequenceEqual([.. message, .. message]), Is.EqualTo(sameKey));
    }

    private static async Task<(Socket, Socket)> ConnectedSocketsAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accept = listener.AcceptAsync();
        await client.ConnectAsync(listener.LocalEndPoint!);
        return (client, await accept);
    }
}
