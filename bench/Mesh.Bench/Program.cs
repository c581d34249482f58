namespace Mesh.Bench;

/// <summary>Mesh benchmarks. Each compares Mesh with a peer measured in the same run, or with an issue's targets.</summary>
public static class Program
{
    private const string Usage = "usage: Mesh.Bench transport [--setup-iterations N] [--throughput-mib M] [--throughput-runs R]\n"
        + "       Mesh.Bench gossip [--peers 8,16,200] [--messages M] [--interval-ms T] [--d-high H] [--flood-publish true|false] [--seed S] [--preset spec|lan] [--all-pairs true] [--px true|false] [--profile true]\n"
        + "       Mesh.Bench lab-gossip [--peers N] [--js M] [--messages K] [--interval-ms T] [--timeout-s S] [--log-dir DIR]   (root: network namespaces)\n"
        + "       Mesh.Bench control [--runs N] [--warmup W] [--peers P] [--mesh PATH] [--idle-seconds S]\n"
        + "       Mesh.Bench tasks [--runs N] [--warmup W] [--queued Q] [--mesh PATH]\n"
        + "       Mesh.Bench steal [--tasks N] [--sleeps S]\n"
        + "       Mesh.Bench load [--queued Q] [--clients C] [--seconds S]\n"
        + "       Mesh.Bench journal [--appends A] [--entries E]";

    /// <summary>Entry point: <c>transport ...</c>, <c>gossip ...</c> or <c>lab-gossip ...</c>; see <see cref="Usage"/>.</summary>
    public static async Task<int> Main(string[] args)
    {
        switch (args.Length == 0 ? string.Empty : args[0])
        {
            case "transport":
                await TransportBench.RunAsync(TransportBenchSettings.Parse(args.AsSpan(1))).ConfigureAwait(false);
                return 0;
            case "gossip":
                await GossipBench.RunAsync(GossipBenchSettings.Parse(args.AsSpan(1))).ConfigureAwait(false);
                return 0;
            case "control":
                await ControlBench.RunAsync(ControlBenchSettings.Parse(args.AsSpan(1))).ConfigureAwait(false);
                return 0;
            case "tasks":
                await TaskBench.RunAsync(TaskBenchSettings.Parse(args.AsSpan(1))).ConfigureAwait(false);
                return 0;
            case "steal":
                await StealBench.RunAsync(StealBenchSettings.Parse(args.AsSpan(1))).ConfigureAwait(false);
                return 0;
            case "load":
                await LoadBench.RunAsync(LoadBenchSettings.Parse(args.AsSpan(1))).ConfigureAwait(false);
                return 0;
            case "journal":
                await JournalBench.RunAsync(JournalBenchSettings.Parse(args.AsSpan(1))).ConfigureAwait(false);
                return 0;
            case "lab-gossip":
                return await Lab.LabGossipBench.RunAsync(Lab.LabGossipSettings.Parse(args.AsSpan(1))).ConfigureAwait(false);
            case "lab-peer" when args.Length == 2:
                // Hidden: one peer process of lab-gossip, started by it inside a lab namespace.
                return await Lab.LabPeerRole.RunAsync(args[1]).ConfigureAwait(false);
            default:
                await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
                return 2;
        }
    }
}
