using System.CommandLine;
using System.Text.Json;
using Mesh.Cli.Output;
using Mesh.Cli.Tasks;
using Mesh.Core.Control;
using Mesh.Core.Tasks;

namespace Mesh.Cli.Commands;

/// <summary><c>mesh tasks [--json] [--state S]</c>: every task this node owns, oldest first.</summary>
public static class TasksCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(Option<string> nodeOption, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = new Option<bool>("--json") { Description = "Print {\"tasks\":[...],\"next\":null}: every task, each as mesh status --json prints it." };
        var state = new Option<string>("--state") { Description = "Only tasks in this state.", HelpName = "STATE" };
        state.AcceptOnlyFromAmong([.. Enum.GetValues<TaskState>().Select(s => s.ToText())]);
        var command = new Command("tasks", "List the tasks submitted at this node, oldest first: id, state, exit code, executor, age, duration.") { json, state };
        command.SetAction((result, cancellationToken) => ControlCall.RunAsync(
            result,
            nodeOption,
            context,
            async (client, output, token) =>
            {
                var all = TaskPages.AllAsync(client, result.GetValue(state), token);
                if (result.GetValue(json))
                {
                    var tasks = new List<TaskStatusView>();
                    await foreach (var task in all.ConfigureAwait(false))
                    {
                        tasks.Add(task);
                    }

                    await output.WriteLineAsync(JsonSerializer.Serialize(new TaskListView(tasks, null), ControlJsonContext.Default.TaskListView)).ConfigureAwait(false);
                    return;
                }

                var now = context.Time.GetUtcNow();
                await output.WriteLineAsync(TasksTable.Header()).ConfigureAwait(false);
                await foreach (var task in all.ConfigureAwait(false))
                {
                    await output.WriteLineAsync(TasksTable.Row(task, now)).ConfigureAwait(false);
                }
            },
            cancellationToken));
        return command;
    }
}
