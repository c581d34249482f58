using System.Net.Sockets;

namespace Mesh.Node.Control;

/// <summary>
/// The control socket's file: claims the path (replacing a dead node's leftover, refusing a live node's socket),
/// binds it with mode 0600 before it listens, and removes it on shutdown.
/// </summary>
internal static class ControlSocketFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>What <see cref="ClaimAsync"/> found at the path.</summary>
    internal enum Claim
    {
        /// <summary>Nothing was there.</summary>
        Free,

        /// <summary>A socket nobody answers on (a node that died); it was deleted.</summary>
        StaleReplaced,
    }

    /// <summary>
    /// Makes <paramref name="path"/> free to bind: deletes a socket no process listens on, and throws
    /// <see cref="NodeStartException"/> when a live node answers there or the path holds something else.
    /// </summary>
    public static async Task<Claim> ClaimAsync(string path, TimeSpan probeTimeout, CancellationToken cancellationToken)
    {
        var existing = new FileInfo(path);
        if (!existing.Exists)
        {
            if (Directory.Exists(path))
            {
                throw new NodeStartException($"{path} is a directory: choose another path for the control socket");
            }

            return Claim.Free;
        }

        if (await AnswersAsync(path, probeTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new NodeStartException($"another mesh-node is serving {path}: stop it first, or give this one another --data-dir or --control");
        }

        // .NET exposes no file type, and connect() is refused alike by a dead socket and by a plain file; a socket
        // file is always empty, so anything with content is not ours to delete.
        if (existing.Length != 0 || existing.LinkTarget is not null)
        {
            throw new NodeStartException($"{path} exists and is not a socket: move it away or choose another path for the control socket");
        }

        File.Delete(path);
        return Claim.StaleReplaced;
    }

    /// <summary>
    /// Binds a listening-ready socket at <paramref name="endPoint"/> and sets its file to mode 0600 before returning:
    /// the caller's <c>listen()</c> comes after, and until then every <c>connect()</c> is refused, so no client can
    /// reach the socket while it is still open to others.
    /// </summary>
    public static Socket Bind(UnixDomainSocketEndPoint endPoint, string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(endPoint);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, OwnerOnly);
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Removes the socket file if it is still there.</summary>
    public static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Already gone or the directory went away with it: nothing left to clean.
        }
        catch (UnauthorizedAccessException)
        {
            // Someone changed the directory's permissions under us; the next start replaces the stale file.
        }
    }

    private static async Task<bool> AnswersAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await probe.ConnectAsync(new UnixDomainSocketEndPoint(path), timeoutSource.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable)
        {
            return false;
        }
        catch (SocketException ex)
        {
            throw new NodeStartException($"cannot tell whether a node serves {path}: {ex.Message}", ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A listener whose backlog is full does not answer in time, but it is alive: do not steal its socket.
            return true;
        }
    }
}
