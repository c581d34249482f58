namespace Mesh.Tests.Libp2p.Discovery;

/// <summary>The dns-packet 5.6.1 vectors of the wire notes §11.2 (what js @libp2p/mdns emits).</summary>
internal static class DnsVectors
{
    public const string JsPeerId = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq";

    public const string JsAddress = "/ip4/127.0.0.1/tcp/4001/p2p/" + JsPeerId;

    public static readonly byte[] Query = Convert.FromHexString(
        "000000000001000000000000045f703270045f756470056c6f63616c00000c0001");

    public static readonly byte[] Response = Convert.FromHexString(
        "000084000000000200000000045f703270045f756470056c6f63616c00000c0001000000780017057065657231045f703270045f756470056c6f63616c00"
        + "057065657231045f703270045f756470056c6f63616c000010000100000078005958646e73616464723d2f6970342f3132372e302e302e312f7463702f"
        + "343030312f7032702f313244334b6f6f57427467336161524d6a78776564683833614769556b7753784477555a6b7a754a63666171556d6f3752337071");
}
