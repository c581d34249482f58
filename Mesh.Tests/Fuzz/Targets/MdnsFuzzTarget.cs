using Mesh.Libp2p.Addressing;
using Mesh.Libp2p.Discovery;

namespace Mesh.Tests.Fuzz.Targets;

/// <summary>Decodes an mDNS packet and parses the <c>dnsaddr=</c> multiaddrs its TXT records carry, as discovery does.</summary>
internal static class MdnsFuzzTarget
{
    private const string DnsAddrPrefix = "dnsaddr=";

    /// <summary>Decodes the packet and every TXT string; never expects an exception.</summary>
    public static void Run(ReadOnlySpan<byte> input)
    {
        if (!DnsMessageReader.TryRead(input, out var message))
        {
            return;
        }

        foreach (var record in message.Answers.Concat(message.Additionals))
        {
            foreach (var bytes in record.Strings)
            {
                var text = System.Text.Encoding.UTF8.GetString(bytes);
                if (text.StartsWith(DnsAddrPrefix, StringComparison.Ordinal))
                {
                    _ = Multiaddr.TryParse(text[DnsAddrPrefix.Length..], out _);
                }
            }
        }
    }
}
