using Mesh.Libp2p.Discovery;

namespace Mesh.Tests.Libp2p.Discovery;

public class DnsMessageWriterTests
{
    [Test]
    public void Write_PtrQuery_MatchesJsVector()
    {
        var query = new DnsMessage { Questions = [new DnsQuestion("_p2p._udp.local", DnsRecordType.NamePointer)] };
        Assert.That(Convert.ToHexString(DnsMessageWriter.Write(query)), Is.EqualTo(Convert.ToHexString(DnsVectors.Query)));
    }

    [Test]
    public void Write_Response_MatchesJsVector()
    {
        var response = new DnsMessage
        {
            Flags = DnsMessage.ResponseFlags,
            Answers =
            [
                DnsRecord.NamePointer("_p2p._udp.local", "peer1._p2p._udp.local", 120),
                DnsRecord.Txt("peer1._p2p._udp.local", [System.Text.Encoding.ASCII.GetBytes("dnsaddr=" + DnsVectors.JsAddress)], 120),
            ],
        };
        Assert.That(Convert.ToHexString(DnsMessageWriter.Write(response)), Is.EqualTo(Convert.ToHexString(DnsVectors.Response)));
    }

    [Test]
    public void Write_ThenRead_RoundTrips()
    {
        Assert.That(DnsMessageReader.TryRead(DnsVectors.Response, out var message), Is.True);
        Assert.That(DnsMessageWriter.Write(message!), Is.EqualTo(DnsVectors.Response));
    }

    [Test]
    public void Write_LabelLongerThan63_Throws()
    {
        var query = new DnsMessage { Questions = [new DnsQuestion(new string('a', 64) + ".local", DnsRecordType.NamePointer)] };
        Assert.Throws<ArgumentException>(() => DnsMessageWriter.Write(query));
    }

    [Test]
    public void Write_TxtStringLongerThan255_Throws()
    {
        var response = new DnsMessage { Answers = [DnsRecord.Txt("a.local", [new byte[256]], 120)] };
        Assert.Throws<ArgumentException>(() => DnsMessageWriter.Write(response));
    }
}
