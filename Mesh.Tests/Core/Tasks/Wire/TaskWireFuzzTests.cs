using System.Buffers;
using Mesh.Core.Tasks.Wire;

namespace Mesh.Tests.Core.Tasks.Wire;

public sealed class TaskWireFuzzTests
{
    private const int Rounds = 5000;

    [Test]
    public void TryRead_RandomAndMutatedInputs_NeverThrowAndNeverReturnAChunkOverTheLimit()
    {
        var random = new Random(20261124);
        var limits = new TaskWireLimits { MaxMessageSize = 64 * 1024, MaxChunkSize = 1024 };
        var seeds = TaskWireTestData.All.Select(m => TaskWireCodec.Encode(m)).ToArray();
        var outcomes = new int[3];

        for (var round = 0; round < Rounds; round++)
        {
            var input = round % 4 == 0 ? RandomBytes(random) : Mutate(random, seeds[random.Next(seeds.Length)]);
            var buffer = new ReadOnlySequence<byte>(input);
            var before = buffer.Length;

            TaskWireStatus status;
            TaskMessage? message;
            try
            {
                status = TaskWireCodec.TryRead(ref buffer, limits, out message, out _);
            }
            catch (Exception ex)
            {
                Assert.Fail($"round {round}: {Convert.ToHexStringLower(input)} threw {ex}");
                return;
            }

            outcomes[(int)status]++;
            Assert.That(status == TaskWireStatus.Ok ? buffer.Length < before : buffer.Length == before, Is.True, $"round {round}: the buffer moved wrongly");
            Assert.That(ChunkLength(message), Is.LessThanOrEqualTo(limits.MaxChunkSize), $"round {round}");
        }

        // Mutations must reach every outcome, or the fuzzing proves little.
        Assert.That(outcomes, Has.All.Positive, string.Join(",", outcomes));
    }

    [TestCase("c6")]
    [TestCase("db")]
    [TestCase("dd")]
    [TestCase("df")]
    public void TryRead_InnerLengthClaimingTwoGigabytes_IsInvalidWithoutAllocatingIt(string code)
    {
        // [6, {0: attempt, 2: 1, 3: 0, 4: <code> 7fffffff ...}]: a bin32/str32/array32/map32 header claiming 2^31 - 1
        // inside a frame within the limit. The reader must not trust the claim.
        var payload = Convert.FromHexString("92068400cf0123456789abcdef0201030004" + code + "7fffffff" + new string('0', 64));
        var frame = TaskWireCodecTests.Frame(payload);
        var buffer = new ReadOnlySequence<byte>(frame);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var status = TaskWireCodec.TryRead(ref buffer, null, out _, out _);

        Assert.That(status, Is.EqualTo(TaskWireStatus.Invalid));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(64 * 1024));
    }

    private static int ChunkLength(TaskMessage? message) => message switch
    {
        InputDataMessage m => m.Data.Length,
        OutputChunkMessage m => m.Data.Length,
        OutputFileDataMessage m => m.Data.Length,
        _ => 0,
    };

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = (byte[])seed.Clone();
        switch (random.Next(4))
        {
            case 0:
                // Flip a few bytes anywhere, the length prefix included.
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            case 1:
                // Flip bytes of the payload only, keeping the frame whole, to reach the message decoder.
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    bytes[random.Next(2, bytes.Length)] = (byte)random.Next(256);
                }

                return bytes;
            case 2:
                // Replace a byte with a MessagePack code that claims a huge length (bin32, str32, array32, map32).
                var huge = new byte[] { 0xc6, 0xdb, 0xdd, 0xdf }[random.Next(4)];
                var at = random.Next(2, bytes.Length - 4);
                bytes[at] = huge;
                bytes[at + 1] = 0x7f;
                bytes[at + 2] = 0xff;
                return bytes;
            default:
                return bytes[..random.Next(bytes.Length)];
        }
    }
}
