using System.Runtime.Versioning;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Libp2p.Identity;

public sealed class IdentityKeyFileTests
{
    // Wire notes §3.4.
    private const string SpecPrivateKey = "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";
    private const string SpecPeerId = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";

    private string _directory = null!;

    [SetUp]
    public void SetUp() => _directory = Path.Combine(Path.GetTempPath(), "mesh-keyfile-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public void LoadOrCreate_NoFile_CreatesOneThatLoadsToTheSamePeer()
    {
        var path = Path.Combine(_directory, "identity.key");

        var created = IdentityKeyFile.LoadOrCreate(path, out var wasCreated);
        var loaded = IdentityKeyFile.LoadOrCreate(path, out var wasCreatedAgain);

        Assert.Multiple(() =>
        {
            Assert.That(wasCreated, Is.True);
            Assert.That(wasCreatedAgain, Is.False);
            Assert.That(loaded.PeerId, Is.EqualTo(created.PeerId));
            Assert.That(IdentityKeyFile.Load(path).PeerId, Is.EqualTo(created.PeerId));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(created.ToPrivateKeyProtobuf()));
        });
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "Unix file modes")]
    [UnsupportedOSPlatform("windows")]
    public void LoadOrCreate_NoFile_WritesMode0600InA0700DirectoryAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(_directory, "nested", "identity.key");

        IdentityKeyFile.LoadOrCreate(path, out _);

        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.GetUnixFileMode(Path.GetDirectoryName(path)!), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EqualTo(new[] { path }));
        });
    }

    [Test]
    public void LoadOrCreate_ExistingFile_LoadsItWithoutRewriting()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "identity.key");
        File.WriteAllBytes(path, Convert.FromHexString(SpecPrivateKey));
        var writtenAt = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, writtenAt);

        var key = IdentityKeyFile.LoadOrCreate(path, out var created);

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.False);
            Assert.That(key.PeerId.ToString(), Is.EqualTo(SpecPeerId));
            Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(writtenAt));
            Assert.That(Convert.ToHexStringLower(File.ReadAllBytes(path)), Is.EqualTo(SpecPrivateKey));
        });
    }

    [TestCase("", "is empty")]
    [TestCase("ff", "not a libp2p private key protobuf")]
    [TestCase("0801124000", "not a libp2p private key protobuf")]
    [TestCase("08001203010203", "holds a Rsa key")]
    [TestCase("0802120101", "holds a Secp256k1 key")]
    [TestCase("0809120101", "holds a type 9 key")]
    [TestCase("0801120101", "malformed Ed25519 key")]
    public void LoadOrCreate_CorruptOrWrongTypeFile_ThrowsNamingThePathAndLeavesTheFile(string hex, string problem)
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "identity.key");
        var content = Convert.FromHexString(hex);
        File.WriteAllBytes(path, content);

        var error = Assert.Throws<IdentityKeyFileException>(() => IdentityKeyFile.LoadOrCreate(path, out _));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain(path));
            Assert.That(error.Message, Does.Contain(problem));
            Assert.That(error.Path, Is.EqualTo(path));
            Assert.That(error, Is.InstanceOf<Mesh.Libp2p.Libp2pException>());
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(content));
        });
    }

    [Test]
    public void Load_EdKeyWithMismatchedPublicHalf_Throws()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "identity.key");
        var bytes = Convert.FromHexString(SpecPrivateKey);
        bytes[^1] ^= 1;
        File.WriteAllBytes(path, bytes);

        Assert.That(() => IdentityKeyFile.Load(path), Throws.TypeOf<IdentityKeyFileException>().With.Message.Contain("malformed Ed25519"));
    }

    [Test]
    public void Load_OversizedFile_ThrowsWithoutParsing()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "identity.key");
        File.WriteAllBytes(path, new byte[IdentityKeyFile.MaxFileLength + 1]);

        Assert.That(() => IdentityKeyFile.Load(path), Throws.TypeOf<IdentityKeyFileException>().With.Message.Contain($"at most {IdentityKeyFile.MaxFileLength}"));
    }

    [Test]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        Directory.CreateDirectory(_directory);

        Assert.That(() => IdentityKeyFile.Load(Path.Combine(_directory, "absent.key")), Throws.InstanceOf<FileNotFoundException>());
    }

    [Test]
    public void Save_ExistingFile_RefusesUnlessOverwriteIsGiven()
    {
        var path = Path.Combine(_directory, "identity.key");
        var first = IdentityKey.Generate();
        var second = IdentityKey.Generate();
        IdentityKeyFile.Save(first, path);

        var error = Assert.Throws<IdentityKeyFileException>(() => IdentityKeyFile.Save(second, path));
        var kept = IdentityKeyFile.Load(path).PeerId;
        IdentityKeyFile.Save(second, path, overwrite: true);

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain(path).And.Contain("not overwritten"));
            Assert.That(kept, Is.EqualTo(first.PeerId));
            Assert.That(IdentityKeyFile.Load(path).PeerId, Is.EqualTo(second.PeerId));
        });
    }

    [Test]
    public void Save_SpecKey_WritesThePrivateKeyProtobufBytes()
    {
        var path = Path.Combine(_directory, "identity.key");

        IdentityKeyFile.Save(IdentityKey.FromSeed(Convert.FromHexString("7e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d")), path);

        Assert.That(Convert.ToHexStringLower(File.ReadAllBytes(path)), Is.EqualTo(SpecPrivateKey));
    }
}
