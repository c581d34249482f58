using System.Buffers;
using Mesh.Libp2p.Yamux;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Tests.Libp2p.Yamux;

/// <summary>A session under test facing a hand-driven peer that writes and reads raw frames.</summary>
internal sealed class RawYamuxPeer : IAsyncDisposable
{
    private readonly InMemoryChannel _raw;

    private RawYamuxPeer(YamuxSession session, InMemoryChannel raw)
    {
        Session = session;
        _raw = raw;
    }

    /// <summary>The session under test.</summary>
    public YamuxSession Session { get; }

    /// <summary>Starts a session (client unless told otherwise) whose remote is this raw peer.</summary>
    public static RawYamuxPeer Start(bool sessionIsClient = true, YamuxOptions? options = null, TimeProvider? timeProvider = null)
    {
        var (left, right) = ChannelPair.Create();
        var session = new YamuxSession(left, sessionIsClient, options ?? YamuxTestSessions.QuietOptions(), NullLogger.Instance, timeProvider ?? TimeProvider.System);
        session.Start();
        return new RawYamuxPeer(session, right);
    }

    public async Task SendAsync(YamuxHeader header, byte[]? payload = null)
    {
        header.Write(_raw.Output);
        if (payload is not null)
        {
            _raw.Output.Write(payload);
        }

        await _raw.Output.FlushAsync();
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        await _raw.Output.WriteAsync(bytes);
    }

    /// <summary>Ends the raw side's output: the session reads end-of-stream.</summary>
    public async Task CloseRawWriteAsync() => await _raw.Output.CompleteAsync();

    /// <summary>Reads the next frame the session wrote; null at the end of its output.</summary>
    public async Task<(YamuxHeader Header, byte[] Payload)?> ReadFrameAsync()
    {
        while (true)
        {
            var result = await _raw.Input.ReadAsync().AsTask().WaitAsync(YamuxTestSessions.Timeout);
            var buffer = result.Buffer;
            var status = YamuxFrameReader.TryReadFrame(ref buffer, uint.MaxValue, out var header, out var payload);
            if (status == YamuxFrameStatus.Ok)
            {
                var bytes = payload.ToArray();
                _raw.Input.AdvanceTo(buffer.Start);
                return (header, bytes);
            }

            Assert.That(status, Is.EqualTo(YamuxFrameStatus.NeedMore), "the session wrote an invalid frame");
            _raw.Input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    /// <summary>Reads frames until one matches; fails at the end of the session's output.</summary>
    public async Task<(YamuxHeader Header, byte[] Payload)> ReadUntilAsync(Func<YamuxHeader, bool> match)
    {
        while (true)
        {
            var frame = await ReadFrameAsync();
            Assert.That(frame, Is.Not.Null, "the session's output ended before the expected frame");
            if (match(frame!.Value.Header))
            {
                return frame.Value;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await _raw.DisposeAsync();
    }
}
