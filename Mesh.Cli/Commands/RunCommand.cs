using System.CommandLine;
using Mesh.Cli.Client;
using Mesh.Cli.Tasks;
using Mesh.Cli.Top;
using Mesh.Core.Control;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>mesh run [opts] -- CMD ARGS</c>: runs one task on the mesh as if it ran here: its output streams live to this
/// terminal, and <c>mesh</c> exits with its exit code. Ctrl+C cancels the task.
/// </summary>
public static class RunCommand
{
    /// <summary>What <c>mesh run</c> says when placement <c>any</c> ended on this machine (FIG 10B).</summary>
    public const string RanLocally = "no peer could take it; ran on this machine";

    /// <summary>Builds the command.</summary>
    public static Command Create(Option<string> nodeOption, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command(
            "run",
            "Run a command on the mesh (on a peer with room for it, else on this machine), stream its output here, and exit with its exit code. Ctrl+C cancels it.");
        var options = TaskOptions.AddTo(command, context, withArray: false);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!TaskCommandLine.AfterDoubleDash(result, options.Command))
            {
                return await TaskCommandLine.UsageErrorAsync(result.InvocationConfiguration.Error, TaskCommandLine.MissingDoubleDash).ConfigureAwait(false);
            }

            var request = options.ToRequest(result);
            return await ControlCall.RunAsync(
                result,
                nodeOption,
                context,
                (client, _, error, token) => RunAsync(client, request, context, error, token),
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(IControlClient client, SubmitTaskRequest request, CliContext context, TextWriter error, CancellationToken cancellationToken)
    {
        var submitted = await client.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
        if (submitted.Ids.Count != 1)
        {
            throw new ControlClientException($"the node at {client.Endpoint} answered one task with {submitted.Ids.Count} ids");
        }

        var id = submitted.Ids[0];
        await using var standardOutput = context.OpenStandardOutput();
        await using var standardError = context.OpenStandardError();
        var sink = new TaskOutputSink(standardOutput, standardError, error);
        TaskStatusView status;
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            // Ctrl+C (or SIGTERM, SIGHUP) from here on cancels the task rather than just leaving it behind.
            using var signals = TerminationSignals.Register(interrupted);
            await foreach (var chunk in client.ReadOutputAsync(id, 0, follow: true, interrupted.Token).ConfigureAwait(false))
            {
                await sink.WriteAsync(chunk, interrupted.Token).ConfigureAwait(false);
            }

            status = await client.WaitAsync(id, interrupted.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            return await CancelAsync(client, id, error).ConfigureAwait(false);
        }
        catch (ControlClientException ex)
        {
            // The task was queued and goes on without us: say how to find it again.
            throw new ControlClientException($"{ex.Message} (task {id} goes on: see `mesh status {id}` and `mesh logs -f {id}`)", ex);
        }

        if (request.Placement == "any" && status.Executor is { } executor && await IsThisNodeAsync(client, executor, cancellationToken).ConfigureAwait(false))
        {
            await error.WriteLineAsync($"mesh: {RanLocally}").ConfigureAwait(false);
        }

        var (exitCode, message) = TaskExit.For(status);
        if (message is not null)
        {
            await error.WriteLineAsync($"mesh: {message}").ConfigureAwait(false);
        }

        return exitCode;
    }

    /// <summary>Ctrl+C: the task is cancelled at the node (not just left behind), then <c>mesh</c> exits 130.</summary>
    private static async Task<int> CancelAsync(IControlClient client, string id, TextWriter error)
    {
        try
        {
            // The caller's token is already cancelled; the request has its own timeout.
            await client.CancelAsync(id, CancellationToken.None).ConfigureAwait(false);
            await error.WriteLineAsync($"mesh: cancelled task {id}").ConfigureAwait(false);
        }
        catch (ControlClientException ex)
        {
            await error.WriteLineAsync($"mesh: could not cancel task {id}: {ex.Message}").ConfigureAwait(false);
        }

        return ExitCodes.Interrupted;
    }

    private static async Task<bool> IsThisNodeAsync(IControlClient client, string executor, CancellationToken cancellationToken)
    {
        try
        {
            var node = await client.GetNodeAsync(cancellationToken).ConfigureAwait(false);
            return node.Id == executor;
        }
        catch (ControlClientException)
        {
            // Only the remark depends on it; the task's result is what matters.
            return false;
        }
    }
}
