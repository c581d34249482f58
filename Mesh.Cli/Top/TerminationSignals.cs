using System.Runtime.InteropServices;

namespace Mesh.Cli.Top;

/// <summary>
/// Turns SIGTERM, SIGHUP (the SSH session ended), SIGINT and SIGQUIT into a cancellation, so the loop unwinds and
/// puts the terminal back instead of the runtime ending the process with the screen still switched. Without
/// this a plain <c>kill</c> leaves the shell on the alternate screen with no cursor.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    private TerminationSignals(CancellationTokenSource stop)
    {
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    // Keep the process alive until the loop has restored the terminal and returned.
                    context.Cancel = true;
                    stop.Cancel();
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // Windows knows only some of these; the others cannot arrive there either.
            }
        }
    }

    /// <summary>Cancels <paramref name="stop"/> when a termination signal arrives, until disposed.</summary>
    public static TerminationSignals Register(CancellationTokenSource stop) => new(stop);

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
