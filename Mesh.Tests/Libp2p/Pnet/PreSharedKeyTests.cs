using Mesh.Libp2p.Pnet;

namespace Mesh.Tests.Libp2p.Pnet;

public sealed class PreSharedKeyTests
{
    private const string Hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static readonly byte[] KeyBytes = Convert.FromHexString(Hex);

    [TestCase("/key/swarm/psk/1.0.0/\n/base16/\n" + Hex)]
    [TestCase("/key/swarm/psk/1.0.0/\n/base16/\n" + Hex + "\n")]
    [TestCase("/key/swarm/psk/1.0.0/\r\n/base16/\r\n" + Hex + "\r\n")]
    [TestCase("/key/swarm/psk/1.0.0/\n/base16/\n000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F\n")]
    [TestCase("/key/swarm/psk/1.0.0/\n/base16/\n  " + Hex + "  \n\n")]
    [TestCase("/key/swarm/psk/1.0.0/\n/base64/\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n")]
    public void TryParse_ValidText_GivesTheKey(string text)
    {
        Assert.That(PreSharedKey.TryParse(text, out var key, out var error), Is.True, error);
        Assert.That(key, Is.EqualTo(PreSharedKey.FromBytes(KeyBytes)));
    }

    [Test]
    public void TryParse_BinaryEncoding_TakesTheRestAsKey()
    {
        var text = "/key/swarm/psk/1.0.0/\n/bin/\n" + new string(KeyBytes.Select(b => (char)b).ToArray());
        Assert.That(PreSharedKey.TryParse(text, out var key, out var error), Is.True, error);
        Assert.That(key, Is.EqualTo(PreSharedKey.FromBytes(KeyBytes)));
    }

    [TestCase("", "empty")]
    [TestCase("/key/swarm/psk/2.0.0/\n/base16/\n" + Hex, "Line 1")]
    [TestCase("/base16/\n" + Hex, "Line 1")]
    [TestCase("/key/swarm/psk/1.0.0/", "encoding line")]
    [TestCase("/key/swarm/psk/1.0.0/\n/base32/\n" + Hex, "Unknown swarm key encoding")]
    [TestCase("/key/swarm/psk/1.0.0/\n/base16/\n" + Hex + "00", "33 bytes")]
    [TestCase("/key/swarm/psk/1.0.0/\n/base16/\n" + "0001020304", "5 bytes")]
    [TestCase("/key/swarm/psk/1.0.0/\n/base16/\n", "0 bytes")]
    [TestCase("/key/swarm/psk/1.0.0/\n/base16/\n" + "zz0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "hexadecimal")]
    [TestCase("/key/swarm/psk/1.0.0/\n/base16/\n" + "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f1", "hexadecimal")]
    [TestCase("/key/swarm/psk/1.0.0/\n/base16/\n" + Hex + "\nextra", "after the key")]
    [TestCase("/key/swarm/psk/1.0.0/\n/base64/\n!!!!", "base64")]
    [TestCase("/key/swarm/psk/1.0.0/\n/bin/\nshort", "5 bytes")]
    public void TryParse_InvalidText_ReturnsFalseWithReason(string text, string reasonPart)
    {
        Assert.Multiple(() =>
        {
            Assert.That(PreSharedKey.TryParse(text, out var key, out var error), Is.False);
            Assert.That(key, Is.Null);
            Assert.That(error, Does.Contain(reasonPart));
        });
    }

    [Test]
    public void Parse_InvalidText_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => PreSharedKey.Parse("/key/swarm/psk/1.0.0/\n/base16/\nabc"));

    [Test]
    public void ToSwarmKeyText_Key_IsLowerCaseBase16AndParsesBack()
    {
        var key = PreSharedKey.FromBytes(KeyBytes);
        var text = key.ToSwarmKeyText();

        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo("/key/swarm/psk/1.0.0/\n/base16/\n" + Hex));
            Assert.That(PreSharedKey.Parse(text), Is.EqualTo(key));
        });
    }

    [Test]
    public void Fingerprint_IsShortStableAndHidesTheKey()
    {
        var key = PreSharedKey.FromBytes(KeyBytes);

        Assert.Multiple(() =>
        {
            Assert.That(key.Fingerprint, Does.Match("^[0-9a-f]{16}$"));
            Assert.That(PreSharedKey.FromBytes(KeyBytes).Fingerprint, Is.EqualTo(key.Fingerprint));
            Assert.That(PreSharedKey.Generate().Fingerprint, Is.Not.EqualTo(key.Fingerprint));
            Assert.That(Hex.Contains(key.Fingerprint, StringComparison.Ordinal), Is.False);
            Assert.That(key.ToString(), Does.Not.Contain(Hex[..16]));
        });
    }

    [Test]
    public void Generate_TwoKeys_Differ()
    {
        var first = PreSharedKey.Generate();
        var second = PreSharedKey.Generate();
        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void FromBytes_WrongLength_Throws() => Assert.Throws<ArgumentException>(() => PreSharedKey.FromBytes(new byte[31]));

    [Test]
    public void LoadOrCreate_NoFile_CreatesOwnerOnlyFileThenLoadsTheSameKey()
    {
        var directory = Path.Combine(Path.GetTempPath(), "mesh-psk-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(directory, "nested", "swarm.key");
        try
        {
            var created = PreSharedKey.LoadOrCreate(path, out var wasCreated);
            var loaded = PreSharedKey.LoadOrCreate(path, out var createdAgain);

            Assert.Multiple(() =>
            {
                Assert.That(wasCreated, Is.True);
                Assert.That(createdAgain, Is.False);
                Assert.That(loaded, Is.EqualTo(created));
                Assert.That(File.ReadAllText(path), Is.EqualTo(created.ToSwarmKeyText()));
                Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Has.Length.EqualTo(1), "no temporary file is left behind");
                if (!OperatingSystem.IsWindows())
                {
                    Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
                }
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void LoadOrCreate_MalformedFile_ThrowsNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "mesh-psk-" + Guid.NewGuid().ToString("N") + ".key");
        File.WriteAllText(path, "/key/swarm/psk/1.0.0/\n/base16/\nnot-hex");
        try
        {
            var ex = Assert.Throws<SwarmKeyFileException>(() => PreSharedKey.LoadOrCreate(path, out _));
            Assert.Multiple(() =>
            {
                Assert.That(ex!.FilePath, Is.EqualTo(path));
                Assert.That(ex.Message, Does.Contain(path));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
