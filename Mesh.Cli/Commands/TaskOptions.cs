using System.CommandLine;
using System.CommandLine.Parsing;
using Mesh.Core.Control;

namespace Mesh.Cli.Commands;

/// <summary>
/// The task options shared by <c>mesh submit</c> and <c>mesh run</c> (shared/DESIGN.md), and the command after
/// <c>--</c>. Every value is checked while parsing, so a bad one is a usage error (exit 2) that names its option.
/// </summary>
internal sealed class TaskOptions
{
    private readonly CliContext _context;

    private TaskOptions(CliContext context, bool withArray)
    {
        _context = context;
        Cpu = Parsed<double?>("--cpu", "N", "Cores to reserve, fractions allowed (default 1).", TaskValueParsers.Cores);
        Memory = Parsed<long?>("--mem", "SIZE", "Memory to reserve and limit the task to: 512MiB, 2GiB, 1GB.", TaskValueParsers.Size);
        Disk = Parsed<long?>("--disk", "SIZE", "Disk space the task needs for its working dir.", TaskValueParsers.Size);
        Gpu = Parsed<int?>("--gpu", "N", "GPUs the task needs (it runs only where they are free).", TaskValueParsers.Count);
        Timeout = Parsed<double?>("--timeout", "DURATION", "Kill the task after this long: 500ms, 30s, 5m, 1h30m.", TaskValueParsers.Seconds);
        Retries = Parsed<int?>("--retries", "N", "How often to retry the task when its executor vanishes (default: the node's).", TaskValueParsers.Count);
        On = new Option<string>("--on") { Description = "Run on this peer (its id or name), and nowhere else.", HelpName = "PEER" };
        RemoteOnly = new Option<bool>("--remote-only") { Description = "Run on another peer or fail: never on this machine." };
        Local = new Option<bool>("--local") { Description = "Run on this machine only." };
        Array = withArray
            ? Parsed<string?>("--array", "RANGE", "Submit one task per index: 1-100, 1-10:2, 1,3,5-7; {} in the command is the index.", TaskValueParsers.ArrayText)
            : null;
        Inputs = Listed("--input", "FILE", "A file to copy into the task's working dir (repeatable).", ResolveInputs);
        Outputs = new Option<string[]>("--output")
        {
            Description = "A glob, relative to the task's working dir, of files to bring back to the current directory (repeatable).",
            HelpName = "GLOB",
            AllowMultipleArgumentsPerToken = false,
        };
        Env = Listed(
            "--env",
            "NAME=VALUE",
            "Set a variable for the task (repeatable). The task gets ONLY these, --env-pass ones and the node's minimal PATH, HOME, LANG and TMPDIR: nothing else of your environment.",
            TaskValueParsers.Assignments);
        EnvPass = Listed("--env-pass", "NAME", "Copy one variable from your environment into the task's (repeatable).", PassedVariables);
        Command = new Argument<string[]>("command")
        {
            Description = "After --: the program and its arguments, passed exactly as given (no shell).",
            HelpName = "CMD ARGS",
            Arity = ArgumentArity.OneOrMore,
        };
    }

    public Option<double?> Cpu { get; }

    public Option<long?> Memory { get; }

    public Option<long?> Disk { get; }

    public Option<int?> Gpu { get; }

    public Option<double?> Timeout { get; }

    public Option<int?> Retries { get; }

    public Option<string> On { get; }

    public Option<bool> RemoteOnly { get; }

    public Option<bool> Local { get; }

    public Option<string?>? Array { get; }

    public Option<string[]> Inputs { get; }

    public Option<string[]> Outputs { get; }

    public Option<string[]> Env { get; }

    public Option<string[]> EnvPass { get; }

    public Argument<string[]> Command { get; }

    /// <summary>Creates the options and adds them, the command argument and their checks to <paramref name="command"/>.</summary>
    public static TaskOptions AddTo(Command command, CliContext context, bool withArray)
    {
        var options = new TaskOptions(context, withArray);
        foreach (var option in options.All())
        {
            command.Options.Add(option);
        }

        command.Arguments.Add(options.Command);
        command.Validators.Add(options.Validate);
        return options;
    }

