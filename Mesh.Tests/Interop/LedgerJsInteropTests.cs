using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Mesh.Core.Ledger;
using Mesh.Core.Resources;
using Mesh.Libp2p.Identity;
using Mesh.Tests.Core.Ledger;

namespace Mesh.Tests.Interop;

/// <summary>
/// The ledger entry wire format (docs/protocol.md, "Ledger") against interop/js/ledger.mjs, an independent reader
/// and writer written only from that document with <c>@msgpack/msgpack</c> and node:crypto: entries cross in both
/// directions, and tampering is caught on both sides.
/// </summary>
[TestFixture]
[CancelAfter(60_000)]
public sealed class LedgerJsInteropTests
{
    private const long GiB = 1L << 30;
    private const long TiB = 1L << 40;

    // docs/protocol.md, "Ledger", "Test vector".
    private const string VectorHex =
        "9301c4df8e00c42600240801122003a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b801a66e6f64652d6102cf0000018bcfe5680003cf0000018bcfe568000491ba2f6970342f3139322e3136382e312e31302f7463702f343030310594cb4010000000000000cf0000000200000000cf000000e8d4a51000000694cb3ff0000000000000ce40000000cf0000003a35294400000794cb4008000000000000cf00000001c0000000cf000000ae9f7bcc00000894cb000000000000000000000009900a000b000ccb40934a00000000000da6737461746963c440fd7dc62f82017586e5b3be12fffd56c6f8a747bc383cdb400a2ae115608e4ba43cb93f9374dac5042e8f30c8fd1918c146b65abaa46830b567c569ceccf1f709";

    private static readonly byte[] Seed = Enumerable.Range(0x20, 32).Select(i => (byte)i).ToArray();

    private static readonly IdentityKey Identity = IdentityKey.FromSeed(Seed);

