using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mesh.Core.Control;
using Mesh.Core.Journal;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Node;

/// <summary>
/// The compute journal with three real <c>mesh-node</c> processes on loopback: every transaction is journaled with the
/// same countersigned record at its origin and its executor, <c>mesh journal verify</c> is green after the run and red
/// after each kind of tampering, a restarted node keeps its chain, and a rewritten history is reported by its peers.
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(240_000)]
public sealed class JournalProcessTests : ClusterFixture
{
    private static readonly string[] Names = ["n1", "n2", "n3"];

    /// <inheritdoc/>
    protected override string WorkPrefix => "mesh-journal-";

    [Test]
    public async Task TasksAcrossThreeNodes_EntriesMatchAtOriginAndExecutorAndEveryJournalVerifies()
    {
        await StartMeshAsync();
        await RunAllAsync("n1", "--array", "1-9", "--", "sh", "-c", "echo {}");
        await RunAllAsync("n2", "--array", "1-3", "--on", "n3", "--", "sh", "-c", "echo {}");
        await RunAllAsync("n3", "--local", "--", "true");

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            ids[await Cluster.IdOfAsync(name)] = name;
        }

        // The executor journals once the origin's countersignature arrives, a moment after the origin has the result.
        var journals = await JournalsAsync();
        await WaitUntilAsync(
            async () => Unmatched(journals = await JournalsAsync(), ids) == 0 && journals["n3"].Count >= 4,
            "every transaction is journaled at both ends", seconds: 20);

        var remote = journals.SelectMany(j => j.Value.Select(e => (Holder: j.Key, Entry: e!))).Where(x => Text(x.Entry, "origin") != Text(x.Entry, "executor")).ToList();
        Assert.That(remote.Count(x => ids[Text(x.Entry, "origin")] == "n2" && ids[Text(x.Entry, "executor")] == "n3"), Is.GreaterThanOrEqualTo(6), "n2's three tasks on n3, at both ends");
        Assert.Multiple(() =>
        {
            foreach (var (holder, entry) in remote)
            {
                var origin = ids[Text(entry, "origin")];
                var executor = ids[Text(entry, "executor")];
                var twin = journals[holder == origin ? executor : origin]
                    .SingleOrDefault(e => Text(e!, "task") == Text(entry, "task") && Text(e!, "attempt") == Text(entry, "attempt"));
                Assert.That(twin, Is.Not.Null, $"task {Text(entry, "task")} from {origin} on {executor} is journaled at both");
                foreach (var field in new[] { "commandDigest", "executorSignature", "originSignature", "outcome", "startedAt", "finishedAt" })
                {
                    Assert.That(twin is null ? null : Text(twin, field), Is.EqualTo(Text(entry, field)), $"{field} of task {Text(entry, "task")}");
                }
            }

            Assert.That(journals["n3"].Count(e => Text(e!, "origin") == Text(e!, "executor")), Is.GreaterThanOrEqualTo(1), "n3's local run is journaled");
        });

        foreach (var name in Names)
        {
            var verify = await Cluster.MeshAsync(name, "journal", "verify");
            Assert.That(verify.ExitCode, Is.Zero, $"{name}: {verify.Stdout}{verify.Stderr}");
        }

        var audit = await Cluster.MeshAsync("n1", "journal", "verify", "--peer", "n3");
        Assert.That(audit.ExitCode, Is.Zero, $"n1 audits n3 over the network: {audit.Stdout}{audit.Stderr}");

