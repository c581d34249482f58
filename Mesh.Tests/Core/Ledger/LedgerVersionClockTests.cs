using Mesh.Core.Ledger;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Core.Ledger;

public sealed class LedgerVersionClockTests
{
    [Test]
    public void Next_ClockMovesForward_VersionIsUnixMilliseconds()
    {
        var time = new FakeTimeProvider(LedgerTestData.Epoch);
        var clock = new LedgerVersionClock(time);

        var (version, issuedAt) = clock.Next();

        Assert.Multiple(() =>
        {
            Assert.That(version, Is.EqualTo(1_700_000_000_000UL));
            Assert.That(issuedAt, Is.EqualTo(LedgerTestData.Epoch));
        });
    }

    [Test]
    public void Next_ClockStandsStillOrGoesBack_VersionStillIncreases()
    {
        var time = new SettableClock { Now = LedgerTestData.Epoch };
        var clock = new LedgerVersionClock(time);

        var first = clock.Next().Version;
        var second = clock.Next().Version;
        time.Now = LedgerTestData.Epoch.AddSeconds(-10);
        var third = clock.Next().Version;

        Assert.That(new[] { first, second, third }, Is.EqualTo(new[] { first, first + 1, first + 2 }));
    }

    [Test]
    public void Next_SubMillisecondClock_IssuedAtIsWholeMillisecondsAsOnTheWire()
    {
        var time = new FakeTimeProvider(LedgerTestData.Epoch.AddTicks(1234));
        var clock = new LedgerVersionClock(time);

        Assert.That(clock.Next().IssuedAt, Is.EqualTo(LedgerTestData.Epoch));
    }

    /// <summary>A clock that can go back, as a wall clock set by NTP can (FakeTimeProvider refuses to).</summary>
    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
