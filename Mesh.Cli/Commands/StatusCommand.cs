using System.CommandLine;
using System.Text.Json;
using Mesh.Cli.Output;
using Mesh.Cli.Tasks;
using Mesh.Core.Control;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh status [TASK] [--json]</c>: one task, or how many tasks are in each state.</summary>
public static class StatusCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Option<string> nodeOption, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var task = new Argument<string?>("task") { Description = "The task id; without one, count the tasks in each state.", HelpName = "TASK", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json")
        {
            Description = "Print JSON: for a task id, state, exitCode, origin, executor, attempts, submittedAt, startedAt, finishedAt; else the counts.",
        };
        var command = new Command("status", "Show one task (state, exit code, where it ran, when), or a count of the tasks in each state.") { task, json };
        command.SetAction((result, cancellationToken) => ControlCall.RunAsync(
            result,
            nodeOption,
            context,
            async (client, output, token) =>
            {
                var id = result.GetValue(task);
                var asJson = result.GetValue(json);
                if (id is not null)
                {
                    var status = await client.GetTaskAsync(id, token).ConfigureAwait(false);
                    if (asJson)
                    {
                        await output.WriteLineAsync(JsonSerializer.Serialize(status, ControlJsonContext.Default.TaskStatusView)).ConfigureAwait(false);
                    }
                    else
                    {
                        TaskReport.Write(output, status, context.Time.GetUtcNow());
                    }

                    return;
                }

                var summary = new TaskSummary();
                await foreach (var each in TaskPages.AllAsync(client, state: null, token).ConfigureAwait(false))
                {
                    summary.Add(each);
                }

                if (asJson)
                {
                    await output.WriteLineAsync(summary.ToJson()).ConfigureAwait(false);
                }
                else
                {
                    summary.Write(output);
                }
            },
            cancellationToken));
        return command;
    }
}
