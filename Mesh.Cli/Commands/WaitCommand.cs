using System.CommandLine;
using Mesh.Cli.Tasks;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh wait TASK...</c>: waits until every task is final; exits 0 only when all succeeded.</summary>
public static class WaitCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Option<string> nodeOption, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tasks = TaskCommandLine.TaskIds("The task ids.");
        var command = new Command("wait", "Wait until the tasks end; print \"ID state exit\" for each; exit 0 only when all succeeded.") { tasks };
        command.SetAction((result, cancellationToken) => ControlCall.RunAsync(
            result,
            nodeOption,
            context,
            (client, output, error, token) => TaskCommandLine.ForEachTaskAsync(result.GetValue(tasks) ?? [], error, async id =>
            {
                // One unknown id does not stop the wait for the others.
                var status = await client.WaitAsync(id, token).ConfigureAwait(false);
                await output.WriteLineAsync($"{status.Id} {status.State} {TaskExit.Text(status.ExitCode)}").ConfigureAwait(false);
                await output.FlushAsync(token).ConfigureAwait(false);
                return status.State == "succeeded";
            }),
            cancellationToken));
        return command;
    }
}
