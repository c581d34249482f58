using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Encoding;

namespace Mesh.Tests.Libp2p.Addressing;

public sealed class MultiaddrBinaryTests
{
    private const string ValidP2p = "a503260024080112201ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e";

    [TestCase("07", TestName = "TryRead_UnknownProtocolCode7_ReturnsFalse")]
    [TestCase("ff7f", TestName = "TryRead_UnknownTwoByteCode_ReturnsFalse")]
    [TestCase("8080808080808001", TestName = "TryRead_CodeBeyondInt_ReturnsFalse")]
    [TestCase("8400c0000201", TestName = "TryRead_NonMinimalCodeVarint_ReturnsFalse")]
    [TestCase("ffffffffffffffffffff", TestName = "TryRead_OverlongCodeVarint_ReturnsFalse")]
    [TestCase("04c00002", TestName = "TryRead_TruncatedIp4_ReturnsFalse")]
    [TestCase("040102030406", TestName = "TryRead_MissingTcpPort_ReturnsFalse")]
    [TestCase("04010203040601", TestName = "TryRead_HalfTcpPort_ReturnsFalse")]
    [TestCase("29000000000000", TestName = "TryRead_TruncatedIp6_ReturnsFalse")]
    [TestCase("36096c6f63", TestName = "TryRead_TruncatedVarlenValue_ReturnsFalse")]
    [TestCase("36", TestName = "TryRead_MissingVarlenPrefix_ReturnsFalse")]
    [TestCase("36ffffffff0f61", TestName = "TryRead_OversizedVarlenPrefix_ReturnsFalse")]
    [TestCase("36ffffffffffffffff7f", TestName = "TryRead_HugeVarlenPrefix_ReturnsFalse")]
    [TestCase("368100", TestName = "TryRead_NonMinimalVarlenPrefix_ReturnsFalse")]
    [TestCase("3600", TestName = "TryRead_EmptyDnsName_ReturnsFalse")]
    [TestCase("3602c328", TestName = "TryRead_InvalidUtf8DnsName_ReturnsFalse")]
    [TestCase("3603612f62", TestName = "TryRead_DnsNameWithSlash_ReturnsFalse")]
    [TestCase("2a00", TestName = "TryRead_EmptyIp6Zone_ReturnsFalse")]
    [TestCase("890600", TestName = "TryRead_EmptyMemoryAddress_ReturnsFalse")]
    [TestCase("a50303000501", TestName = "TryRead_P2pIdentityLengthMismatch_ReturnsFalse")]
    [TestCase("a50304130201ff", TestName = "TryRead_P2pUnknownMultihash_ReturnsFalse")]
    [TestCase("a503031220ff", TestName = "TryRead_P2pShortSha256_ReturnsFalse")]
    [TestCase("a50300", TestName = "TryRead_EmptyP2p_ReturnsFalse")]
    [TestCase("047f000001060fa1ff", TestName = "TryRead_TrailingGarbageByte_ReturnsFalse")]
    [TestCase("047f000001060fa100", TestName = "TryRead_TrailingZeroByte_ReturnsFalse")]
    [TestCase(ValidP2p + "a5", TestName = "TryRead_TrailingPartialCode_ReturnsFalse")]
    public void TryRead_BadBytes_ReturnsFalse(string hex)
    {
        Assert.That(Multiaddr.TryRead(Convert.FromHexString(hex), out var addr), Is.False);
        Assert.That(addr, Is.Null);
    }

    [Test]
    public void TryRead_LoneIp4_IsValid()
    {
        // Control for the truncation cases above: they fail for their own defect, not because /ip4 alone is refused.
        Assert.That(Multiaddr.TryRead(Convert.FromHexString("0401020304"), out var addr), Is.True);
        Assert.That(addr!.ToString(), Is.EqualTo("/ip4/1.2.3.4"));
    }

    [Test]
    public void TryRead_ValidP2p_ReadsPeerId()
    {
        Assert.That(Multiaddr.TryRead(Convert.FromHexString(ValidP2p), out var addr), Is.True);
        Assert.That(addr!.PeerId!.ToString(), Is.EqualTo("12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq"));
    }

