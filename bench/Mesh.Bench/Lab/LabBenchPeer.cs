using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mesh.Tests.Lab;

namespace Mesh.Bench.Lab;

/// <summary>
/// One peer process of <see cref="LabGossipBench"/>: Mesh (<see cref="LabPeerRole"/>) or js (peer.mjs --timestamps), with
/// the time it was spawned, its lines read as <see cref="LabPeerEvent"/>s, and the few commands the bench sends it.
/// </summary>
public sealed class LabBenchPeer
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);
    private readonly LabProcess _process;
    private readonly List<LabPeerEvent> _events = [];
    private int _parsedLines;
    private int _nextCommand;

    internal LabBenchPeer(int index, LabPeerKind kind, LabProcess process, long spawnNanoseconds)
    {
        Index = index;
        Kind = kind;
        _process = process;
        SpawnNanoseconds = spawnNanoseconds;
    }

    /// <summary>The host index in the lab.</summary>
    public int Index { get; }

    /// <summary>Mesh or js.</summary>
    public LabPeerKind Kind { get; }

    /// <summary>When the bench started the process (just before the spawn).</summary>
    public long SpawnNanoseconds { get; }

    /// <summary>The peer id, once <see cref="WaitReadyAsync"/> returned.</summary>
    public string Id { get; private set; } = string.Empty;

    /// <summary>The last lines it printed, for error messages.</summary>
    public string Output => _process.Output;

    /// <summary>Every event so far, in the order printed.</summary>
    public IReadOnlyList<LabPeerEvent> Events()
    {
        var lines = _process.StdoutLines();
        for (; _parsedLines < lines.Count; _parsedLines++)
        {
            if (TryParse(lines[_parsedLines]) is { } parsed)
            {
                _events.Add(parsed);
            }
        }

        return _events;
    }

    /// <summary>Waits for the <c>ready</c> line and takes the peer id from it; a js peer then subscribes to the topic.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var line = await _process.WaitForLineAsync(l => l.Contains("\"ready\"", StringComparison.Ordinal), timeout, $"peer {Index} ({Kind}) ready").ConfigureAwait(false);
        Id = JsonNode.Parse(line)!["peerId"]!.GetValue<string>();
        if (Kind == LabPeerKind.Js)
        {
            await JsCommandAsync(new JsonObject { ["cmd"] = "subscribe", ["topic"] = LabPeerRole.Topic }).ConfigureAwait(false);
        }
    }

    /// <summary>The peers this one knows subscribe to the topic (asked now).</summary>
    public async Task<int> CountTopicPeersAsync()
    {
        if (Kind == LabPeerKind.Js)
        {
            var reply = await JsCommandAsync(new JsonObject { ["cmd"] = "subscribers", ["topic"] = LabPeerRole.Topic }).ConfigureAwait(false);
            return reply["peers"]!.AsArray().Count;
        }

        var tag = (++_nextCommand).ToString(CultureInfo.InvariantCulture);
        await _process.SendLineAsync("peers " + tag).ConfigureAwait(false);
        var line = await _process.WaitForLineAsync(l => l.Contains("\"peers\"", StringComparison.Ordinal) && l.Contains($"\"tag\":\"{tag}\"", StringComparison.Ordinal), ReplyTimeout, "peers reply").ConfigureAwait(false);
        return JsonNode.Parse(line)!["topic"]!.AsArray().Count;
    }

    /// <summary>Has the peer publish <c>PREFIX:&lt;its clock, ns&gt;</c>; does not wait for a reply.</summary>
    public Task PublishAsync(string prefix) =>
        Kind == LabPeerKind.Js
            ? _process.SendLineAsync(new JsonObject { ["id"] = ++_nextCommand, ["cmd"] = "publishStamped", ["topic"] = LabPeerRole.Topic, ["prefix"] = prefix }.ToJsonString())
            : _process.SendLineAsync("publish " + prefix);

    private async Task<JsonNode> JsCommandAsync(JsonObject command)
    {
        var id = ++_nextCommand;
        command["id"] = id;
        await _process.SendLineAsync(command.ToJsonString()).ConfigureAwait(false);
        var line = await _process.WaitForLineAsync(l => l.StartsWith($"{{\"id\":{id},", StringComparison.Ordinal), ReplyTimeout, $"reply to {command["cmd"]}").ConfigureAwait(false);
        var reply = JsonNode.Parse(line)!;
        return reply["ok"]?.GetValue<bool>() == true ? reply : throw new InvalidOperationException($"js peer {Index}: {line}");
    }

    private static LabPeerEvent? TryParse(string line)
    {
        try
        {
            if (JsonNode.Parse(line) is not JsonObject node || node["t"] is not JsonValue time)
            {
                return null;
            }

            var name = node["event"]?.GetValue<string>();
            var peer = name == "ready" ? node["peerId"]?.GetValue<string>() : node["peer"]?.GetValue<string>();
            var data = node["data"]?.GetValue<string>()
                ?? (node["dataBase64"]?.GetValue<string>() is { } b64 ? Encoding.UTF8.GetString(Convert.FromBase64String(b64)) : null);
            var ns = time.TryGetValue<long>(out var number) ? number : long.Parse(time.GetValue<string>(), CultureInfo.InvariantCulture);
            return new LabPeerEvent(name, peer, data, ns);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
