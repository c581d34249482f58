using Mesh.Core.Resources;
using Mesh.Libp2p.Identity;

namespace Mesh.Core.Tasks.Wire;

internal static partial class TaskMessageDecoder
{
    private static StealRequestMessage ReadStealRequest(ref TaskWireReader reader)
    {
        const string What = "StealRequest";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        PeerId? thief = null;
        ResourceVector surplus = default;
        var maxTasks = 0;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, 2, What))
            {
                case 0: thief = reader.ReadPeerId("the thief"); break;
                case 1: surplus = reader.ReadResources("the surplus"); break;
                case 2: maxTasks = reader.ReadInt32("maxTasks", 1); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, 0b111, What);
        return new StealRequestMessage(thief!, surplus, maxTasks);
    }

    private static StealOfferMessage ReadStealOffer(ref TaskWireReader reader)
    {
        const string What = "StealOffer";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        StealOfferItem[] items = [];
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, 0, What))
            {
                case 0:
                    items = new StealOfferItem[reader.ReadArrayHeader(reader.Limits.MaxStealTasks, "the offered tasks")];
                    for (var t = 0; t < items.Length; t++)
                    {
                        items[t] = ReadStealOfferItem(ref reader);
                    }

                    break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, 1, What);
        return new StealOfferMessage(items);
    }

    /// <summary>{0: attempt, 1: task, 2: spec, 3: leaseUntil}.</summary>
    private static StealOfferItem ReadStealOfferItem(ref TaskWireReader reader)
    {
        const string What = "an offered task";
        var count = reader.ReadMapHeader(What);
        ulong seen = 0;
        AttemptId attempt = default;
        TaskId task = default;
        TaskSpec? spec = null;
        DateTimeOffset until = default;
        for (var i = 0; i < count; i++)
        {
            switch (reader.ReadKey(ref seen, 3, What))
            {
                case 0: attempt = reader.ReadAttemptId(); break;
                case 1: task = reader.ReadTaskId(); break;
                case 2: spec = reader.ReadSpec(); break;
                case 3: until = reader.ReadTimestamp("leaseUntil"); break;
                default: reader.Skip(); break;
            }
        }

        TaskWireReader.Require(seen, 0b1111, What);
        return new StealOfferItem(attempt, task, spec!, until);
    }
}
