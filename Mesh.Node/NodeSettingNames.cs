namespace Mesh.Node;

/// <summary>
/// The settings of <c>mesh-node</c>: each is a flag <c>--NAME</c>, an environment variable <c>MESH_NAME</c>
/// (upper case, dashes as underscores) and a key <c>NAME</c> of the JSON config file.
/// </summary>
internal static class NodeSettingNames
{
    public const string DataDir = "data-dir";
    public const string Listen = "listen";
    public const string Peer = "peer";
    public const string MeshKey = "mesh-key";
    public const string NoMdns = "no-mdns";
    public const string Name = "name";
    public const string Capacity = "capacity";
    public const string Reserve = "reserve";
    public const string Share = "share";
    public const string Policy = "policy";
    public const string Headroom = "headroom";
    public const string ProbeInterval = "probe-interval";
    public const string HoldTime = "hold-time";
    public const string RiseSmoothing = "rise-smoothing";
    public const string FallSmoothing = "fall-smoothing";
    public const string ForecastHorizon = "forecast-horizon";
    public const string Control = "control";
    public const string Config = "config";
    public const string RerunBenchmark = "rerun-benchmark";
    public const string Allow = "allow";
    public const string GuestLimit = "guest-limit";
    public const string Preempt = "preempt";
    public const string EvictAfter = "evict-after";

    /// <summary>Every setting a config file may hold (not <c>config</c> itself).</summary>
    public static readonly IReadOnlyList<string> InConfigFile =
    [
        DataDir, Listen, Peer, MeshKey, NoMdns, Name, Capacity, Reserve, Share, Policy, Headroom, ProbeInterval, HoldTime, RiseSmoothing, FallSmoothing, ForecastHorizon, Control, RerunBenchmark, Allow, GuestLimit, Preempt, EvictAfter,
    ];

    /// <summary>Settings that take several values (repeatable flags; comma or space separated in the environment).</summary>
    public static bool IsList(string name) => name is Listen or Peer or Allow;

    /// <summary>The environment variable of a setting: <c>MESH_DATA_DIR</c> for <c>data-dir</c>.</summary>
    public static string EnvironmentVariable(string name) => "MESH_" + name.ToUpperInvariant().Replace('-', '_');

    /// <summary>The flag of a setting.</summary>
    public static string Flag(string name) => "--" + name;

    /// <summary>The setting a config-file key names (<c>data-dir</c>, <c>dataDir</c> and <c>data_dir</c> all work), or null.</summary>
    public static string? FromConfigKey(string key)
    {
        var normalized = Normalize(key);
        return InConfigFile.FirstOrDefault(name => Normalize(name) == normalized);
    }

    private static string Normalize(string key) => key.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
}
