using System.Security.Cryptography;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Remote.Dispatch;

/// <summary>
/// Receives the files of a result's manifest (contract "Fresh run" steps 6-7) into the spec's output directory: each through
/// a temporary file in its target's directory, renamed into place once its size and SHA-256 match. A file is dropped (its
/// data still read, so the stream stays in step) when its name is unsafe or repeated, it is over the size limit, the
/// manifest is over the file limit, or it cannot be written; <see cref="Problems"/> then says which and why. Data that
/// breaks the conversation itself (another name than the next manifest file, a skipped offset, bytes past the declared
/// size, an empty chunk that is not the last) is a <see cref="TaskProtocolException"/>. Nothing outside the output
/// directory is ever written: names are checked, and no directory on the way may be a symbolic link.
/// </summary>
internal sealed partial class OutputFileReceiver : IDisposable
{
    private const int MaxProblemsShown = 10;

    private readonly List<Entry> _entries;
    private readonly List<TaskOutputFile> _kept = [];
    private readonly List<string> _problems = [];
    private readonly string? _root;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _index;
    private long _received;
    private FileStream? _temporary;
    private string? _temporaryPath;
    private bool _failed;

    public OutputFileReceiver(IReadOnlyList<TaskOutputFile> manifest, string? outputDirectory, RemoteAttemptOptions options)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        _root = outputDirectory is null ? null : Path.GetFullPath(outputDirectory).TrimEnd('/') + "/";
        _entries = Plan(manifest, options);
    }

    /// <summary>Whether every manifest file has arrived.</summary>
    public bool IsComplete => _index == _entries.Count;

    /// <summary>The files written to the output directory, in manifest order.</summary>
    public IReadOnlyList<TaskOutputFile> Kept => _kept;

    /// <summary>What went wrong with the files not kept, for people.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>The problems as one line for a result's message; null when there are none.</summary>
    public string? Summary()
    {
        if (_problems.Count == 0)
        {
            return null;
        }

        var shown = string.Join("; ", _problems.Take(MaxProblemsShown));
        return _problems.Count > MaxProblemsShown ? $"{shown}; and {_problems.Count - MaxProblemsShown} more" : shown;
    }

    /// <summary>Takes one OutputFileData chunk.</summary>
    /// <exception cref="TaskProtocolException">The chunk breaks the contract's file order, offsets or sizes.</exception>
    public async ValueTask ReceiveAsync(OutputFileDataMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (IsComplete)
        {
            throw new TaskProtocolException($"output file data for '{message.Name}' after the manifest's last file");
        }

        var entry = _entries[_index];
        if (!string.Equals(message.Name, entry.File.Name, StringComparison.Ordinal))
        {
            throw new TaskProtocolException($"output file data for '{message.Name}' where '{entry.File.Name}' (manifest order) was due");
        }

        if (message.Offset != _received)
        {
            throw new TaskProtocolException($"output file '{entry.File.Name}' data at offset {message.Offset}, expected {_received}");
        }

        if (_received + message.Data.Length > entry.File.Size)
        {
            throw new TaskProtocolException($"output file '{entry.File.Name}' data past its declared size {entry.File.Size}");
        }

        if (message.Data.IsEmpty && !message.Last)
        {
            throw new TaskProtocolException($"output file '{entry.File.Name}' sent an empty chunk that is not its last");
        }

        _received += message.Data.Length;
        if (entry.Target is not null && !_failed)
        {
            _hash.AppendData(message.Data.Span);
            await WriteAsync(entry, message.Data, cancellationToken).ConfigureAwait(false);
        }

        if (message.Last)
        {
            await FinishFileAsync(entry).ConfigureAwait(false);
            _index++;
            _received = 0;
            _failed = false;
            _hash.GetHashAndReset();
        }
    }

    /// <summary>Removes a file left half received.</summary>
    public void Dispose()
    {
        DropTemporary();
        _hash.Dispose();
    }

    private async ValueTask WriteAsync(Entry entry, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            if (_temporary is null)
            {
                var directory = CreateDirectories(_root!, entry.File.Name);
                _temporaryPath = Path.Combine(directory, $".mesh-incoming-{Guid.NewGuid():N}");

                // CreateNew: fails on anything already there, a symbolic link included, so nothing is followed.
                _temporary = new FileStream(_temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            }

            await _temporary.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fail(entry, $"could not be written: {ex.Message}");
        }
    }

    private async ValueTask FinishFileAsync(Entry entry)
    {
        if (entry.Target is null || _failed)
        {
            return;
        }

        try
        {
            if (_temporary is null)
            {
                // An empty file: one empty chunk, nothing written yet.
                await WriteAsync(entry, ReadOnlyMemory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
                if (_failed)
                {
                    return;
                }
            }

            await _temporary!.DisposeAsync().ConfigureAwait(false);
            _temporary = null;
            var sha256 = Convert.ToHexStringLower(_hash.GetCurrentHash());
            if (_received != entry.File.Size)
            {
                Fail(entry, $"is {_received} bytes, the manifest says {entry.File.Size}");
            }
            else if (!string.Equals(sha256, entry.File.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                Fail(entry, $"has SHA-256 {sha256}, the manifest says {entry.File.Sha256}");
            }
            else
            {
                File.Move(_temporaryPath!, entry.Target, overwrite: true);
                _temporaryPath = null;
                _kept.Add(entry.File);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fail(entry, $"could not be written: {ex.Message}");
        }
    }

    private void Fail(Entry entry, string problem)
    {
        _failed = true;
        _problems.Add($"output file '{Printable(entry.File.Name)}' was not returned: it {problem}");
        DropTemporary();
    }

    private void DropTemporary()
    {
        try
        {
            _temporary?.Dispose();
            if (_temporaryPath is not null)
            {
                File.Delete(_temporaryPath);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file in the output directory is harmless; its name says what it is.
        }

        _temporary = null;
        _temporaryPath = null;
    }
}
