using System.CommandLine;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh cancel TASK...</c>: cancels queued or running tasks and prints "ID state" for each.</summary>
public static class CancelCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Option<string> nodeOption, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tasks = TaskCommandLine.TaskIds("The task ids.");
        var command = new Command("cancel", "Cancel tasks (their whole process trees are killed); a finished task stays as it was.") { tasks };
        command.SetAction((result, cancellationToken) => ControlCall.RunAsync(
            result,
            nodeOption,
            context,
            (client, output, error, token) => TaskCommandLine.ForEachTaskAsync(result.GetValue(tasks) ?? [], error, async id =>
            {
                var status = await client.CancelAsync(id, token).ConfigureAwait(false);
                await output.WriteLineAsync($"{status.Id} {status.State}").ConfigureAwait(false);
                return true;
            }),
            cancellationToken));
        return command;
    }
}
