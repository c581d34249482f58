using Mesh.Core.Tasks.Wire;

namespace Mesh.Core.Remote.Guests;

/// <content>Step 3 of a fresh run: the inputs this node's cache lacks, asked for once and checked by size and SHA-256.</content>
public sealed partial class GuestTaskHost
{
    /// <summary>
    /// Asks for and takes the missing inputs. Returns why the attempt cannot start (a content that does not match)
    /// or null; a protocol violation ends the conversation instead (see <see cref="GuestConversation.End"/>).
    /// </summary>
    private async Task<string?> ReceiveInputsAsync(RunRequestMessage request, GuestConversation conversation, CancellationToken cancellationToken)
    {
        var spec = request.Spec;
        var missing = spec.Inputs.Select(input => input.Sha256).Distinct(StringComparer.Ordinal).Where(sha => !_cache.Contains(sha)).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        conversation.BeginInputs();
        await conversation.SendAsync(new InputRequestMessage(request.Attempt, missing), cancellationToken).ConfigureAwait(false);
        string? failure = null;
        foreach (var sha in missing)
        {
            var input = spec.Inputs.First(candidate => string.Equals(candidate.Sha256, sha, StringComparison.Ordinal));
            var matched = await ReceiveInputAsync(conversation, sha, input.Size, cancellationToken).ConfigureAwait(false);
            if (matched is null)
            {
                return null;
            }

            if (matched == false)
            {
                LogInputMismatch(_logger, request.Task.ToString(), request.Attempt.ToString(), input.Name, sha);
                failure ??= $"input {input.Name} does not match its size {input.Size} and SHA-256 {sha}";
            }
        }

        conversation.EndInputs();
        return failure;
    }

    /// <summary>One content: true when it matched and is cached, false when it did not match, null when the conversation ended.</summary>
    private async Task<bool?> ReceiveInputAsync(GuestConversation conversation, string sha, long size, CancellationToken cancellationToken)
    {
        var temporary = _cache.NewIncomingPath();
        try
        {
            long offset = 0;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                while (true)
                {
                    var chunk = await conversation.ReadInputAsync(_options.PeerSilenceTimeout, _time, cancellationToken).ConfigureAwait(false);
                    if (chunk is null)
                    {
                        return null;
                    }

                    // The origin sends each requested content in the order asked, at increasing offsets from 0.
                    var violation = chunk switch
                    {
                        _ when !string.Equals(chunk.Sha256, sha, StringComparison.Ordinal) => $"InputData for {chunk.Sha256} while {sha} was due",
                        _ when chunk.Offset != offset => $"InputData at offset {chunk.Offset} of {sha} where {offset} was due",
                        _ when chunk.Data.Length > size - offset => $"InputData past the declared {size} bytes of {sha}",
                        _ => null,
                    };
                    if (violation is not null)
                    {
                        conversation.Fail(GuestConversationEnd.Broken, violation);
                        return null;
                    }

                    await file.WriteAsync(chunk.Data, cancellationToken).ConfigureAwait(false);
                    offset += chunk.Data.Length;
                    if (chunk.Last)
                    {
                        break;
                    }
                }
            }

            return await _cache.CommitIncomingAsync(temporary, sha, size, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
