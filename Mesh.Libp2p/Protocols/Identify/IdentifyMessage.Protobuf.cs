using Mesh.Libp2p.Protobuf;

namespace Mesh.Libp2p.Protocols.Identify;

/// <summary>The identify protobuf, hand-encoded in field order.</summary>
public sealed partial class IdentifyMessage
{
    private const int PublicKeyField = 1;
    private const int ListenAddrsField = 2;
    private const int ProtocolsField = 3;
    private const int ObservedAddrField = 4;
    private const int ProtocolVersionField = 5;
    private const int AgentVersionField = 6;
    private const int SignedPeerRecordField = 8;

    /// <summary>Encodes the message: fields 1, 2, 3, 4, 5, 6, 8 in that order, absent ones left out.</summary>
    public byte[] ToProtobuf()
    {
        var writer = new ProtoWriter();
        if (PublicKey is not null)
        {
            writer.WriteBytes(PublicKeyField, PublicKey);
        }

        foreach (var address in ListenAddrs)
        {
            writer.WriteBytes(ListenAddrsField, address);
        }

        foreach (var protocol in Protocols)
        {
            writer.WriteString(ProtocolsField, protocol);
        }

        if (ObservedAddr is not null)
        {
            writer.WriteBytes(ObservedAddrField, ObservedAddr);
        }

        if (ProtocolVersion is not null)
        {
            writer.WriteString(ProtocolVersionField, ProtocolVersion);
        }

        if (AgentVersion is not null)
        {
            writer.WriteString(AgentVersionField, AgentVersion);
        }

        if (SignedPeerRecord is not null)
        {
            writer.WriteBytes(SignedPeerRecordField, SignedPeerRecord);
        }

        return writer.ToArray();
    }

    /// <summary>Decodes a message within the default <see cref="IdentifyOptions"/> limits.</summary>
    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, IdentifyOptions, out IdentifyMessage?)"/>
    public static bool TryParse(ReadOnlySpan<byte> protobuf, out IdentifyMessage? message) =>
        TryParse(protobuf, new IdentifyOptions(), out message);

    /// <summary>
    /// Decodes a message. Unknown fields are skipped; a repeated single field keeps its last value, as protobuf does.
    /// Never throws on malformed input.
    /// </summary>
    /// <param name="protobuf">The message bytes, without the length prefix.</param>
    /// <param name="limits">The size and count limits: <see cref="IdentifyOptions.MaxMessageSize"/>,
    /// <see cref="IdentifyOptions.MaxListenAddrs"/> and <see cref="IdentifyOptions.MaxProtocols"/>.</param>
    /// <param name="message">The message, when the result is true.</param>
    /// <returns>False when the bytes are malformed, a string is not UTF-8, or a limit is exceeded.</returns>
    public static bool TryParse(ReadOnlySpan<byte> protobuf, IdentifyOptions limits, out IdentifyMessage? message)
    {
        message = null;
        if (protobuf.Length > limits.MaxMessageSize)
        {
            return false;
        }

        var reader = new ProtoReader(protobuf);
        byte[]? publicKey = null, observedAddr = null, signedPeerRecord = null;
        string? protocolVersion = null, agentVersion = null;
        var listenAddrs = new List<byte[]>();
        var protocols = new List<string>();
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                return false;
            }

            bool ok;
            if (wireType != WireType.LengthDelimited)
            {
                // Every identify field is length-delimited; anything else is unknown and skipped.
                ok = reader.TrySkip(wireType);
            }
            else
            {
                switch (field)
                {
                    case PublicKeyField:
                        ok = TryReadBytes(ref reader, out publicKey);
                        break;
                    case ListenAddrsField:
                        byte[]? address = null;
                        ok = listenAddrs.Count < limits.MaxListenAddrs && TryReadBytes(ref reader, out address);
                        if (ok)
                        {
                            listenAddrs.Add(address!);
                        }

                        break;
                    case ProtocolsField:
                        var protocol = string.Empty;
                        ok = protocols.Count < limits.MaxProtocols && reader.TryReadString(out protocol);
                        if (ok)
                        {
                            protocols.Add(protocol);
                        }

                        break;
                    case ObservedAddrField:
                        ok = TryReadBytes(ref reader, out observedAddr);
                        break;
                    case ProtocolVersionField:
                        ok = reader.TryReadString(out var version);
                        protocolVersion = version;
                        break;
                    case AgentVersionField:
                        ok = reader.TryReadString(out var agent);
                        agentVersion = agent;
                        break;
                    case SignedPeerRecordField:
                        ok = TryReadBytes(ref reader, out signedPeerRecord);
                        break;
                    default:
                        ok = reader.TrySkip(wireType);
                        break;
                }
            }

            if (!ok)
            {
                return false;
            }
        }

        message = new IdentifyMessage
        {
            PublicKey = publicKey,
            ListenAddrs = listenAddrs,
            Protocols = protocols,
            ObservedAddr = observedAddr,
            ProtocolVersion = protocolVersion,
            AgentVersion = agentVersion,
            SignedPeerRecord = signedPeerRecord,
        };
        return true;
    }

    private static bool TryReadBytes(ref ProtoReader reader, out byte[]? value)
    {
        value = null;
        if (!reader.TryReadBytes(out var bytes))
        {
            return false;
        }

        value = bytes.ToArray();
        return true;
    }
}
