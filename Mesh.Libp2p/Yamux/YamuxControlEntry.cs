namespace Mesh.Libp2p.Yamux;

/// <summary>
/// One queued control write: either a stream whose pending flags and window delta are composed when written,
/// or a ready session frame (ping, GoAway, refusal RST).
/// </summary>
internal readonly record struct YamuxControlEntry(YamuxStream? Stream, YamuxHeader Header);