    /// <summary>The request the parsed command line asks for.</summary>
    public SubmitTaskRequest ToRequest(ParseResult result)
    {
        var local = result.GetValue(Local);
        var on = result.GetValue(On);
        var remoteOnly = result.GetValue(RemoteOnly);
        var outputs = result.GetValue(Outputs) ?? [];
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in TaskValueParsers.Pairs(result.GetValue(EnvPass) ?? []))
        {
            env[name] = value;
        }

        // Explicit --env wins over --env-pass for the same name: it is the more specific request.
        foreach (var (name, value) in TaskValueParsers.Pairs(result.GetValue(Env) ?? []))
        {
            env[name] = value;
        }

        return new SubmitTaskRequest
        {
            Argv = result.GetValue(Command) ?? [],
            Env = env,
            Cpu = result.GetValue(Cpu),
            Memory = result.GetValue(Memory),
            Disk = result.GetValue(Disk),
            Gpu = result.GetValue(Gpu),
            TimeoutSeconds = result.GetValue(Timeout),
            Retries = result.GetValue(Retries),
            Placement = local ? "local" : on is not null ? "peer" : remoteOnly ? "remote" : "any",
            Peer = on,
            Array = Array is null ? null : result.GetValue(Array),
            Inputs = result.GetValue(Inputs) ?? [],
            Outputs = outputs,
            OutputDir = outputs.Length > 0 ? _context.CurrentDirectory : null,
        };
    }

    private IEnumerable<Option> All()
    {
        Option?[] all = [Cpu, Memory, Disk, Gpu, Timeout, Retries, On, RemoteOnly, Local, Array, Inputs, Outputs, Env, EnvPass];
        return all.OfType<Option>();
    }

    private void Validate(CommandResult result)
    {
        var local = result.GetResult(Local) is { Implicit: false } && result.GetValue(Local);
        if (local && (result.GetResult(On) is not null || result.GetValue(RemoteOnly)))
        {
            result.AddError("--local cannot be combined with --on or --remote-only");
        }

        if (result.GetResult(On) is not null && string.IsNullOrWhiteSpace(result.GetValue(On)))
        {
            result.AddError("--on: give a peer id or name");
        }
    }

    private static Option<T> Parsed<T>(string name, string helpName, string description, Func<string, string, (T? Value, string? Error)> parse) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = argument => TaskValueParsers.Single(argument, name, parse),
    };

    private static Option<string[]> Listed(string name, string helpName, string description, Func<ArgumentResult, string, string[]> parse) => new(name)
    {
        Description = description,
        HelpName = helpName,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = argument => parse(argument, name),
    };

    private string[] ResolveInputs(ArgumentResult argument, string name)
    {
        var paths = new string[argument.Tokens.Count];
        for (var i = 0; i < paths.Length; i++)
        {
            var given = argument.Tokens[i].Value;
            var full = given.Length == 0 ? "" : Path.GetFullPath(given, _context.CurrentDirectory);
            if (!File.Exists(full))
            {
                argument.AddError($"{name}: no such file: {given}");
                return [];
            }

            paths[i] = full;
        }

        return paths;
    }

    private string[] PassedVariables(ArgumentResult argument, string name)
    {
        var pairs = new string[argument.Tokens.Count];
        for (var i = 0; i < pairs.Length; i++)
        {
            var variable = argument.Tokens[i].Value;
            if (!TaskValueParsers.IsVariableName(variable))
            {
                argument.AddError($"{name}: '{variable}' is not a variable name");
                return [];
            }

            if (_context.Environment(variable) is not { } value)
            {
                argument.AddError($"{name}: {variable} is not set in this environment");
                return [];
            }

            pairs[i] = variable + "=" + value;
        }

        return pairs;
    }
}