        // The heads and the contribution travel in the ledger: n1 sees what n3 gave to n2.
        var n3Given = journals["n3"].Count(e => ids[Text(e!, "executor")] == "n3" && ids[Text(e!, "origin")] != "n3");
        var n3Height = journals["n3"].Count;
        await WaitUntilAsync(
            async () => await PeerJournalAsync("n1", "n3") is { } j && (long)j["height"]! == n3Height && (long)j["given"]!["tasks"]! == n3Given,
            "n1's peer table shows n3's head and contribution");
    }

    [Test]
    public async Task EachKindOfTampering_VerifyNamesTheFirstBadEntry()
    {
        await StartMeshAsync();
        await RunAllAsync("n1", "--array", "1-5", "--on", "n2", "--", "sh", "-c", "echo {}");
        var path = Path.Combine(Cluster.DataDir("n2"), JournalOptions.FileName);
        await Cluster.KillAsync("n2");
        var original = await File.ReadAllBytesAsync(path);
        var frames = Frames(original);
        Assert.That(frames, Has.Count.GreaterThanOrEqualTo(5), "n2 journaled the five tasks it ran");

        var tampered = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal)
        {
            ["edited"] = Edited(frames, 2),
            ["deleted"] = [frames[0], .. frames.Skip(2)],
            ["reordered"] = [frames[0], frames[2], frames[1], .. frames.Skip(3)],
            ["re-signed with another key"] = Resigned(frames, 2),
        };
        foreach (var (kind, bad) in tampered)
        {
            await File.WriteAllBytesAsync(path, Join(bad));
            await Cluster.StartAsync("n2");
            var verify = await Cluster.MeshAsync("n2", "journal", "verify");
            var json = await Cluster.MeshAsync("n2", "journal", "verify", "--json");
            await Cluster.KillAsync("n2");

            Assert.Multiple(() =>
            {
                Assert.That(verify.ExitCode, Is.EqualTo(1), $"{kind}: {verify.Stdout}{verify.Stderr}");
                Assert.That(verify.Stdout + verify.Stderr, Does.Contain("entry 2"), kind);
                Assert.That((long?)JsonNode.Parse(json.Stdout)?["firstBad"]?["position"], Is.EqualTo(2), $"{kind}: {json.Stdout}");
            });
        }

        await File.WriteAllBytesAsync(path, original);
        await Cluster.StartAsync("n2");
        var clean = await Cluster.MeshAsync("n2", "journal", "verify");
        Assert.That(clean.ExitCode, Is.Zero, $"the untouched journal verifies again: {clean.Stdout}{clean.Stderr}");
    }

    [Test]
    public async Task RestartedNode_KeepsItsChainAndExtendsIt()
    {
        await StartMeshAsync();
        await RunAllAsync("n1", "--array", "1-3", "--on", "n2", "--", "true");
        var before = await JournalAsync("n2");

        await Cluster.RestartAsync("n2");
        var after = await JournalAsync("n2");
        await RunAllAsync("n1", "--array", "1-2", "--on", "n2", "--", "true");
        var extended = await JournalAsync("n2");
        var verify = await Cluster.MeshAsync("n2", "journal", "verify");

        Assert.Multiple(() =>
        {
            Assert.That((long)after["height"]!, Is.EqualTo((long)before["height"]!).And.GreaterThanOrEqualTo(3));
            Assert.That(Text(after, "head"), Is.EqualTo(Text(before, "head")));
            Assert.That((long)extended["height"]!, Is.EqualTo((long)before["height"]! + 2));
            Assert.That(Text(extended["entries"]![(int)(long)before["height"]!]!, "previous"), Is.EqualTo(Text(before, "head")), "the new entries chain onto the old head");
            Assert.That(verify.ExitCode, Is.Zero, verify.Stdout + verify.Stderr);
        });
    }

    [Test]
    public async Task RewrittenHistory_IsReportedAsForkedByItsPeers_EvenByOneRestartedMeanwhile()
    {
        await StartMeshAsync();
        await RunAllAsync("n1", "--array", "1-3", "--on", "n2", "--", "true");
        var n2 = await JournalAsync("n2");
        var height = (long)n2["height"]!;
        foreach (var watcher in new[] { "n1", "n3" })
        {
            await WaitUntilAsync(async () => await PeerJournalAsync(watcher, "n2") is { } j && (long)j["height"]! == height, $"{watcher} sees n2's head");
        }

        // n3 keeps the heads it verified in its data dir, so it still knows n2's after a restart.
        var saved = Path.Combine(Cluster.DataDir("n3"), "journal-peers.json");
        await WaitUntilAsync(async () => File.Exists(saved) && (await File.ReadAllTextAsync(saved)).Contains(Text(n2, "head"), StringComparison.Ordinal), "n3 saved n2's head");
        await Cluster.KillAsync("n3");

        // n2's owner drops its last entry while it is down: a shorter chain than its peers saw.
        var path = Path.Combine(Cluster.DataDir("n2"), JournalOptions.FileName);
        await Cluster.KillAsync("n2");
        var frames = Frames(await File.ReadAllBytesAsync(path));
        await File.WriteAllBytesAsync(path, Join(frames.Take(frames.Count - 1)));
        await Cluster.StartAsync("n3", "--capacity", "cpu=2");
        await Cluster.StartAsync("n2", "--capacity", "cpu=2");

        foreach (var watcher in new[] { "n1", "n3" })
        {
            await WaitUntilAsync(async () => await PeerJournalAsync(watcher, "n2") is { } j && Text(j, "status") == "forked", $"{watcher} reports n2's journal as forked");
        }

        var peers = await Cluster.MeshAsync("n3", "peers", "--json");
        var row = JsonNode.Parse(peers.Stdout)!["peers"]!.AsArray().Single(p => Text(p!, "name") == "n2")!;
        Assert.That(Text(row["journal"]!, "problem"), Does.Contain("went back"), "the report says what disagrees");
    }

    private async Task<Dictionary<string, JsonArray>> JournalsAsync()
    {
        var journals = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            journals[name] = (await JournalAsync(name))["entries"]!.AsArray();
        }

        return journals;
    }

    /// <summary>How many remote transactions are journaled at one end only.</summary>
    private static int Unmatched(Dictionary<string, JsonArray> journals, Dictionary<string, string> ids) =>
        journals.Sum(j => j.Value.Count(e =>
        {
            var origin = ids[Text(e!, "origin")];
            var executor = ids[Text(e!, "executor")];
            return origin != executor && !journals[j.Key == origin ? executor : origin].Any(t => Text(t!, "attempt") == Text(e!, "attempt"));
        }));

    /// <summary>A field as text: a string's value, anything else as JSON.</summary>
    private static string Text(JsonNode node, string field) =>
        node[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : node[field]?.ToJsonString() ?? "null";

    private async Task StartMeshAsync()
    {
        foreach (var name in Names)
        {
            await Cluster.StartAsync(name, "--capacity", "cpu=2");
        }

        foreach (var name in Names)
        {
            await Cluster.WaitForPeersAsync(name, Names);
        }
    }

    private async Task RunAllAsync(string node, params string[] arguments)
    {
        var submit = await Cluster.MeshAsync(node, ["submit", "--json", .. arguments]);
        Assert.That(submit.ExitCode, Is.Zero, submit.Stderr);
        var ids = JsonSerializer.Deserialize(submit.Stdout, ControlJsonContext.Default.SubmitTaskResponse)!.Ids;
        var wait = await Cluster.MeshAsync(node, ["wait", .. ids]);
        Assert.That(wait.ExitCode, Is.Zero, $"every task at {node} succeeded: {wait.Stdout}{wait.Stderr}");
    }

    private async Task<JsonNode> JournalAsync(string node)
    {
        var result = await Cluster.MeshAsync(node, "journal", "--json", "--limit", "1000");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        return JsonNode.Parse(result.Stdout)!;
    }

    private async Task<JsonNode?> PeerJournalAsync(string node, string peer)
    {
        var result = await Cluster.MeshAsync(node, "peers", "--json");
        return result.ExitCode != 0 ? null : JsonNode.Parse(result.Stdout)!["peers"]!.AsArray().FirstOrDefault(p => Text(p!, "name") == peer)?["journal"];
    }

    /// <summary>The journal file's frames: a 4-byte big-endian length, then the entry (docs/protocol.md, "Journal").</summary>
    private static List<byte[]> Frames(byte[] file)
    {
        var frames = new List<byte[]>();
        for (var offset = 0; offset + 4 <= file.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset));
            frames.Add(file.AsSpan(offset + 4, length).ToArray());
            offset += 4 + length;
        }

        return frames;
    }

    private static byte[] Join(IEnumerable<byte[]> frames)
    {
        using var file = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (var frame in frames)
        {
            BinaryPrimitives.WriteUInt32BigEndian(length, (uint)frame.Length);
            file.Write(length);
            file.Write(frame);
        }

        return file.ToArray();
    }

    /// <summary>Entry <paramref name="position"/> with its exit code changed (0 to 1), the chain after it left as it was.</summary>
    private static List<byte[]> Edited(List<byte[]> frames, int position)
    {
        Assert.That(JournalEntryCodec.TryRead(frames[position - 1], out var entry, out var error), Is.True, error);
        var record = entry!.Transaction.Record with { ExitCode = 1 };
        var bytes = ComputeRecordCodec.Encode(record);
        var edited = entry.Transaction with { Record = record, RecordBytes = bytes };
        return [.. frames.Take(position - 1), JournalEntryCodec.Encode(entry.Height, entry.Previous.Span, edited), .. frames.Skip(position)];
    }

    /// <summary>
    /// Entry <paramref name="position"/> claimed by a stranger: its record names the stranger as executor, signed with the
    /// stranger's key, and the chain after it re-hashed so that every link holds.
    /// </summary>
    private static List<byte[]> Resigned(List<byte[]> frames, int position)
    {
        var stranger = IdentityKey.Generate();
        Assert.That(JournalEntryCodec.TryRead(frames[position - 1], out var entry, out var error), Is.True, error);
        var forged = JournalSigning.SignAsExecutor(stranger, entry!.Transaction.Record with { Executor = stranger.PeerId }) with
        {
            OriginSignature = entry.Transaction.OriginSignature,
        };
        var result = frames.Take(position - 1).ToList();
        var previous = entry.Previous.ToArray();
        var replaced = JournalEntryCodec.Encode(entry.Height, previous, forged);
        result.Add(replaced);
        previous = JournalEntryCodec.Hash(replaced);
        foreach (var frame in frames.Skip(position))
        {
            Assert.That(JournalEntryCodec.TryRead(frame, out var next, out error), Is.True, error);
            var relinked = JournalEntryCodec.Encode(next!.Height, previous, next.Transaction);
            result.Add(relinked);
            previous = JournalEntryCodec.Hash(relinked);
        }

        return result;
    }
}
