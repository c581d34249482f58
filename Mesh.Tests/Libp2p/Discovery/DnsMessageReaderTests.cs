using System.Net;
using Mesh.Libp2p.Discovery;

namespace Mesh.Tests.Libp2p.Discovery;

public class DnsMessageReaderTests
{
    [Test]
    public void TryRead_JsQueryVector_GivesOnePtrQuestion()
    {
        Assert.That(DnsMessageReader.TryRead(DnsVectors.Query, out var message), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(message!.IsResponse, Is.False);
            Assert.That(message.Questions, Has.Count.EqualTo(1));
            Assert.That(message.Questions[0], Is.EqualTo(new DnsQuestion("_p2p._udp.local", DnsRecordType.NamePointer, 1)));
            Assert.That(message.Answers, Is.Empty);
        });
    }

    [Test]
    public void TryRead_JsResponseVector_GivesPtrAndTxt()
    {
        Assert.That(DnsMessageReader.TryRead(DnsVectors.Response, out var message), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(message!.IsResponse, Is.True);
            Assert.That(message.Flags, Is.EqualTo(DnsMessage.ResponseFlags));
            Assert.That(message.Answers, Has.Count.EqualTo(2));
            Assert.That(message.Answers[0].Type, Is.EqualTo(DnsRecordType.NamePointer));
            Assert.That(message.Answers[0].Name, Is.EqualTo("_p2p._udp.local"));
            Assert.That(message.Answers[0].Target, Is.EqualTo("peer1._p2p._udp.local"));
            Assert.That(message.Answers[0].Ttl, Is.EqualTo(120));
            Assert.That(message.Answers[1].Type, Is.EqualTo(DnsRecordType.Txt));
            Assert.That(message.Answers[1].Name, Is.EqualTo("peer1._p2p._udp.local"));
            Assert.That(System.Text.Encoding.ASCII.GetString(message.Answers[1].Strings.Single()), Is.EqualTo("dnsaddr=" + DnsVectors.JsAddress));
        });
    }

    [Test]
    public void TryRead_CompressedNames_FollowsPointers()
    {
        // Header, one answer: PTR _p2p._udp.local -> peer.<pointer to offset 12>, with its owner name a pointer too.
        var packet = new List<byte>(Convert.FromHexString("000084000000000100000000"));
        var owner = Convert.FromHexString("045f703270045f756470056c6f63616c00");
        var record = new List<byte>(Convert.FromHexString("c00c000c000100000078"));
        var data = Convert.FromHexString("057065657231c00c");
        record.AddRange([0, (byte)data.Length]);
        record.AddRange(data);

        // The owner name lives in a question, so the answer's pointer at offset 12 reaches it.
        packet[5] = 1;
        packet.AddRange(owner);
        packet.AddRange([0x00, 0x0c, 0x00, 0x01]);
        packet.AddRange(record);

        Assert.That(DnsMessageReader.TryRead(packet.ToArray(), out var message), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(message!.Answers[0].Name, Is.EqualTo("_p2p._udp.local"));
            Assert.That(message.Answers[0].Target, Is.EqualTo("peer1._p2p._udp.local"));
        });
    }

    [Test]
    public void TryRead_SrvAAndAaaa_DecodesTheirData()
    {
        var written = DnsMessageWriter.Write(new DnsMessage
        {
            Flags = DnsMessage.ResponseFlags,
            Additionals =
            [
                DnsRecord.Srv("peer1._p2p._udp.local", "host.local", 4001, 120),
                DnsRecord.Host("host.local", IPAddress.Parse("10.1.2.3"), 120),
                DnsRecord.Host("host.local", IPAddress.Parse("fe80::1"), 120),
                new DnsRecord { Name = "x.local", Type = (DnsRecordType)47, Data = new byte[] { 1, 2, 3 } },
            ],
        });

        Assert.That(DnsMessageReader.TryRead(written, out var message), Is.True);
        var records = message!.Additionals;
        Assert.Multiple(() =>
        {
            Assert.That(records[0].Port, Is.EqualTo(4001));
            Assert.That(records[0].Target, Is.EqualTo("host.local"));
            Assert.That(records[1].Address, Is.EqualTo(IPAddress.Parse("10.1.2.3")));
            Assert.That(records[2].Address, Is.EqualTo(IPAddress.Parse("fe80::1")));
            Assert.That(records[3].Data.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
        });
    }

    [Test]
    public void TryRead_EveryTruncation_ReturnsFalse()
    {
        for (var length = 0; length < DnsVectors.Response.Length; length++)
        {
            Assert.That(DnsMessageReader.TryRead(DnsVectors.Response.AsSpan(0, length), out _), Is.False, $"length {length}");
        }
    }

    [Test]
    public void TryRead_PointerLoop_ReturnsFalse()
    {
        // One question whose name is a pointer to itself.
        var selfLoop = Convert.FromHexString("000000000001000000000000c00c000c0001");

        // Two names pointing at each other: the first label is followed by a pointer forward to the second.
        var mutual = Convert.FromHexString("000000000002000000000000" + "0161c012" + "000c0001" + "0162c00c" + "000c0001");
        Assert.Multiple(() =>
        {
            Assert.That(DnsMessageReader.TryRead(selfLoop, out _), Is.False);
            Assert.That(DnsMessageReader.TryRead(mutual, out _), Is.False);
        });
    }

    [Test]
    public void TryRead_LabelLongerThan63_ReturnsFalse()
    {
        // 0x40 is not a length but the reserved extended label type, so a 64-byte label cannot even be expressed.
        var packet = Convert.FromHexString("000000000001000000000000" + "40" + new string('6', 128) + "00" + "000c0001");
        Assert.That(DnsMessageReader.TryRead(packet, out _), Is.False);
    }

    [Test]
    public void TryRead_NameLongerThan255_ReturnsFalse()
    {
        // Five labels of 63 bytes make a 321-byte name.
        var label = "3f" + new string('6', 126);
        var packet = Convert.FromHexString("000000000001000000000000" + string.Concat(Enumerable.Repeat(label, 5)) + "00" + "000c0001");
        Assert.That(DnsMessageReader.TryRead(packet, out _), Is.False);
    }

    [Test]
    public void TryRead_CountsLargerThanThePacket_ReturnsFalse()
    {
        var packet = (byte[])DnsVectors.Response.Clone();
        packet[7] = 0xff;
        var questions = (byte[])DnsVectors.Query.Clone();
        questions[4] = 0xff;
        Assert.Multiple(() =>
        {
            Assert.That(DnsMessageReader.TryRead(packet, out _), Is.False);
            Assert.That(DnsMessageReader.TryRead(questions, out _), Is.False);
        });
    }

    [Test]
    public void TryRead_AddressOfWrongLength_ReturnsFalse()
    {
        var packet = Convert.FromHexString("000084000000000100000000" + "0161" + "00" + "00010001" + "00000078" + "0003" + "0a0102");
        Assert.That(DnsMessageReader.TryRead(packet, out _), Is.False);
    }

    [Test]
    public void TryRead_TxtStringPastItsData_ReturnsFalse()
    {
        var packet = Convert.FromHexString("000084000000000100000000" + "0161" + "00" + "00100001" + "00000078" + "0002" + "0561");
        Assert.That(DnsMessageReader.TryRead(packet, out _), Is.False);
    }

    [Test]
    public void TryRead_RandomBytes_NeverThrows()
    {
        var random = new Random(7001);
        for (var i = 0; i < 20_000; i++)
        {
            var packet = new byte[random.Next(0, 200)];
            random.NextBytes(packet);
            Assert.DoesNotThrow(() => DnsMessageReader.TryRead(packet, out _));
        }
    }

    [Test]
    public void TryRead_MutatedValidPackets_NeverThrows()
    {
        var random = new Random(7002);
        var sources = new[] { DnsVectors.Query, DnsVectors.Response };
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var packet = (byte[])sources[i % 2].Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                packet[random.Next(packet.Length)] = (byte)random.Next(256);
            }

            var length = random.Next(4) == 0 ? random.Next(packet.Length) : packet.Length;
            Assert.DoesNotThrow(() =>
            {
                if (DnsMessageReader.TryRead(packet.AsSpan(0, length), out _))
                {
                    accepted++;
                }
            });
        }

        Assert.That(accepted, Is.GreaterThan(0), "some mutations (of TTLs, ids, names' letters) are still valid packets");
    }
}
