using Mesh.Core.Policy;
using Mesh.Core.Resources;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Tests.Core.Policy;

/// <summary>The policies replayed over recorded owner-usage traces (Traces/*.csv).</summary>
[TestFixture]
public sealed class PolicyTraceTests
{
    private static readonly ResourceVector Capacity = new(4, 16L << 30, 1_000_000_000_000L, 0);
    private static readonly Earmark Reserve = new(ResourceSpec.Parse("cpu=1,mem=4GiB"), ResourceShare.Empty);

    [Test]
    public void Predictive_OfficeDays_ReservesAheadOfTheMorningRamp()
    {
        var trace = UsageTrace.Load("office-days.csv");
        var time = new FakeTimeProvider(trace.Rows[0].Time);
        var predictive = new PredictiveSurplusPolicy(Reserve, new SurplusPolicyOptions { Kind = SurplusPolicyKind.Predictive }, time, NullLogger.Instance);
        var dynamic = new DynamicSurplusPolicy(Reserve, new SurplusPolicyOptions { Kind = SurplusPolicyKind.Dynamic }, time);
        var staticBaseline = new StaticSurplusPolicy(Reserve).Evaluate(Capacity, ResourceVector.Zero);
        var at = new DateTimeOffset(2026, 3, 4, 8, 55, 0, TimeSpan.Zero);

        SurplusDecision predicted = default;
        SurplusDecision followed = default;
        ResourceVector usageThen = default;
        foreach (var (when, usage) in trace.Rows.TakeWhile(row => row.Time <= at))
        {
            time.SetUtcNow(when);
            predicted = predictive.Evaluate(Capacity, usage);
            followed = dynamic.Evaluate(Capacity, usage);
            usageThen = usage;
        }

        var forecast = predictive.Forecaster.ForecastMax(at, TimeSpan.FromMinutes(15));
        Assert.Multiple(() =>
        {
            Assert.That(usageThen.Cpu, Is.LessThan(1), "at 08:55 the owner is not busy yet");
            Assert.That(forecast?.Cpu, Is.GreaterThan(staticBaseline.Reserved.Cpu), "the forecast sees the ramp coming");
            Assert.That(predicted.Reserved.Cpu, Is.GreaterThan(staticBaseline.Reserved.Cpu));
            Assert.That(predicted.Reserved.Cpu, Is.GreaterThan(followed.Reserved.Cpu), "dynamic only follows what it measured");
            Assert.That(predicted.Reserved.Memory, Is.GreaterThan(staticBaseline.Reserved.Memory));
            Assert.That(predicted.Surplus.Cpu, Is.GreaterThanOrEqualTo(0));
        });
    }

    [Test]
    public void Predictive_OfficeDays_NightReservationStaysNearTheEarmark()
    {
        var trace = UsageTrace.Load("office-days.csv");
        var time = new FakeTimeProvider(trace.Rows[0].Time);
        var predictive = new PredictiveSurplusPolicy(Reserve, new SurplusPolicyOptions { Kind = SurplusPolicyKind.Predictive }, time, NullLogger.Instance);
        var at = new DateTimeOffset(2026, 3, 4, 3, 0, 0, TimeSpan.Zero);
        SurplusDecision decision = default;
        foreach (var (when, usage) in trace.Rows.TakeWhile(row => row.Time <= at))
        {
            time.SetUtcNow(when);
            decision = predictive.Evaluate(Capacity, usage);
        }

        Assert.That(decision.Reserved.Cpu, Is.InRange(1, 1.5), "at 03:00 the owner is idle and nothing is coming");
        Assert.That(decision.Surplus.Cpu, Is.GreaterThanOrEqualTo(2.5));
    }

