using System.Buffers.Binary;
using System.Diagnostics;
using Mesh.Libp2p.PubSub;

namespace Mesh.Bench;

/// <summary>
/// Reads every host's subscription and records, per (message, receiver), the latency from the send timestamp the
/// message carries (Stopwatch ticks of this process) and any second delivery to the application.
/// </summary>
public sealed class GossipDeliveryRecorder
{
    /// <summary>Bytes of a benchmark payload: send timestamp (8) and message index (4).</summary>
    public const int PayloadLength = 12;

    private readonly int _messages;
    private readonly double[] _latencyMs;
    private readonly long _expected;
    private readonly TaskCompletionSource _allDelivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task[] _readers;
    private long _delivered;
    private long _duplicates;

    /// <summary>Starts one reader per subscription; each expects every message but the ones its host publishes.</summary>
    public GossipDeliveryRecorder(IReadOnlyList<TopicSubscription> subscriptions, int messages)
    {
        _messages = messages;
        _latencyMs = new double[subscriptions.Count * messages];
        Array.Fill(_latencyMs, double.NaN);
        _expected = (long)messages * (subscriptions.Count - 1);
        _readers = [.. subscriptions.Select((s, i) => Task.Run(() => ReadAsync(s, i)))];
    }

    /// <summary>Distinct (message, receiver) deliveries so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Deliveries expected: messages x (peers - 1).</summary>
    public long Expected => _expected;

    /// <summary>Messages handed to an application a second time.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Writes a payload: <paramref name="index"/> and the current Stopwatch timestamp.</summary>
    public static byte[] CreatePayload(int index)
    {
        var payload = new byte[PayloadLength];
        BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(8), index);
        BinaryPrimitives.WriteInt64BigEndian(payload, Stopwatch.GetTimestamp());
        return payload;
    }

    /// <summary>Waits until every expected delivery arrived or <paramref name="timeout"/> passed; true when all arrived.</summary>
    public async Task<bool> WaitAllAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(_allDelivered.Task, Task.Delay(timeout)).ConfigureAwait(false);
        return finished == _allDelivered.Task;
    }

    /// <summary>The recorded latencies in milliseconds.</summary>
    public IReadOnlyList<double> Latencies() => [.. _latencyMs.Where(l => !double.IsNaN(l))];

    /// <summary>Waits for the readers, which end when the routers stop.</summary>
    public Task StopAsync() => Task.WhenAll(_readers);

    private async Task ReadAsync(TopicSubscription subscription, int receiver)
    {
        var reader = subscription.Messages;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var message))
            {
                var now = Stopwatch.GetTimestamp();
                var data = message.Data.Span;
                if (data.Length != PayloadLength)
                {
                    throw new InvalidOperationException("a benchmark message has the wrong length");
                }

                var sent = BinaryPrimitives.ReadInt64BigEndian(data);
                var index = BinaryPrimitives.ReadInt32BigEndian(data[8..]);
                ref var slot = ref _latencyMs[(receiver * _messages) + index];
                if (!double.IsNaN(slot))
                {
                    Interlocked.Increment(ref _duplicates);
                    continue;
                }

                slot = Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds;
                if (Interlocked.Increment(ref _delivered) == _expected)
                {
                    _allDelivered.TrySetResult();
                }
            }
        }
    }
}
