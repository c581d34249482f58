using Mesh.Core.Policy;
using Mesh.Core.Resources;

namespace Mesh.Tests.Core.Policy;

[TestFixture]
public sealed class ChangeGateTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void Offer_LargeChange_PublishesAtOnce()
    {
        var gate = new ChangeGate(new ResourceVector(0.25, 256L << 20, 0, 0), TimeSpan.FromMinutes(1));
        gate.Offer(new ResourceVector(1, 1L << 30, 0, 0), Start);
        var published = gate.Offer(new ResourceVector(2, 1L << 30, 0, 0), Start.AddSeconds(2));
        Assert.That(published.Cpu, Is.EqualTo(2));
        Assert.That(gate.Changes, Is.EqualTo(1));
    }

    [Test]
    public void Offer_SmallChangeThatPersists_IsPublishedAfterTheHoldTime()
    {
        var gate = new ChangeGate(new ResourceVector(0.25, 256L << 20, 0, 0), TimeSpan.FromMinutes(1));
        gate.Offer(new ResourceVector(1, 1L << 30, 0, 0), Start);
        Assert.That(gate.Offer(new ResourceVector(1.2, 1L << 30, 0, 0), Start.AddSeconds(30)).Cpu, Is.EqualTo(1));
        Assert.That(gate.Offer(new ResourceVector(1.15, 1L << 30, 0, 0), Start.AddSeconds(60)).Cpu, Is.EqualTo(1));
        Assert.That(gate.Offer(new ResourceVector(1.2, 1L << 30, 0, 0), Start.AddSeconds(90)).Cpu, Is.EqualTo(1.2));
        Assert.That(gate.Changes, Is.EqualTo(1));
    }

    [Test]
    public void Offer_SmallChangeThatCrossesBack_IsNotPublished()
    {
        var gate = new ChangeGate(new ResourceVector(0.25, 256L << 20, 0, 0), TimeSpan.FromMinutes(1));
        gate.Offer(new ResourceVector(1, 1L << 30, 0, 0), Start);
        for (var i = 1; i <= 100; i++)
        {
            gate.Offer(new ResourceVector(i % 2 == 0 ? 1.2 : 0.8, 1L << 30, 0, 0), Start.AddSeconds(2 * i));
        }

        Assert.That(gate.Changes, Is.Zero);
    }

    [Test]
    public void Offer_NegligibleChange_NeverPublishes()
    {
        var gate = new ChangeGate(new ResourceVector(0.25, 256L << 20, 0, 0), TimeSpan.FromMinutes(1));
        gate.Offer(new ResourceVector(1, 1L << 30, 0, 0), Start);
        Assert.That(gate.Offer(new ResourceVector(1.04, (1L << 30) + 1000, 0, 0), Start.AddHours(1)).Cpu, Is.EqualTo(1));
        Assert.That(gate.Changes, Is.Zero);
    }
}
