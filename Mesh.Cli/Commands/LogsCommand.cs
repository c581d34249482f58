using System.CommandLine;
using Mesh.Cli.Tasks;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh logs TASK [--follow]</c>: a task's output, its stdout bytes to stdout and its stderr bytes to stderr.</summary>
public static class LogsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Option<string> nodeOption, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var task = new Argument<string>("task") { Description = "The task id.", HelpName = "TASK" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing output as it comes until the task ends." };
        var command = new Command("logs", "Print a task's output so far (stdout to stdout, stderr to stderr, unchanged).") { task, follow };
        command.SetAction((result, cancellationToken) => ControlCall.RunAsync(
            result,
            nodeOption,
            context,
            async (client, _, error, token) =>
            {
                await using var standardOutput = context.OpenStandardOutput();
                await using var standardError = context.OpenStandardError();
                var sink = new TaskOutputSink(standardOutput, standardError, error);
                await foreach (var chunk in client.ReadOutputAsync(result.GetValue(task)!, 0, result.GetValue(follow), token).ConfigureAwait(false))
                {
                    await sink.WriteAsync(chunk, token).ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }
}
