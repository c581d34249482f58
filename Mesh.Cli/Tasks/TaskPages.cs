using System.Runtime.CompilerServices;
using Mesh.Cli.Client;
using Mesh.Core.Control;

namespace Mesh.Cli.Tasks;

/// <summary>Pages through <c>GET /v1/tasks</c> until the last page, oldest first.</summary>
public static class TaskPages
{
    /// <summary>How many tasks one request asks for.</summary>
    public const int PageSize = 500;

    /// <summary>Every task (of <paramref name="state"/>, when given).</summary>
    /// <exception cref="ControlClientException">A request failed, or the node gave the same cursor twice.</exception>
    public static async IAsyncEnumerable<TaskStatusView> AllAsync(
        IControlClient client,
        string? state,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        string? after = null;
        while (true)
        {
            var page = await client.ListTasksAsync(state, after, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var task in page.Tasks)
            {
                yield return task;
            }

            if (page.Next is null)
            {
                yield break;
            }

            // A cursor that does not move would page forever.
            if (page.Next == after || page.Tasks.Count == 0)
            {
                throw new ControlClientException($"the node at {client.Endpoint} gave a task list cursor that does not advance ({page.Next})");
            }

            after = page.Next;
        }
    }
}
