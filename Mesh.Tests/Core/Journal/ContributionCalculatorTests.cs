using Mesh.Core.Journal;
using Mesh.Core.Resources;
using Mesh.Core.Tasks;
using Mesh.Libp2p.Identity;

namespace Mesh.Tests.Core.Journal;

public sealed class ContributionCalculatorTests
{
    private readonly PeerId _owner = IdentityKey.Generate().PeerId;
    private readonly PeerId _other = IdentityKey.Generate().PeerId;

    [Test]
    public void AmountOf_Record_FollowsTheContractFormulas()
    {
        var record = JournalTestData.Record(_owner, _other) with
        {
            Requested = new ResourceVector(4, 0, 0, 2),
            Used = new TaskUsage(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(25), 1000),
        };

        Assert.That(ContributionCalculator.AmountOf(record), Is.EqualTo(new ResourceSeconds(25, 10_000, 20, 1)));
    }

    [Test]
    public void Classify_EachCase_IsRightSide()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ContributionCalculator.Classify(JournalTestData.Record(_other, _owner), _owner), Is.EqualTo(ContributionSide.Given));
            Assert.That(ContributionCalculator.Classify(JournalTestData.Record(_owner, _other), _owner), Is.EqualTo(ContributionSide.Used));
            Assert.That(ContributionCalculator.Classify(JournalTestData.Record(_owner, _owner), _owner), Is.EqualTo(ContributionSide.None));
            Assert.That(ContributionCalculator.Classify(JournalTestData.Record(_other, _other), _owner), Is.EqualTo(ContributionSide.None));
        });
    }

    [Test]
    public void Sum_Records_AddsEachOnItsSide()
    {
        var given = JournalTestData.Record(_other, _owner);
        var used = JournalTestData.Record(_owner, _other);
        var local = JournalTestData.Record(_owner, _owner);

        var total = ContributionCalculator.Sum([given, given, used, local], _owner);

        Assert.Multiple(() =>
        {
            Assert.That(total.Given, Is.EqualTo(ContributionCalculator.AmountOf(given) + ContributionCalculator.AmountOf(given)));
            Assert.That(total.Used, Is.EqualTo(ContributionCalculator.AmountOf(used)));
        });
    }
}
