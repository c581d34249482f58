using Mesh.Core.Resources;
using Mesh.Libp2p.Addressing;

namespace Mesh.Node;

/// <summary>
/// Builds <see cref="NodeOptions"/> from the command line, the environment (<c>MESH_NAME</c>, <c>MESH_RESERVE</c>, ...)
/// and the JSON config file (<c>--config FILE</c>, else <c>DATA_DIR/mesh-node.json</c> when it exists). Precedence:
/// flags, then environment, then config file, then defaults. Every bad value fails with an <see cref="OptionsException"/>
/// whose message names the flag and where the value came from.
/// </summary>
public static partial class NodeOptionsBuilder
{
    /// <summary>Builds and validates the options.</summary>
    /// <param name="flags">The flags given on the command line: setting name (without dashes in front) to its values.</param>
    /// <param name="environment">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/> in the program).</param>
    /// <exception cref="OptionsException">A value is wrong; the message names the flag and its source.</exception>
    public static NodeOptions Build(IReadOnlyDictionary<string, IReadOnlyList<string>> flags, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(environment);
        var fromFlags = flags.ToDictionary(
            pair => pair.Key, pair => new RawSetting(pair.Value, new SettingOrigin(NodeSettingNames.Flag(pair.Key), null)), StringComparer.Ordinal);
        var fromEnvironment = ReadEnvironment(environment);

        // The data dir decides where the default config file is, so it is settled from flags and environment first.
        var options = new NodeOptions();
        var earlyDataDir = Pick(NodeSettingNames.DataDir, fromFlags, fromEnvironment, []);
        if (earlyDataDir is not null)
        {
            options.DataDir = ParseDirectory(earlyDataDir);
        }

        var fromConfig = LoadConfig(options.DataDir, Pick(NodeSettingNames.Config, fromFlags, fromEnvironment, []), out var configFile);
        options.ConfigFile = configFile;

        var chosen = new Dictionary<string, RawSetting>(StringComparer.Ordinal);
        foreach (var name in NodeSettingNames.InConfigFile)
        {
            if (Pick(name, fromFlags, fromEnvironment, fromConfig) is { } setting)
            {
                chosen[name] = setting;
            }
        }

        Apply(options, chosen);
        try
        {
            options.Validate();
        }
        catch (OptionsException ex) when (SourceOf(ex.Option, chosen) is { } origin)
        {
            // Validate knows the flag, not where its value came from: say it.
            throw new OptionsException(origin.ToString(), ex.Message[Math.Min(ex.Message.Length, ex.Option.Length + 2)..]);
        }

        return options;
    }

    /// <summary>Builds the options from the process environment.</summary>
    public static NodeOptions Build(IReadOnlyDictionary<string, IReadOnlyList<string>> flags) =>
        Build(flags, Environment.GetEnvironmentVariable);

    private static Dictionary<string, RawSetting> ReadEnvironment(Func<string, string?> environment)
    {
        var settings = new Dictionary<string, RawSetting>(StringComparer.Ordinal);
        foreach (var name in NodeSettingNames.InConfigFile.Append(NodeSettingNames.Config))
        {
            var variable = NodeSettingNames.EnvironmentVariable(name);
            if (environment(variable) is not { Length: > 0 } text)
            {
                continue;
            }

            // Multiaddrs hold neither commas nor spaces, so a list variable may use either to separate them.
            IReadOnlyList<string> values = NodeSettingNames.IsList(name)
                ? text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [text];
            settings[name] = new RawSetting(values, new SettingOrigin(NodeSettingNames.Flag(name), variable));
        }

        return settings;
    }

    private static RawSetting? Pick(string name, Dictionary<string, RawSetting> flags, Dictionary<string, RawSetting> environment, Dictionary<string, RawSetting> config) =>
        flags.GetValueOrDefault(name) ?? environment.GetValueOrDefault(name) ?? config.GetValueOrDefault(name);

    private static Dictionary<string, RawSetting> LoadConfig(string dataDir, RawSetting? explicitFile, out string? path)
    {
        if (explicitFile is not null)
        {
            path = Path.GetFullPath(explicitFile.Value);
            return NodeConfigFile.Load(path, explicitFile.Origin);
        }

        path = Path.Combine(dataDir, NodeConfigFile.DefaultFileName);
        if (!File.Exists(path))
        {
            path = null;
            return [];
        }

        return NodeConfigFile.Load(path, new SettingOrigin("--config (default DATA_DIR/mesh-node.json)", null));
    }

