namespace Mesh.Libp2p.Discovery;

/// <summary>Counters of what <see cref="MdnsDiscovery"/> received and did; safe to read from any thread.</summary>
public sealed class MdnsStatistics
{
    private long _packetsReceived;
    private long _malformedPackets;
    private long _queriesAnswered;
    private long _answersRateLimited;
    private long _responsesAccepted;
    private long _dialsStarted;
    private long _dialsFailed;
    private long _sendFailures;

    /// <summary>Datagrams received.</summary>
    public long PacketsReceived => Interlocked.Read(ref _packetsReceived);

    /// <summary>Datagrams dropped because they were not valid DNS messages or were too big.</summary>
    public long MalformedPackets => Interlocked.Read(ref _malformedPackets);

    /// <summary>Queries for the service that this host answered.</summary>
    public long QueriesAnswered => Interlocked.Read(ref _queriesAnswered);

    /// <summary>Queries left unanswered because of the answer rate limit.</summary>
    public long AnswersRateLimited => Interlocked.Read(ref _answersRateLimited);

    /// <summary>Answers from other peers that named a peer and addresses.</summary>
    public long ResponsesAccepted => Interlocked.Read(ref _responsesAccepted);

    /// <summary>Dials started to discovered peers.</summary>
    public long DialsStarted => Interlocked.Read(ref _dialsStarted);

    /// <summary>Dials to discovered peers in which no address worked.</summary>
    public long DialsFailed => Interlocked.Read(ref _dialsFailed);

    /// <summary>Datagrams that could not be sent on an interface.</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    internal void CountPacket() => Interlocked.Increment(ref _packetsReceived);

    internal void CountMalformed() => Interlocked.Increment(ref _malformedPackets);

    internal void CountAnswered() => Interlocked.Increment(ref _queriesAnswered);

    internal void CountRateLimited() => Interlocked.Increment(ref _answersRateLimited);

    internal void CountResponse() => Interlocked.Increment(ref _responsesAccepted);

    internal void CountDial() => Interlocked.Increment(ref _dialsStarted);

    internal void CountDialFailure() => Interlocked.Increment(ref _dialsFailed);

    internal void CountSendFailure() => Interlocked.Increment(ref _sendFailures);

    /// <inheritdoc/>
    public override string ToString() =>
        $"received {PacketsReceived}, malformed {MalformedPackets}, answered {QueriesAnswered}, rate-limited {AnswersRateLimited}, "
        + $"responses {ResponsesAccepted}, dials {DialsStarted} ({DialsFailed} failed), send failures {SendFailures}";
}
