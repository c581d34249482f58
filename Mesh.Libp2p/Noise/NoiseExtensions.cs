namespace Mesh.Libp2p.Noise;

/// <summary>
/// The <c>NoiseExtensions</c> message of the handshake payload (wire notes §8.3):
/// <c>repeated bytes webtransport_certhashes = 1; repeated string stream_muxers = 2;</c>.
/// </summary>
public sealed class NoiseExtensions
{
    /// <summary>The most entries decoding accepts in each list.</summary>
    public const int MaxEntries = 64;

    /// <summary>The longest certificate hash or muxer id decoding accepts, in bytes.</summary>
    public const int MaxEntryLength = 1024;

    /// <summary>WebTransport certificate hashes (multihashes); unused over TCP.</summary>
    public IReadOnlyList<byte[]> WebTransportCertHashes { get; init; } = [];

    /// <summary>The sender's muxers in preference order, for early muxer negotiation (wire notes §6.6).</summary>
    public IReadOnlyList<string> StreamMuxers { get; init; } = [];

    /// <summary>True when both lists are empty.</summary>
    public bool IsEmpty => WebTransportCertHashes.Count == 0 && StreamMuxers.Count == 0;
}
