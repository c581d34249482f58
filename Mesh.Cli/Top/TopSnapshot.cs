using Mesh.Cli.Client;
using Mesh.Core.Control;

namespace Mesh.Cli.Top;

/// <summary>
/// <c>mesh top</c> when its output or input is not a terminal (a pipe, a file, a CI log): one frame, every peer,
/// no color, no control sequences, then exit. A full-screen UI cannot work there; one frame is still useful.
/// </summary>
public static class TopSnapshot
{
    /// <summary>The width when <c>COLUMNS</c> does not say (the compact layout).</summary>
    public const int DefaultWidth = 80;

    /// <summary>Fetches the peer table once and prints it; 0, or 1 with one line on <paramref name="error"/> when the node cannot be reached.</summary>
    public static async Task<int> PrintAsync(
        IControlClient client, TextWriter output, TextWriter error, TimeProvider timeProvider, int width, CancellationToken cancellationToken = default)
    {
        PeersView view;
        try
        {
            view = await client.GetPeersAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ControlClientException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }

        var model = new TopModel
        {
            State = new TopState().WithPeers(view.Peers),
            View = view,
            Endpoint = client.Endpoint,
            UpdatedAt = timeProvider.GetLocalNow(),
            Now = timeProvider.GetUtcNow(),
            Snapshot = true,
        };
        foreach (var line in TopRenderer.Render(model, width, height: 0, color: false))
        {
            await output.WriteLineAsync(line.TrimEnd()).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>The width for a snapshot: <c>COLUMNS</c> when it is a number of at least <see cref="TopRenderer.MinWidth"/>, else 80.</summary>
    public static int WidthFromEnvironment(string? columns) =>
        int.TryParse(columns, out var value) && value >= TopRenderer.MinWidth ? value : DefaultWidth;
}
