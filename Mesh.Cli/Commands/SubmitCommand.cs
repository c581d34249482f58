using System.CommandLine;
using System.Text.Json;
using Mesh.Core.Control;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh submit [opts] -- CMD ARGS</c>: queues work and prints the task ids, one per line.</summary>
public static class SubmitCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Option<string> nodeOption, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = new Option<bool>("--json") { Description = "Print {\"ids\":[...]} instead of one id a line." };
        var command = new Command("submit", "Queue a task (or, with --array, many) on the mesh and print the task ids.") { json };
        var options = TaskOptions.AddTo(command, context, withArray: true);
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
                async (client, output, _, token) =>
                {
                    var submitted = await client.SubmitAsync(request, token).ConfigureAwait(false);
                    if (result.GetValue(json))
                    {
                        await output.WriteLineAsync(JsonSerializer.Serialize(submitted, ControlJsonContext.Default.SubmitTaskResponse)).ConfigureAwait(false);
                    }
                    else
                    {
                        foreach (var id in submitted.Ids)
                        {
                            await output.WriteLineAsync(id).ConfigureAwait(false);
                        }
                    }

                    return ExitCodes.Ok;
                },
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
