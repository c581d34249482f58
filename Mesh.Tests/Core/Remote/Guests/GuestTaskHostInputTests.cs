using System.Security.Cryptography;
using System.Text;
using Mesh.Core.Tasks;
using Mesh.Core.Tasks.Wire;
using static Mesh.Tests.Core.Remote.Guests.GuestHostHarness;

namespace Mesh.Tests.Core.Remote.Guests;

public sealed class GuestTaskHostInputTests
{
    [Test]
    public async Task ServeAsync_SomeInputsCached_RequestsOnlyTheMissingOnesAndRunsWithThem()
    {
        var executor = FakeExecutor.Exiting(0);
        await using var harness = new GuestHostHarness(executor);
        var cachedPath = harness.PathOf("cached.txt");
        await File.WriteAllTextAsync(cachedPath, "cached");
        var cached = await harness.Cache.AddAsync(cachedPath, "a.txt");
        var missing = Encoding.UTF8.GetBytes("missing content, sent in two chunks");
        var missingSha = Sha(missing);
        var spec = new TaskSpec
        {
            Argv = ["true"],
            Inputs = [cached, new TaskInputFile("b.txt", missingSha, missing.Length), new TaskInputFile("dir/c.txt", missingSha, missing.Length)],
        };
        var request = Request(spec);
        var (origin, serving) = harness.Serve(request);

        await ReadAsync(origin);
        var asked = (InputRequestMessage)(await ReadAsync(origin))!;
        await SendAsync(origin, new InputDataMessage(request.Attempt, missingSha, 0, missing.AsMemory(0, 10), false));
        await SendAsync(origin, new InputDataMessage(request.Attempt, missingSha, 10, missing.AsMemory(10), true));
        var (_, result) = await GuestTaskHostRunTests.ReadUntilResultAsync(origin);
        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, true));
        await CompletesAsync(serving);

        Assert.That(asked.Sha256s, Is.EqualTo(new[] { missingSha }), "only the missing content, once");
        Assert.That(result.Result.Reason, Is.EqualTo(TaskEndReason.Exited));
        Assert.That(harness.Cache.Contains(missingSha), Is.True);
        var staged = executor.Requests.Single().Inputs;
        Assert.That(staged.Select(input => input.Name), Is.EqualTo(new[] { "a.txt", "b.txt", "dir/c.txt" }));
        Assert.That(staged[1].SourcePath, Is.EqualTo(harness.Cache.PathOf(missingSha)));
    }

    [Test]
    public async Task ServeAsync_AllInputsCached_AsksForNothing()
    {
        await using var harness = new GuestHostHarness(FakeExecutor.Exiting(0));
        var path = harness.PathOf("in.txt");
        await File.WriteAllTextAsync(path, "x");
        var input = await harness.Cache.AddAsync(path, "in.txt");
        var request = Request(new TaskSpec { Argv = ["true"], Inputs = [input] });
        var (origin, serving) = harness.Serve(request);

        await ReadAsync(origin);
        var next = await ReadAsync(origin);
        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, true));
        await CompletesAsync(serving);

        Assert.That(next, Is.TypeOf<RunResultMessage>());
    }

    [Test]
    public async Task ServeAsync_InputWithWrongSha_EndsAsStartFailed()
    {
        var executor = FakeExecutor.Exiting(0);
        await using var harness = new GuestHostHarness(executor);
        var declared = Sha(Encoding.UTF8.GetBytes("what was promised"));
        var sent = Encoding.UTF8.GetBytes("what was really sent");
        var request = Request(new TaskSpec { Argv = ["true"], Inputs = [new TaskInputFile("in.txt", declared, sent.Length)] });
        var (origin, serving) = harness.Serve(request);

        await ReadAsync(origin);
        await ReadAsync(origin);
        await SendAsync(origin, new InputDataMessage(request.Attempt, declared, 0, sent, true));
        var (_, result) = await GuestTaskHostRunTests.ReadUntilResultAsync(origin);
        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, true));
        await CompletesAsync(serving);

        Assert.That(result.Result.Reason, Is.EqualTo(TaskEndReason.StartFailed));
        Assert.That(result.Result.Message, Does.Contain("in.txt"));
        Assert.That(executor.Requests, Is.Empty, "nothing ran");
        Assert.That(harness.Cache.Contains(declared), Is.False);
        Assert.That(Directory.EnumerateFiles(harness.PathOf("cache")), Is.Empty, "no temporary file left");
    }

    [Test]
    public async Task ServeAsync_EmptyInput_OneEmptyLastChunkIsCached()
    {
        await using var harness = new GuestHostHarness(FakeExecutor.Exiting(0));
        var sha = Sha([]);
        var request = Request(new TaskSpec { Argv = ["true"], Inputs = [new TaskInputFile("empty", sha, 0)] });
        var (origin, serving) = harness.Serve(request);

        await ReadAsync(origin);
        await ReadAsync(origin);
        await SendAsync(origin, new InputDataMessage(request.Attempt, sha, 0, ReadOnlyMemory<byte>.Empty, true));
        var (_, result) = await GuestTaskHostRunTests.ReadUntilResultAsync(origin);
        await SendAsync(origin, new ResultAckMessage(request.Attempt, request.Task, true));
        await CompletesAsync(serving);

        Assert.That(result.Result.Reason, Is.EqualTo(TaskEndReason.Exited));
        Assert.That(harness.Cache.Contains(sha), Is.True);
    }

    internal static string Sha(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
