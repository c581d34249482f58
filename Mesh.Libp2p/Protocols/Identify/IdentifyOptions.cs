namespace Mesh.Libp2p.Protocols.Identify;

/// <summary>Limits, timing and the version strings of identify. Defaults follow js-libp2p (wire notes §9.1).</summary>
public sealed class IdentifyOptions
{
    /// <summary>The largest identify message read or written, in bytes. Default 8192, as js and go.</summary>
    public int MaxMessageSize { get; set; } = 8192;

    /// <summary>How many length-prefixed messages one identify response may be split into. Default 10, as js.</summary>
    public int MaxMessages { get; set; } = 10;

    /// <summary>The most listen addresses accepted from a peer. Default 100.</summary>
    public int MaxListenAddrs { get; set; } = 100;

    /// <summary>The most protocols accepted from a peer. Default 256.</summary>
    public int MaxProtocols { get; set; } = 256;

    /// <summary>
    /// How long after writing the response the write side is closed. js 3.3.11 aborts the stream when echo,
    /// message and FIN arrive in one burst (wire notes §1.6); 100 ms was seen to work. Default 100 ms.
    /// </summary>
    public TimeSpan FinDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The most time one identify exchange (request, response or push) may take. Default 5 s, as js.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sent when the message given has none. Default "ipfs/0.1.0", what js sends.</summary>
    public string ProtocolVersion { get; set; } = "ipfs/0.1.0";

    /// <summary>Sent when the message given has none: free text "name/version". Default "mesh/0.1.0".</summary>
    public string AgentVersion { get; set; } = "mesh/0.1.0";

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit or time is out of range; the message names it.</exception>
    /// <exception cref="ArgumentException">A version string is missing; the message names it.</exception>
    public void Validate()
    {
        RequireAtLeastOne(MaxMessageSize, nameof(MaxMessageSize));
        RequireAtLeastOne(MaxMessages, nameof(MaxMessages));
        RequireAtLeastOne(MaxListenAddrs, nameof(MaxListenAddrs));
        RequireAtLeastOne(MaxProtocols, nameof(MaxProtocols));
        if (FinDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(FinDelay), FinDelay, $"{nameof(IdentifyOptions)}.{nameof(FinDelay)} must not be negative.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, $"{nameof(IdentifyOptions)}.{nameof(Timeout)} must be positive.");
        }

        if (string.IsNullOrEmpty(ProtocolVersion))
        {
            throw new ArgumentException($"{nameof(IdentifyOptions)}.{nameof(ProtocolVersion)} must be set.", nameof(ProtocolVersion));
        }

        if (string.IsNullOrEmpty(AgentVersion))
        {
            throw new ArgumentException($"{nameof(IdentifyOptions)}.{nameof(AgentVersion)} must be set.", nameof(AgentVersion));
        }
    }

    private static void RequireAtLeastOne(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{nameof(IdentifyOptions)}.{name} must be at least 1.");
        }
    }
}