    private static SettingOrigin? SourceOf(string option, Dictionary<string, RawSetting> chosen)
    {
        var name = option.StartsWith("--", StringComparison.Ordinal) ? option[2..] : option;
        return chosen.TryGetValue(name, out var setting) && setting.Origin.Source is not null ? setting.Origin : null;
    }

    private static string ParseDirectory(RawSetting setting)
    {
        if (string.IsNullOrWhiteSpace(setting.Value))
        {
            throw new OptionsException(setting.Origin.ToString(), "must name a directory");
        }

        return Path.GetFullPath(setting.Value);
    }

    private static void Apply(NodeOptions options, Dictionary<string, RawSetting> chosen)
    {
        foreach (var (name, setting) in chosen)
        {
            var origin = setting.Origin.ToString();
            switch (name)
            {
                case NodeSettingNames.DataDir:
                    options.DataDir = ParseDirectory(setting);
                    break;
                case NodeSettingNames.Listen:
                    AddAddresses(options.Listen, setting);
                    break;
                case NodeSettingNames.Peer:
                    AddAddresses(options.Peers, setting);
                    break;
                case NodeSettingNames.MeshKey:
                    options.MeshKeyFile = string.IsNullOrWhiteSpace(setting.Value)
                        ? throw new OptionsException(origin, "must name a file")
                        : Path.GetFullPath(setting.Value);
                    break;
                case NodeSettingNames.NoMdns:
                    options.NoMdns = ParseBool(setting);
                    break;
                case NodeSettingNames.RerunBenchmark:
                    options.RerunBenchmark = ParseBool(setting);
                    break;
                case NodeSettingNames.Name:
                    options.Name = NodeOptions.NameProblem(setting.Value) is { } problem ? throw new OptionsException(origin, problem) : setting.Value;
                    break;
                case NodeSettingNames.Control:
                    options.ControlSocketPath = ParseControl(setting);
                    break;
                case NodeSettingNames.Allow:
                    options.AllowedPeers = ParsePeerIds(setting);
                    break;
                default:
                    ApplyResourceSetting(options, name, setting);
                    break;
            }
        }

        CheckEarmarkConflict(options, chosen);
    }

    private static HashSet<string> ParsePeerIds(RawSetting setting)
    {
        var peers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in setting.Values)
        {
            if (!Libp2p.Identity.PeerId.TryParse(value, out var peer) || peer is null)
            {
                throw new OptionsException(setting.Origin.ToString(), $"'{value}' is not a peer id (see the ids `mesh peers` shows)");
            }

            peers.Add(peer.ToString());
        }

        return peers;
    }

    private static void AddAddresses(IList<Multiaddr> target, RawSetting setting)
    {
        foreach (var value in setting.Values)
        {
            if (!Multiaddr.TryParse(value, out var address))
            {
                throw new OptionsException(setting.Origin.ToString(), $"'{value}' is not a multiaddr (for example /ip4/127.0.0.1/tcp/4001)");
            }

            target.Add(address!);
        }
    }

    private static bool ParseBool(RawSetting setting) => setting.Value.Trim().ToUpperInvariant() switch
    {
        "TRUE" or "1" or "YES" or "ON" => true,
        "FALSE" or "0" or "NO" or "OFF" or "" => false,
        _ => throw new OptionsException(setting.Origin.ToString(), $"'{setting.Value}' is not true or false"),
    };

    private static string ParseControl(RawSetting setting)
    {
        const string Scheme = "unix:";
        var value = setting.Value.Trim();
        if (!value.StartsWith(Scheme, StringComparison.Ordinal) || value.Length == Scheme.Length)
        {
            throw new OptionsException(setting.Origin.ToString(), $"'{value}' is not unix:PATH (for example unix:/run/user/1000/mesh.sock)");
        }

        return Path.GetFullPath(value[Scheme.Length..]);
    }

    private static void CheckEarmarkConflict(NodeOptions options, Dictionary<string, RawSetting> chosen)
    {
        if (Earmark.FindConflict(options.Reserve, options.Share) is { } kind)
        {
            var share = chosen[NodeSettingNames.Share].Origin;
            var reserve = chosen[NodeSettingNames.Reserve].Origin;
            throw new OptionsException(share.ToString(), $"{ResourceKeys.Name(kind)} is also given in {reserve}; give each resource in --reserve or --share, not both");
        }
    }
}
