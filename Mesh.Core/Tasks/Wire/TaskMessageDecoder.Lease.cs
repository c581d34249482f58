namespace Mesh.Core.Tasks.Wire;

internal static partial class TaskMessageDecoder
{
    private static LeaseRenewMessage ReadLeaseRenew(ref TaskWireReader reader)
    {
        var (attempt, until) = ReadAttemptAndTime(ref reader, "LeaseRenew");
        return new LeaseRenewMessage(attempt, until);
    }

    private static LeaseRenewedMessage ReadLeaseRenewed(ref TaskWireReader reader)
    {
        var (attempt, until) = ReadAttemptAndTime(ref reader, "LeaseRenewed");
        return new LeaseRenewedMessage(attempt, until);
    }

    /// <summary>{0: attempt, 2: until}, the body of both lease messages.</summary>
    private static (AttemptId Attempt, DateTimeOffset Until) ReadAttemptAndTime(ref TaskWireReader reader, string what)
    {
        var count = reader.ReadMapHeader(what);
        ulong seen = 0;
        AttemptId attempt = default;
        DateTimeOffset until = default;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, 2, what))
            {
                case 0: attempt = reader.ReadAttemptId(); break;
                case 2: until = reader.ReadTimestamp("until"); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, Attempt | (1UL << 2), what);
        return (attempt, until);
    }

    private static LeaseLostMessage ReadLeaseLost(ref TaskWireReader reader)
    {
        const string What = "LeaseLost";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        AttemptId attempt = default;
        var text = string.Empty;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, 2, What))
            {
                case 0: attempt = reader.ReadAttemptId(); break;
                case 2: text = reader.ReadString(reader.Limits.MaxTextBytes, "the message"); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, Attempt, What);
        return new LeaseLostMessage(attempt, text);
    }

    private static CancelMessage ReadCancel(ref TaskWireReader reader)
    {
        const string What = "Cancel";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        AttemptId attempt = default;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, 0, What))
            {
                case 0: attempt = reader.ReadAttemptId(); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, Attempt, What);
        return new CancelMessage(attempt);
    }
}
