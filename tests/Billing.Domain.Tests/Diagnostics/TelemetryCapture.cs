using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Billing.Domain.Diagnostics;

namespace Billing.Domain.Tests.Diagnostics;

/// <summary>Everything the library's meter measures and every activity it ends while the capture is open.</summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;

    public TelemetryCapture()
    {
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BillingTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((i, value, tags, _) => Keep(i, value, tags));
        _meters.SetMeasurementEventCallback<decimal>((i, value, tags, _) => Keep(i, value, tags));
        _meters.SetMeasurementEventCallback<double>((i, value, tags, _) => Keep(i, (decimal)value, tags));
        _meters.Start();
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BillingTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public ConcurrentQueue<Measurement> Measurements { get; } = new();

    public ConcurrentQueue<Activity> Spans { get; } = new();

    /// <summary>The measurements of an instrument with a tag of the given value.</summary>
    public IReadOnlyList<decimal> Of(string instrument, string tag, string value) =>
        [.. Measurements.Where(m => m.Instrument == instrument && m.Tags.TryGetValue(tag, out var v) && Equals(v, value)).Select(m => m.Value)];

    public void Dispose()
    {
        _meters.Dispose();
        _activities.Dispose();
    }

    private void Keep(Instrument instrument, decimal value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var kept = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            kept[tag.Key] = tag.Value;
        }

        Measurements.Enqueue(new Measurement(instrument.Name, value, kept));
    }

    internal sealed record Measurement(string Instrument, decimal Value, IReadOnlyDictionary<string, object?> Tags);
}

/// <summary>Tests that listen to the library's process-wide meter run alone, so no other test's measurements mix in.</summary>
[CollectionDefinition(TelemetryRunsAlone.Name, DisableParallelization = true)]
public sealed class TelemetryRunsAlone
{
    public const string Name = "Telemetry";
}
