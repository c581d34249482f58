using System.Buffers;
using MessagePack;
using Mesh.Core.Ledger;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Ledger;

/// <summary>Writes ledger envelopes and payloads by hand, to build what the encoder refuses to: hostile and future entries.</summary>
public static class RawLedger
{
    public delegate void WriteValue(ref MessagePackWriter writer);

    /// <summary>A payload map with the fields of <paramref name="entry"/>, each replaceable or removable, plus extra keys.</summary>
    public static byte[] Payload(LedgerEntry entry, IReadOnlyDictionary<int, WriteValue?>? overrides = null, IReadOnlyDictionary<long, WriteValue>? extra = null)
    {
        var standard = new SortedDictionary<long, WriteValue>
        {
            [0] = (ref MessagePackWriter w) => w.Write(entry.Peer.Bytes),
            [1] = (ref MessagePackWriter w) => w.Write(entry.Name),
            [2] = (ref MessagePackWriter w) => w.Write(entry.Version),
            [3] = (ref MessagePackWriter w) => w.Write(entry.IssuedAt.ToUnixTimeMilliseconds()),
            [4] = (ref MessagePackWriter w) => WriteStrings(ref w, entry.Addresses),
            [5] = (ref MessagePackWriter w) => Vector(ref w, entry.Capacity.Cpu, entry.Capacity.Memory, entry.Capacity.Disk, entry.Capacity.Gpu),
            [6] = (ref MessagePackWriter w) => Vector(ref w, entry.Reserved.Cpu, entry.Reserved.Memory, entry.Reserved.Disk, entry.Reserved.Gpu),
            [7] = (ref MessagePackWriter w) => Vector(ref w, entry.Surplus.Cpu, entry.Surplus.Memory, entry.Surplus.Disk, entry.Surplus.Gpu),
        };
        foreach (var (key, value) in overrides ?? new Dictionary<int, WriteValue?>())
        {
            if (value is null)
            {
                standard.Remove(key);
            }
            else
            {
                standard[key] = value;
            }
        }

        foreach (var (key, value) in extra ?? new Dictionary<long, WriteValue>())
        {
            standard[key] = value;
        }

        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(standard.Count);
        foreach (var (key, value) in standard)
        {
            writer.Write(key);
            value(ref writer);
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static void Vector(ref MessagePackWriter writer, double cpu, long memory, long disk, int gpu)
    {
        writer.WriteArrayHeader(4);
        writer.Write(cpu);
        writer.Write(memory);
        writer.Write(disk);
        writer.Write(gpu);
    }

    public static void WriteStrings(ref MessagePackWriter writer, IEnumerable<string> values)
    {
        var list = values.ToArray();
        writer.WriteArrayHeader(list.Length);
        foreach (var value in list)
        {
            writer.Write(value);
        }
    }

    /// <summary>The signature of <paramref name="payload"/> as the protocol defines it, by <paramref name="signer"/>.</summary>
    public static byte[] Sign(IdentityKey signer, byte[] payload) => signer.Sign([.. LedgerEntryCodec.SigningDomain, .. payload]);

    /// <summary>An envelope [format, payload, signature].</summary>
    public static byte[] Envelope(long format, byte[] payload, byte[] signature)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(3);
        writer.Write(format);
        writer.Write(payload);
        writer.Write(signature);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A format-1 envelope of <paramref name="payload"/> signed by <paramref name="signer"/>.</summary>
    public static byte[] SignedEnvelope(IdentityKey signer, byte[] payload) => Envelope(LedgerEntryCodec.FormatVersion, payload, Sign(signer, payload));
}