    [Test]
    public void Dynamic_OfficeDays_PublishesFarFewerChangesThanSamples()
    {
        // The node samples every 2 s; the trace has a row a minute, so usage moves linearly between rows.
        var trace = UsageTrace.Load("office-days.csv");
        var time = new FakeTimeProvider(trace.Rows[0].Time);
        var dynamic = new DynamicSurplusPolicy(Reserve, new SurplusPolicyOptions { Kind = SurplusPolicyKind.Dynamic }, time);
        var samples = 0;
        for (var row = 1; row < trace.Rows.Count; row++)
        {
            var (from, before) = trace.Rows[row - 1];
            var (to, after) = trace.Rows[row];
            for (var at = from + TimeSpan.FromSeconds(2); at <= to; at += TimeSpan.FromSeconds(2))
            {
                var f = (at - from) / (to - from);
                time.SetUtcNow(at);
                var usage = new ResourceVector(before.Cpu + ((after.Cpu - before.Cpu) * f), before.Memory + (long)((after.Memory - before.Memory) * f), 0, 0);
                var decision = dynamic.Evaluate(Capacity, usage);
                Assert.That(decision.Surplus.Cpu, Is.GreaterThanOrEqualTo(0));
                samples++;
            }
        }

        // About 130 000 samples over three days with noise and spikes; the real moves are a few ramps a day.
        TestContext.Out.WriteLine($"{dynamic.PublishedChanges} changes in {samples} samples");
        Assert.That(dynamic.PublishedChanges, Is.LessThan(3 * 24 * 6), "fewer than one change every 10 minutes on average");
    }

    [Test]
    public void Dynamic_NoiseAroundAConstantLoad_DoesNotFlap()
    {
        var start = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        var dynamic = new DynamicSurplusPolicy(Reserve, new SurplusPolicyOptions { Kind = SurplusPolicyKind.Dynamic }, time);
        var random = new Random(3);

        // One hour at the node's 2 s interval: 1800 samples of 1.5 cores +- 0.3 (gaussian) and 6 GiB +- 100 MiB.
        for (var i = 0; i < 1800; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            var noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            dynamic.Evaluate(Capacity, new ResourceVector(Math.Max(0, 1.5 + (0.3 * noise)), (6L << 30) + (long)(noise * (100 << 20)), 0, 0));
        }

        Assert.That(dynamic.PublishedChanges, Is.LessThanOrEqualTo(30), "at most one small republication every other hold time");
    }

    [Test]
    public void Dynamic_RecordedHostTrace_DoesNotFlap()
    {
        var trace = UsageTrace.Load("recorded-host.csv");
        var time = new FakeTimeProvider(trace.Rows[0].Time);
        var options = new SurplusPolicyOptions { Kind = SurplusPolicyKind.Dynamic };
        var dynamic = new DynamicSurplusPolicy(Reserve, options, time);
        foreach (var (when, usage) in trace.Rows)
        {
            time.SetUtcNow(when);
            dynamic.Evaluate(new ResourceVector(2, 24L << 30, 0, 0), usage);
        }

        var duration = trace.Rows[^1].Time - trace.Rows[0].Time;
        Assert.That(trace.Rows, Has.Count.GreaterThanOrEqualTo(120), "a few minutes at 1 s");
        Assert.That(dynamic.PublishedChanges, Is.LessThanOrEqualTo((int)(duration / options.HoldTime) + 10));
    }

    [Test]
    public void Dynamic_OwnerStartsHeavyWork_ReservationRisesWithinSeconds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var dynamic = new DynamicSurplusPolicy(Reserve, new SurplusPolicyOptions { Kind = SurplusPolicyKind.Dynamic }, time);
        for (var i = 0; i < 30; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            dynamic.Evaluate(Capacity, new ResourceVector(0.2, 2L << 30, 0, 0));
        }

        SurplusDecision decision = default;
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            decision = dynamic.Evaluate(Capacity, new ResourceVector(3.5, 10L << 30, 0, 0));
        }

        Assert.That(decision.Reserved.Cpu, Is.GreaterThan(3), "10 s after the owner took 3.5 cores");
        Assert.That(decision.Surplus.Cpu, Is.LessThan(1));
        Assert.That(decision.Surplus.Cpu, Is.GreaterThanOrEqualTo(0));
    }
}
