using System.Buffers;
using Mesh.Core.Journal.Audit;

namespace Mesh.Tests.Fuzz.Targets;

/// <summary>Reads a journal-protocol frame as the server reads a request and as the fetcher reads an answer.</summary>
internal static class JournalFetchFuzzTarget
{
    /// <summary>The input as a request frame and as a response frame; neither may throw, and Invalid says why.</summary>
    public static void Run(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        var request = new ReadOnlySequence<byte>(bytes);
        Check("request", JournalWireCodec.TryReadRequest(ref request, null, out var asked, out var requestError), asked is not null, requestError, request.Length, bytes.Length);
        var response = new ReadOnlySequence<byte>(bytes);
        Check("response", JournalWireCodec.TryReadResponse(ref response, null, out var page, out var responseError), page is not null, responseError, response.Length, bytes.Length);
    }

    private static void Check(string what, JournalWireStatus status, bool decoded, string? error, long left, long given)
    {
        if (status == JournalWireStatus.Invalid && error is null)
        {
            throw new FuzzInvariantException($"{what}: Invalid came without a reason");
        }

        if ((status == JournalWireStatus.Ok) != decoded || (status == JournalWireStatus.Ok && left >= given))
        {
            throw new FuzzInvariantException($"{what}: {status} came with a value {(decoded ? "set" : "null")}, {given - left} of {given} bytes read");
        }
    }
}
