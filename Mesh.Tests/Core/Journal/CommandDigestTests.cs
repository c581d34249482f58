using System.Security.Cryptography;
using System.Text;
using Mesh.Core.Journal;

namespace Mesh.Tests.Core.Journal;

public sealed class CommandDigestTests
{
    [Test]
    public void Of_KnownArgv_MatchesVector()
    {
        // docs/protocol.md, "Journal", test vectors: SHA-256 of 92 a4 "echo" a2 "hi".
        Assert.That(Convert.ToHexStringLower(CommandDigest.Of(["echo", "hi"])), Is.EqualTo("4ba9b95f127e6536dee69e44ddd742a800f8f72ff96aebf191afa01323048a16"));
    }

    [Test]
    public void Of_EmptyArgv_IsDigestOfEmptyFixarray()
    {
        Assert.That(CommandDigest.Of([]), Is.EqualTo(SHA256.HashData([0x90])));
    }

    [Test]
    public void Of_LongArgument_UsesShortestStringHeader()
    {
        // 40 bytes do not fit a fixstr (31): str8 (d9 28); 300 bytes need str16 (da 01 2c).
        var forty = new string('a', 40);
        var threeHundred = new string('b', 300);
        byte[] expected = [0x92, 0xd9, 0x28, .. Encoding.UTF8.GetBytes(forty), 0xda, 0x01, 0x2c, .. Encoding.UTF8.GetBytes(threeHundred)];

        Assert.That(CommandDigest.Of([forty, threeHundred]), Is.EqualTo(SHA256.HashData(expected)));
    }

    [Test]
    public void Of_SixteenArguments_UsesArray16Header()
    {
        var argv = Enumerable.Repeat("x", 16).ToArray();
        byte[] expected = [0xdc, 0x00, 0x10, .. Enumerable.Repeat(new byte[] { 0xa1, (byte)'x' }, 16).SelectMany(b => b)];

        Assert.That(CommandDigest.Of(argv), Is.EqualTo(SHA256.HashData(expected)));
    }

    [Test]
    public void Of_DifferentArgv_Differs()
    {
        Assert.That(CommandDigest.Of(["echo", "hi"]), Is.Not.EqualTo(CommandDigest.Of(["echo", "hi "])));
    }
}
