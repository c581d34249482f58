using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Mesh.Cli.Client;

namespace Mesh.Cli.Top;

/// <summary>The <c>mesh top</c> command.</summary>
public static class TopCommand
{
    /// <summary>
    /// Builds <c>mesh top [--interval SECONDS]</c>. On a terminal it runs the full-screen UI; when stdout or
    /// stdin is redirected it prints one frame (every peer, no color) and exits 0, or 1 with one line on stderr
    /// when the node cannot be reached. Colors are off when <c>NO_COLOR</c> is set to anything but empty.
    /// </summary>
    /// <param name="nodeOption">The <c>--node unix:PATH</c> option; added to this command unless it is recursive (then the root carries it).</param>
    /// <param name="connect">Makes the control client for the <c>--node</c> value (null when not given: the client falls back to MESH_NODE and the default).</param>
    public static Command Create(Option<string> nodeOption, Func<string?, IControlClient> connect) =>
        Create(nodeOption, connect, () => Console.IsOutputRedirected || Console.IsInputRedirected, () => new ConsoleTerminal());

    /// <summary>The command with the terminal checks replaceable, for tests.</summary>
    internal static Command Create(Option<string> nodeOption, Func<string?, IControlClient> connect, Func<bool> redirected, Func<ITerminal> terminal)
    {
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between refreshes: 1, 0.5, 2s or 500ms (default 1).",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => 1,
            CustomParser = ParseInterval,
        };

        var command = new Command("top", "Follow the mesh live: the virtual-layer totals and every peer, full screen (q quits).")
        {
            interval,
        };
        if (!nodeOption.Recursive)
        {
            command.Options.Add(nodeOption);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new TopOptions
            {
                Interval = TimeSpan.FromSeconds(result.GetValue(interval)),
                Color = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
            };
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            IControlClient client;
            try
            {
                client = connect(result.GetValue(nodeOption));
            }
            catch (ControlClientException e)
            {
                await error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return 1;
            }

            using (client)
            {
                if (redirected())
                {
                    var width = TopSnapshot.WidthFromEnvironment(Environment.GetEnvironmentVariable("COLUMNS"));
                    return await TopSnapshot.PrintAsync(client, output, error, TimeProvider.System, width, cancellationToken).ConfigureAwait(false);
                }

                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                using var signals = TerminationSignals.Register(stop);
                var loop = new TopLoop(client, terminal(), TimeProvider.System, options);
                return await loop.RunAsync(stop.Token).ConfigureAwait(false);
            }
        });
        return command;
    }

    /// <summary>Seconds, as a plain number or with an <c>s</c> or <c>ms</c> suffix, within the allowed range.</summary>
    private static double ParseInterval(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : "";
        var scale = 1.0;
        if (text.EndsWith("ms", StringComparison.OrdinalIgnoreCase))
        {
            (text, scale) = (text[..^2], 0.001);
        }
        else if (text.EndsWith('s') || text.EndsWith('S'))
        {
            text = text[..^1];
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"--interval: '{result.Tokens[0].Value}' is not a number of seconds (for example 1, 0.5, 2s or 500ms).");
            return 0;
        }

        var seconds = value * scale;
        if (!(seconds >= TopOptions.MinInterval.TotalSeconds && seconds <= TopOptions.MaxInterval.TotalSeconds))
        {
            result.AddError(string.Create(
                CultureInfo.InvariantCulture,
                $"--interval: {seconds}s is out of range; give between {TopOptions.MinInterval.TotalSeconds} and {TopOptions.MaxInterval.TotalSeconds} seconds."));
        }

        return seconds;
    }
}
