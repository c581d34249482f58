using Mesh.Core.Policy;
using Mesh.Core.Resources;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Core.Policy;

[TestFixture]
public sealed class PolicyTests
{
    private static readonly ResourceVector Capacity = new(4, 8L << 30, 1_000_000_000_000L, 1);
    private DirectoryInfo _dir = null!;

    [SetUp]
    public void CreateDir() => _dir = Directory.CreateTempSubdirectory("mesh-policy-");

    [TearDown]
    public void DeleteDir() => _dir.Delete(recursive: true);

    [Test]
    public void Static_Fig7_SurplusIsCapacityMinusReserve()
    {
        var policy = new StaticSurplusPolicy(new Earmark(ResourceSpec.Parse("cpu=1,mem=1GiB,disk=250GB"), ResourceShare.Empty));
        var decision = policy.Evaluate(Capacity, new ResourceVector(3.9, 7L << 30, 0, 0));
        Assert.That(decision.Surplus, Is.EqualTo(new ResourceVector(3, 7L << 30, 750_000_000_000L, 1)));
        Assert.That(policy.Description, Is.EqualTo("static (reserve cpu=1,mem=1GiB,disk=250GB)"));
    }

    [Test]
    public void Dynamic_OwnerUsesEverything_SurplusIsZeroNotNegative()
    {
        var time = new FakeTimeProvider();
        var policy = new DynamicSurplusPolicy(Earmark.None, new SurplusPolicyOptions(), time);
        var decision = policy.Evaluate(Capacity, new ResourceVector(16, 64L << 30, 0, 0));
        Assert.That(decision.Surplus.Cpu, Is.Zero);
        Assert.That(decision.Surplus.Memory, Is.Zero);
        Assert.That(decision.Reserved.FitsWithin(Capacity), Is.True);
    }

    [Test]
    public void Dynamic_IdleOwner_KeepsTheEarmarkAsAFloor()
    {
        var policy = new DynamicSurplusPolicy(new Earmark(ResourceSpec.Parse("cpu=2"), ResourceShare.Empty), new SurplusPolicyOptions(), new FakeTimeProvider());
        Assert.That(policy.Evaluate(Capacity, ResourceVector.Zero).Reserved.Cpu, Is.EqualTo(2));
    }

    [Test]
    public void Predictive_SurpriseSpike_IsHonouredOverALowForecast()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero));
        var policy = new PredictiveSurplusPolicy(Earmark.None, new SurplusPolicyOptions(), time, NullLogger.Instance);
        for (var i = 0; i < 48 * 60; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            policy.Evaluate(Capacity, new ResourceVector(0.1, 1L << 30, 0, 0));
        }

        SurplusDecision decision = default;
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            decision = policy.Evaluate(Capacity, new ResourceVector(3, 1L << 30, 0, 0));
        }

        Assert.That(decision.Reserved.Cpu, Is.GreaterThan(2.5));
    }

    [Test]
    public void Predictive_History_SurvivesARestart()
    {
        var path = Path.Combine(_dir.FullName, UsageHistoryStore.FileName);
        var options = new SurplusPolicyOptions { Kind = SurplusPolicyKind.Predictive, HistoryPath = path };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero));
        var first = new PredictiveSurplusPolicy(Earmark.None, options, time, NullLogger.Instance);
        for (var i = 0; i < 24 * 60; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            var hour = time.GetUtcNow().Hour;
            first.Evaluate(Capacity, new ResourceVector(hour is >= 9 and < 17 ? 3 : 0.2, 2L << 30, 0, 0));
        }

        first.SaveState();
        var second = new PredictiveSurplusPolicy(Earmark.None, options, time, NullLogger.Instance);
        var forecast = second.Forecaster.ForecastMax(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero), TimeSpan.Zero);

        Assert.That(File.Exists(path), Is.True);
        Assert.That(forecast?.Cpu, Is.EqualTo(3).Within(0.3));
    }

    [TestCase("{not json")]
    [TestCase("{\"version\":1,\"bucketMinutes\":15,\"cpu\":{\"level\":1,\"hasLevel\":true,\"profile\":[1,2],\"seen\":[1,1]}}")]
    [TestCase("{\"version\":99}")]
    [TestCase("[]")]
    [TestCase("")]
    public void Predictive_CorruptHistory_StartsAfreshWithoutThrowing(string content)
    {
        var path = Path.Combine(_dir.FullName, UsageHistoryStore.FileName);
        File.WriteAllText(path, content);
        var logger = new ListLogger();
        var policy = new PredictiveSurplusPolicy(Earmark.None, new SurplusPolicyOptions { HistoryPath = path }, new FakeTimeProvider(), logger);

        Assert.That(policy.Forecaster.ForecastMax(DateTimeOffset.UnixEpoch, TimeSpan.FromDays(1)), Is.Null);
        Assert.That(logger.Messages, Has.Some.Contains("Ignoring the usage history"));
        policy.SaveState();
        Assert.That(UsageHistoryStore.TryLoad(path, new UsageForecaster(new SurplusPolicyOptions(), TimeZoneInfo.Utc)), Is.Null, "saving repaired the file");
    }

    [Test]
    public void Options_Validate_NamesTheBadSetting()
    {
        Assert.That(() => new SurplusPolicyOptions { ProfileBucket = TimeSpan.FromMinutes(7) }.Validate(),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("ProfileBucket"));
        Assert.That(() => new SurplusPolicyOptions { Headroom = new ResourceVector(-1, 0, 0, 0) }.Validate(),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("Headroom"));
        Assert.That(() => new SurplusPolicyOptions { LevelSmoothing = 0 }.Validate(),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("LevelSmoothing"));
    }

    [Test]
    public void Create_EachKind_BuildsThatPolicy()
    {
        var time = new FakeTimeProvider();
        Assert.That(SurplusPolicies.Create(Earmark.None, new SurplusPolicyOptions(), time, NullLogger.Instance).Name, Is.EqualTo("static"));
        Assert.That(SurplusPolicies.Create(Earmark.None, new SurplusPolicyOptions { Kind = SurplusPolicyKind.Dynamic }, time, NullLogger.Instance).Name, Is.EqualTo("dynamic"));
        var predictive = SurplusPolicies.Create(Earmark.None, new SurplusPolicyOptions { Kind = SurplusPolicyKind.Predictive }, time, NullLogger.Instance);
        Assert.That(predictive.Description, Does.StartWith("predictive (daily profile in 15 min buckets, looking 15 min ahead"));
    }
}
