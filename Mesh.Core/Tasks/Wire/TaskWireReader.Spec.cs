namespace Mesh.Core.Tasks.Wire;

internal ref partial struct TaskWireReader
{
    /// <summary>Keys 0 (argv) is the only required key of a spec.</summary>
    private const ulong SpecRequired = 1UL << 0;

    /// <summary>A task spec map (docs/protocol.md, "Task spec"): shape and limits only; the rules are <see cref="TaskSpecValidator"/>'s.</summary>
    public TaskSpec ReadSpec()
    {
        const string What = "the spec";
        var count = ReadMapHeader(What);
        ulong seen = 0;
        IReadOnlyList<string> argv = [];
        IReadOnlyDictionary<string, string> environment = new Dictionary<string, string>();
        IReadOnlyList<TaskInputFile> inputs = [];
        IReadOnlyList<string> outputs = [];
        Resources.ResourceVector resources = default;
        TimeSpan? timeout = null;
        var maxRetries = 0;
        var placement = TaskPlacement.Anywhere;
        long? arrayIndex = null;
        for (var i = 0; i < count; i++)
        {
            switch (ReadKey(ref seen, 8, What))
            {
                case 0: argv = ReadArgv(); break;
                case 1: environment = ReadEnvironment(); break;
                case 2: inputs = ReadInputs(); break;
                case 3: outputs = ReadOutputGlobs(); break;
                case 4: resources = ReadResources("the resource request"); break;
                case 5: timeout = TryReadNil() ? null : ReadPositiveMilliseconds("the timeout"); break;
                case 6: maxRetries = ReadInt32("maxRetries", 0); break;
                case 7: placement = ReadPlacement(); break;
                case 8: arrayIndex = TryReadNil() ? null : ReadNonNegative("the array index"); break;
                default: Skip(); break;
            }
        }

        Require(seen, SpecRequired, What);
        return new TaskSpec
        {
            Argv = argv,
            Environment = environment,
            Inputs = inputs,
            Outputs = outputs,
            Resources = resources,
            Timeout = timeout,
            MaxRetries = maxRetries,
            Placement = placement,
            ArrayIndex = arrayIndex,
        };
    }

    private string[] ReadArgv()
    {
        var count = ReadArrayHeader(Limits.MaxArgs, "argv");
        var argv = new string[count];
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            // Each element is bounded by what is left of the sum, so the sum limit holds before each allocation.
            argv[i] = ReadString(Limits.MaxArgvBytes - total, "argv", out var bytes);
            total += bytes;
        }

        return argv;
    }

    private Dictionary<string, string> ReadEnvironment()
    {
        const string What = "the environment";
        var count = MapHeaderAtMost(Limits.MaxEnvironmentEntries, What);
        var environment = new Dictionary<string, string>(count, StringComparer.Ordinal);
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            var name = ReadString(Limits.MaxEnvironmentBytes - total, "an environment name", out var nameBytes);
            total += nameBytes;
            var value = ReadString(Limits.MaxEnvironmentBytes - total, "an environment value", out var valueBytes);
            total += valueBytes;
            if (!environment.TryAdd(name, value))
            {
                throw Invalid($"{What} repeats a name");
            }
        }

        return environment;
    }

    private TaskInputFile[] ReadInputs()
    {
        var count = ReadArrayHeader(Limits.MaxInputs, "the inputs");
        var inputs = new TaskInputFile[count];
        for (var i = 0; i < count; i++)
        {
            var length = ReadArrayHeader(16, "an input");
            if (length < 3)
            {
                throw Invalid("an input has fewer than 3 elements");
            }

            inputs[i] = new TaskInputFile(ReadString(Limits.MaxPathBytes, "an input name"), ReadSha256("an input's sha256"), ReadNonNegative("an input's size"));
            SkipRest(length, 3);
        }

        return inputs;
    }

    private string[] ReadOutputGlobs()
    {
        var count = ReadArrayHeader(Limits.MaxOutputGlobs, "the output globs");
        var globs = new string[count];
        for (var i = 0; i < count; i++)
        {
            globs[i] = ReadString(Limits.MaxPathBytes, "an output glob");
        }

        return globs;
    }

    /// <summary>[kind, peer | nil, requirements | nil]; requirements [minGpuMemory, gpuModel | nil, minScore].</summary>
    private TaskPlacement ReadPlacement()
    {
        var length = ReadArrayHeader(16, "the placement");
        if (length < 3)
        {
            throw Invalid("the placement has fewer than 3 elements");
        }

        var kind = (PlacementKind)ReadInt32("the placement kind", (int)PlacementKind.Any, (int)PlacementKind.OnPeer);
        var peer = TryReadNil() ? null : ReadString(Limits.MaxTextBytes, "the placement peer");
        TaskRequirements? requirements = null;
        if (!TryReadNil())
        {
            var fields = ReadArrayHeader(16, "the requirements");
            if (fields < 3)
            {
                throw Invalid("the requirements have fewer than 3 elements");
            }

            var minGpuMemory = ReadNonNegative("minGpuMemory");
            var model = TryReadNil() ? null : ReadString(Limits.MaxTextBytes, "the GPU model");
            requirements = new TaskRequirements(minGpuMemory, model, ReadAmount("minScore"));
            SkipRest(fields, 3);
        }

        SkipRest(length, 3);
        return new TaskPlacement(kind, peer, requirements);
    }

    private int MapHeaderAtMost(int max, string what)
    {
        Expect(MessagePack.MessagePackType.Map, what, "a map");
        var count = _reader.ReadMapHeader();
        return count <= max ? count : throw Invalid($"{what} has {count} entries, over {max}");
    }

    /// <summary>Skips the elements of a tuple after those this version knows (a newer peer may append some).</summary>
    public void SkipRest(int length, int known)
    {
        for (var i = known; i < length; i++)
        {
            Skip();
        }
    }
}
