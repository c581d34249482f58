using Mesh.Tests.Fuzz.Targets;
using SharpFuzz;

namespace Mesh.Fuzz;

/// <summary>
/// The command line of the harness: <c>Mesh.Fuzz --list</c>, <c>Mesh.Fuzz TARGET</c> (under afl-fuzz) and
/// <c>Mesh.Fuzz TARGET --once FILE...</c> (each file once, without AFL).
/// </summary>
internal static class FuzzCommand
{
    /// <summary>The largest input read: AFL's inputs are far smaller, and every decoder has a lower limit of its own.</summary>
    private const int MaxInputLength = 1 << 20;

    private const string Usage = "usage: Mesh.Fuzz --list | Mesh.Fuzz TARGET | Mesh.Fuzz TARGET --once FILE...";

    /// <summary>Runs the command; returns the exit code (0 ok, 1 a finding in --once, 2 bad usage).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is ["--list"])
        {
            foreach (var target in FuzzTargets.All)
            {
                output.WriteLine($"{target.Name}\t{target.Description}");
            }

            return 0;
        }

        if (args.Length == 0 || FuzzTargets.Find(args[0]) is not { } chosen)
        {
            error.WriteLine(args.Length == 0 ? Usage : $"unknown target '{args[0]}' (Mesh.Fuzz --list names them)");
            return 2;
        }

        switch (args)
        {
            case [_]:
                // Each input runs in a child process, so a stack overflow or a runtime abort is reported as a crash
                // of that input instead of killing the fork server.
                Fuzzer.OutOfProcess.Run(stream => chosen.Run(ReadInput(stream)));
                return 0;
            case [_, "--once", .. var files] when files.Length > 0:
                return RunOnce(chosen, files, output, error);
            default:
                error.WriteLine(Usage);
                return 2;
        }
    }

    private static int RunOnce(FuzzTarget target, string[] files, TextWriter output, TextWriter error)
    {
        var failures = 0;
        foreach (var file in files)
        {
            var input = File.ReadAllBytes(file);
            try
            {
                target.Run(input);
                output.WriteLine($"ok {target.Name} {file}");
            }
#pragma warning disable CA1031 // Any exception that escapes a target is the finding this mode reports.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures++;
                error.WriteLine($"FINDING {target.Name} {file}");
                error.WriteLine($"input (hex): {Convert.ToHexStringLower(input)}");
                error.WriteLine(ex.ToString());
            }
        }

        return failures == 0 ? 0 : 1;
    }

    private static byte[] ReadInput(Stream stream)
    {
        using var memory = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while (memory.Length < MaxInputLength && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, MaxInputLength - memory.Length))) > 0)
        {
            memory.Write(buffer, 0, read);
        }

        return memory.ToArray();
    }
}
