using Mesh.Core.Scheduling;

namespace Mesh.Tests.Core.Scheduling;

/// <summary>The change signal wakes waiters on an older version and never misses a change.</summary>
[TestFixture]
public sealed class ChangeSignalTests
{
    [Test]
    public void WaitAsync_ChangeAlreadyHappened_CompletesAtOnce()
    {
        var signal = new ChangeSignal();
        var seen = signal.Version;
        signal.Notify();

        Assert.That(signal.WaitAsync(seen, CancellationToken.None).IsCompleted, Is.True);
    }

    [Test]
    public async Task WaitAsync_NoChange_WaitsUntilNotify()
    {
        var signal = new ChangeSignal();
        var waiting = signal.WaitAsync(signal.Version, CancellationToken.None);
        Assert.That(waiting.IsCompleted, Is.False);

        signal.Notify();

        await waiting;
        Assert.That(signal.Version, Is.EqualTo(1));
    }

    [Test]
    public void WaitAsync_Cancelled_Throws()
    {
        var signal = new ChangeSignal();
        using var cancel = new CancellationTokenSource();
        var waiting = signal.WaitAsync(signal.Version, cancel.Token);

        cancel.Cancel();

        Assert.That(async () => await waiting, Throws.InstanceOf<OperationCanceledException>());
    }
}