    /// <summary>Every field set, with values that stress the encoding: fractions, values past 2^32 and 2^53, UTF-8.</summary>
    private static LedgerEntry Rich => new()
    {
        Peer = Identity.PeerId,
        Name = "rack-7-gpu-ü",
        Version = 1_700_000_123_456,
        IssuedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_123_455),
        Addresses = ["/ip4/10.1.2.3/tcp/4001", "/ip6/fe80::1/tcp/4001", "/dns4/node.example/tcp/4001", "/ip4/127.0.0.1/tcp/4002"],
        Capacity = new ResourceVector(63.75, 3 * TiB / 2, (1L << 53) + 1, 4),
        Reserved = new ResourceVector(0.5, 12 * GiB, 250_000_000_000, 0),
        Surplus = new ResourceVector(63.25, 3 * TiB / 2 - 12 * GiB, (1L << 53) + 1 - 250_000_000_000, 4),
        InUse = new ResourceVector(1.0 / 3, 7 * GiB + 123, 4_294_967_296, 1),
        Gpus = [new GpuDevice("NVIDIA H100 80GB HBM3", 80 * GiB), new GpuDevice("AMD Instinct MI300X", 192 * GiB), new GpuDevice("NVIDIA L4", 24 * GiB)],
        Queued = 70_000,
        Running = 3,
        Score = 98765.4321,
        Policy = "predictive",
    };

    [OneTimeSetUp]
    public void InstallJsPackages()
    {
        JsDependencies.EnsureInstalled();
    }

    [Test]
    public async Task JsDecode_DocumentedVector_MatchesCSharpDecodeAndVerifies()
    {
        var csharp = LedgerEntryCodec.TryDecode(Convert.FromHexString(VectorHex));

        var js = await JsDecodeAsync(VectorHex);

        Assert.That(csharp.Status, Is.EqualTo(LedgerDecodeStatus.Ok), csharp.Reason);
        AssertJsOk(js);
        AssertJsEntry(js["entry"]!.AsObject(), csharp.Entry!);
    }

    [Test]
    public async Task JsEncode_DocumentedVectorEntry_IsTheDocumentedBytes()
    {
        var hex = await JsEncodeAsync(LedgerTestData.Vector, Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

        Assert.That(hex, Is.EqualTo(VectorHex));
    }

    [Test]
    public async Task JsDecode_CSharpEncodedEntry_HasEqualFieldsAndVerifies()
    {
        var bytes = LedgerEntryCodec.Encode(Rich, Identity);

        var js = await JsDecodeAsync(Convert.ToHexStringLower(bytes));

        AssertJsOk(js);
        AssertJsEntry(js["entry"]!.AsObject(), Rich);
    }

    [Test]
    public async Task CSharpDecode_JsEncodedEntry_IsOkWithEqualFields()
    {
        var bytes = Convert.FromHexString(await JsEncodeAsync(Rich, Seed));

        var result = LedgerEntryCodec.TryDecode(bytes);

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.Ok), result.Reason);
        LedgerTestData.AssertSame(result.Entry!, Rich);
    }

    [Test]
    public async Task CSharpDecode_JsEncodedEntryWithFlippedPayloadByte_IsBadSignature()
    {
        var bytes = Convert.FromHexString(await JsEncodeAsync(Rich, Seed));
        FlipNameByte(bytes, Rich.Name);

        var result = LedgerEntryCodec.TryDecode(bytes);

        Assert.That(result.Status, Is.EqualTo(LedgerDecodeStatus.BadSignature), result.Reason);
    }

    [Test]
    public async Task JsDecode_CSharpEncodedEntryWithFlippedPayloadByte_IsBadSignature()
    {
        var bytes = LedgerEntryCodec.Encode(Rich, Identity);
        FlipNameByte(bytes, Rich.Name);

        var js = await JsDecodeAsync(Convert.ToHexStringLower(bytes));

        Assert.Multiple(() =>
        {
            Assert.That(js["status"]!.GetValue<string>(), Is.EqualTo("badSignature"), js.ToJsonString());
            Assert.That(js["signatureValid"]!.GetValue<bool>(), Is.False);
        });
    }

    /// <summary>Flips the low bit of the name's first byte: the payload stays well formed, only the signature breaks.</summary>
    private static void FlipNameByte(byte[] envelope, string name)
    {
        var at = envelope.AsSpan().IndexOf(Encoding.UTF8.GetBytes(name));
        Assert.That(at, Is.Positive, "the name is not in the envelope");
        envelope[at] ^= 0x01;
    }

    private static void AssertJsOk(JsonObject js) => Assert.Multiple(() =>
    {
        Assert.That(js["status"]!.GetValue<string>(), Is.EqualTo("ok"), js.ToJsonString());
        Assert.That(js["signatureValid"]!.GetValue<bool>(), Is.True);
    });

    /// <summary>Compares the entry ledger.mjs printed (64-bit integers as decimal strings) with a C# entry.</summary>
    private static void AssertJsEntry(JsonObject js, LedgerEntry expected) => Assert.Multiple(() =>
    {
        Assert.That(js["peer"]!.GetValue<string>(), Is.EqualTo(expected.Peer.ToString()));
        Assert.That(js["name"]!.GetValue<string>(), Is.EqualTo(expected.Name));
        Assert.That(ulong.Parse(js["version"]!.GetValue<string>(), CultureInfo.InvariantCulture), Is.EqualTo(expected.Version));
        Assert.That(Int64(js["issuedAt"]), Is.EqualTo(expected.IssuedAt.ToUnixTimeMilliseconds()));
        Assert.That(js["addresses"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(expected.Addresses));
        Assert.That(Vector(js["capacity"]), Is.EqualTo(expected.Capacity));
        Assert.That(Vector(js["reserved"]), Is.EqualTo(expected.Reserved));
        Assert.That(Vector(js["surplus"]), Is.EqualTo(expected.Surplus));
        Assert.That(Vector(js["inUse"]), Is.EqualTo(expected.InUse));
        Assert.That(js["gpus"]!.AsArray().Select(g => new GpuDevice(g!["model"]!.GetValue<string>(), Int64(g["memory"]))), Is.EqualTo(expected.Gpus));
        Assert.That(js["queued"]!.GetValue<int>(), Is.EqualTo(expected.Queued));
        Assert.That(js["running"]!.GetValue<int>(), Is.EqualTo(expected.Running));
        Assert.That(js["score"]!.GetValue<double>(), Is.EqualTo(expected.Score));
        Assert.That(js["policy"]!.GetValue<string>(), Is.EqualTo(expected.Policy));
    });

    private static long Int64(JsonNode? node) => long.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static ResourceVector Vector(JsonNode? node) =>
        new(node!["cpu"]!.GetValue<double>(), Int64(node["memory"]), Int64(node["disk"]), node["gpu"]!.GetValue<int>());

    /// <summary>The entry in ledger.mjs's JSON form; the peer is left out (the seed decides it).</summary>
    private static string ToJsJson(LedgerEntry entry)
    {
        static JsonObject Resources(ResourceVector v) => new()
        {
            ["cpu"] = v.Cpu,
            ["memory"] = v.Memory.ToString(CultureInfo.InvariantCulture),
            ["disk"] = v.Disk.ToString(CultureInfo.InvariantCulture),
            ["gpu"] = v.Gpu,
        };

        var json = new JsonObject
        {
            ["name"] = entry.Name,
            ["version"] = entry.Version.ToString(CultureInfo.InvariantCulture),
            ["issuedAt"] = entry.IssuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["addresses"] = new JsonArray([.. entry.Addresses.Select(a => (JsonNode)a)]),
            ["capacity"] = Resources(entry.Capacity),
            ["reserved"] = Resources(entry.Reserved),
            ["surplus"] = Resources(entry.Surplus),
            ["inUse"] = Resources(entry.InUse),
            ["gpus"] = new JsonArray([.. entry.Gpus.Select(g => (JsonNode)new JsonObject { ["model"] = g.Model, ["memory"] = g.Memory.ToString(CultureInfo.InvariantCulture) })]),
            ["queued"] = entry.Queued,
            ["running"] = entry.Running,
            ["score"] = entry.Score,
            ["policy"] = entry.Policy,
        };
        return json.ToJsonString();
    }

    private static async Task<string> JsEncodeAsync(LedgerEntry entry, byte[] seed)
    {
        var (exitCode, output, errors) = await RunLedgerJsAsync("encode", ToJsJson(entry), Convert.ToHexStringLower(seed));
        Assert.That(exitCode, Is.Zero, errors);
        return output.Trim();
    }

    /// <summary>Decodes in js; the exit code is 0 only for an ok entry, so it is not checked here: the status says.</summary>
    private static async Task<JsonObject> JsDecodeAsync(string hex)
    {
        var (_, output, errors) = await RunLedgerJsAsync("decode", hex);
        Assert.That(output, Is.Not.Empty, errors);
        return JsonNode.Parse(output)!.AsObject();
    }

    private static Task<(int ExitCode, string Output, string Errors)> RunLedgerJsAsync(params string[] arguments) =>
        JsScript.RunAsync("ledger.mjs", arguments);
}