    [Test]
    public void TryRead_Empty_IsEmptyMultiaddr()
    {
        Assert.That(Multiaddr.TryRead([], out var addr), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(addr, Is.SameAs(Multiaddr.Empty));
            Assert.That(addr!.IsEmpty, Is.True);
            Assert.That(addr.ToString(), Is.EqualTo("/"));
        });
    }

    [Test]
    public void TryRead_LongerThanMaxByteLength_ReturnsFalse()
    {
        var atLimit = Enumerable.Repeat(new byte[] { 0xc0, 0x03 }, Multiaddr.MaxByteLength / 2).SelectMany(b => b).ToArray();
        var overLimit = atLimit.Concat(new byte[] { 0xc0, 0x03 }).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(Multiaddr.TryRead(atLimit, out _), Is.True);
            Assert.That(Multiaddr.TryRead(overLimit, out _), Is.False);
        });
    }

    [Test]
    public void TryRead_LongerThanGivenMaxLength_ReturnsFalse()
    {
        var bytes = Convert.FromHexString("047f000001060fa1");

        Assert.Multiple(() =>
        {
            Assert.That(Multiaddr.TryRead(bytes, bytes.Length, out _), Is.True);
            Assert.That(Multiaddr.TryRead(bytes, bytes.Length - 1, out _), Is.False);
        });
    }

    [Test]
    public void TryRead_VarlenPrefixAtLengthBoundary_ReadsWholeValue()
    {
        // A 128-byte dns name needs a 2-byte length prefix (80 01).
        var name = new string('a', 128);
        var bytes = new byte[] { 0x35, 0x80, 0x01 }.Concat(System.Text.Encoding.ASCII.GetBytes(name)).ToArray();

        Assert.That(Multiaddr.TryRead(bytes, out var addr), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(addr!.ToString(), Is.EqualTo("/dns/" + name));
            Assert.That(Multiaddr.Parse("/dns/" + name).ToBytes(), Is.EqualTo(bytes));
        });
    }

    [Test]
    public void ToBytes_ReturnsACopy()
    {
        var addr = Multiaddr.Parse("/ip4/127.0.0.1/tcp/4001");
        var bytes = addr.ToBytes();
        bytes[1] = 99;

        Assert.That(addr.ToString(), Is.EqualTo("/ip4/127.0.0.1/tcp/4001"));
    }

    [TestCaseSource(nameof(EveryProtocol))]
    public void Component_OfEveryProtocol_RoundTripsThroughBytesAndText(MultiaddrProtocol protocol, string? value)
    {
        var addr = Multiaddr.FromComponents([MultiaddrComponent.Create(protocol, value)]);
        var expectedHead = Varint.Encode((ulong)protocol.Code);

        Assert.That(Multiaddr.TryRead(addr.ToBytes(), out var fromBytes), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(addr.ToBytes().Take(expectedHead.Length), Is.EqualTo(expectedHead));
            Assert.That(fromBytes, Is.EqualTo(addr));
            Assert.That(Multiaddr.Parse(addr.ToString()), Is.EqualTo(addr));
            Assert.That(fromBytes!.Components[0].Protocol, Is.SameAs(protocol));
            Assert.That(fromBytes.Components[0].TextValue, Is.EqualTo(value));
        });
    }

    [Test]
    public void TryRead_SeededRandomBytes_NeverThrowsAndRoundTripsWhatItAccepts()
    {
        var random = new Random(20240601);
        var seeds = new[]
        {
            "047f000001060fa1" + ValidP2p,
            "2a046574683029fe800000000000000000000000000001060fa1",
            "3813626f6f7473747261702e6c69627032702e696f",
            "040102030491020fa1cd03",
            "890606746573742d31a202c003c603dd03",
        }.Select(Convert.FromHexString).ToArray();
        var accepted = 0;

        for (var i = 0; i < 20_000; i++)
        {
            var input = i % 2 == 0 ? RandomBytes(random) : Mutate(random, seeds[random.Next(seeds.Length)]);

            bool ok;
            Multiaddr? addr;
            try
            {
                ok = Multiaddr.TryRead(input, out addr);
            }
            catch (Exception e)
            {
                Assert.Fail($"TryRead threw {e.GetType().Name} on {Convert.ToHexStringLower(input)}: {e.Message}");
                return;
            }

            if (ok)
            {
                accepted++;
                Assert.That(addr!.ToBytes(), Is.EqualTo(input), Convert.ToHexStringLower(input));
                Assert.That(Multiaddr.Parse(addr.ToString()), Is.EqualTo(addr), Convert.ToHexStringLower(input));
            }
        }

        // Mutations of valid inputs must sometimes stay valid, or the round-trip branch above never ran.
        Assert.That(accepted, Is.GreaterThan(100));
    }

    [Test]
    public void TryParse_SeededRandomText_NeverThrows()
    {
        var random = new Random(7);
        const string Alphabet = "/ip46tcudnsaw2-:.0123456789abcdefDQmo%[]ü ";
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = Alphabet[random.Next(Alphabet.Length)];
            }

            var text = "/" + new string(chars);
            Assert.DoesNotThrow(() => Multiaddr.TryParse(text, out _), text);
        }
    }

    private static IEnumerable<TestCaseData> EveryProtocol() =>
        MultiaddrProtocol.All.Select(p => new TestCaseData(p, SampleValue(p)).SetArgDisplayNames(p.Name));

    private static string? SampleValue(MultiaddrProtocol protocol) => protocol.Name switch
    {
        "ip4" => "192.0.2.1",
        "ip6" => "2001:db8::2",
        "tcp" or "udp" => "4001",
        "ip6zone" => "eth0",
        "dns" or "dns4" or "dns6" or "dnsaddr" => "example.org",
        "p2p" => "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq",
        "memory" => "node-1",
        _ => null,
    };

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 48)];
        random.NextBytes(bytes);

        // Bias the first byte to known codes so the parser gets past the first varint often.
        if (bytes.Length > 0 && random.Next(2) == 0)
        {
            bytes[0] = new byte[] { 0x04, 0x06, 0x29, 0x2a, 0x35, 0x36, 0x37, 0x38 }[random.Next(8)];
        }

        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = seed.ToList();
        switch (random.Next(4))
        {
            case 0:
                bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                break;
            case 1:
                bytes.RemoveRange(random.Next(bytes.Count), 1);
                break;
            case 2:
                bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                break;
            default:
                // Truncation at every point, or no change at all (the seed itself must be accepted).
                bytes = bytes.Take(random.Next(bytes.Count + 1)).ToList();
                break;
        }

        return [.. bytes];
    }
}
