using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Identity;

namespace Mesh.Libp2p.Discovery;

/// <summary>The libp2p mDNS messages (libp2p discovery/mdns.md), built and read the way js @libp2p/mdns 12 does (wire notes §11.2).</summary>
internal static class MdnsProtocol
{
    /// <summary>The prefix of each TXT string that carries an address.</summary>
    public const string DnsAddrPrefix = "dnsaddr=";

    private const int MaxTxtStringLength = 255;
    private const string PeerNameAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A random peer name of lower-case letters and digits (the spec recommends at least 32; js uses 63).</summary>
    public static string NewPeerName(int length) => RandomNumberGenerator.GetString(PeerNameAlphabet, length);

    /// <summary>The PTR query for <paramref name="serviceName"/>: id 0, no flags, as js sends it.</summary>
    public static byte[] BuildQuery(string serviceName) =>
        DnsMessageWriter.Write(new DnsMessage { Questions = [new DnsQuestion(serviceName, DnsRecordType.NamePointer)] });

    /// <summary>
    /// Whether <paramref name="message"/> is a query this host should answer. js answers when the first question names the
    /// service whatever its type; this accepts any question naming it with type PTR or ANY.
    /// </summary>
    public static bool IsQueryFor(DnsMessage message, string serviceName) =>
        !message.IsResponse
        && message.Questions.Any(q => NameEquals(q.Name, serviceName) && q.Type is DnsRecordType.NamePointer or DnsRecordType.Any);

    /// <summary>
    /// The answer advertising <paramref name="addresses"/>: everything in the answer section, a PTR then one TXT per address
    /// (js does the same). Only private or loopback addresses (not IPv6 link-local ones) with a /p2p/ part and a TXT string of at most 255 bytes are
    /// included, as many as fit in <paramref name="maxPacketSize"/>; null when none is left (js then does not answer).
    /// </summary>
    public static byte[]? BuildResponse(string serviceName, string peerName, IEnumerable<Multiaddr> addresses, uint ttl, int maxPacketSize)
    {
        var instance = peerName + "." + serviceName;
        var answers = new List<DnsRecord> { DnsRecord.NamePointer(serviceName, instance, ttl) };
        byte[]? packet = null;
        foreach (var address in addresses)
        {
            // An IPv6 link-local address is useless here: a multiaddr has no zone, and without one nobody can dial it.
            if (address.PeerId is null || !(address.IsPrivate || address.IsLoopback) || IsIPv6LinkLocal(address))
            {
                continue;
            }

            var text = System.Text.Encoding.UTF8.GetBytes(DnsAddrPrefix + address);
            if (text.Length > MaxTxtStringLength)
            {
                continue;
            }

            answers.Add(DnsRecord.Txt(instance, [text], ttl));
            var candidate = DnsMessageWriter.Write(new DnsMessage { Flags = DnsMessage.ResponseFlags, Answers = answers });
            if (candidate.Length > maxPacketSize)
            {
                answers.RemoveAt(answers.Count - 1);
                break;
            }

            packet = candidate;
        }

        return packet;
    }

    /// <summary>
    /// Reads a peer from an answer as js does: a PTR in the answers named for the service (not pointing at
    /// <paramref name="ownPeerName"/>), and <c>dnsaddr=</c> strings from TXT records in the answers and additionals. The peer
    /// id comes from the first address; addresses of other peers are dropped. False when the message names no other peer.
    /// </summary>
    public static bool TryReadResponse(
        DnsMessage message,
        string serviceName,
        string ownPeerName,
        PeerId ownPeerId,
        int maxAddresses,
        [NotNullWhen(true)] out MdnsDiscoveredPeer? peer)
    {
        peer = null;
        if (!message.IsResponse)
        {
            return false;
        }

        var pointer = message.Answers.FirstOrDefault(r => r.Type == DnsRecordType.NamePointer && NameEquals(r.Name, serviceName));
        if (pointer?.Target is null || pointer.Target.StartsWith(ownPeerName, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        PeerId? id = null;
        var addresses = new List<Multiaddr>();
        foreach (var address in DnsAddresses(message))
        {
            id ??= address.PeerId;
            if (id is null)
            {
                return false;
            }

            if (address.PeerId is not null && address.PeerId != id)
            {
                continue;
            }

            var full = address.PeerId is null ? address.WithPeerId(id) : address;
            if (!addresses.Contains(full))
            {
                addresses.Add(full);
            }

            if (addresses.Count == maxAddresses)
            {
                break;
            }
        }

        if (id is null || id == ownPeerId)
        {
            return false;
        }

        peer = new MdnsDiscoveredPeer(id, addresses);
        return true;
    }

    /// <summary>True for an <c>/ip6/fe80::…</c> address (dialable only with a zone, which a multiaddr cannot carry here).</summary>
    public static bool IsIPv6LinkLocal(Multiaddr address) =>
        address.TryGetTcpEndPoint(out var endPoint) && endPoint!.Address.IsIPv6LinkLocal;

    private static IEnumerable<Multiaddr> DnsAddresses(DnsMessage message)
    {
        foreach (var record in message.Answers.Concat(message.Additionals))
        {
            if (record.Type != DnsRecordType.Txt)
            {
                continue;
            }

            foreach (var bytes in record.Strings)
            {
                var text = System.Text.Encoding.UTF8.GetString(bytes);
                if (text.StartsWith(DnsAddrPrefix, StringComparison.Ordinal) && Multiaddr.TryParse(text[DnsAddrPrefix.Length..], out var address))
                {
                    yield return address;
                }
            }
        }
    }

    private static bool NameEquals(string a, string b) =>
        string.Equals(a.TrimEnd('.'), b.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
}
