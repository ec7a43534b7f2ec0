using Billing.Domain.Numbering;
using Billing.Domain.Storage;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Billing.Domain.Hosting;

/// <summary>Checks every setting of <see cref="BillingOptions"/>, each failure naming the setting by its configuration path.</summary>
internal sealed class BillingOptionsValidator(string section) : IValidateOptions<BillingOptions>
{
    public ValidateOptionsResult Validate(string? name, BillingOptions options)
    {
        var failures = Failures(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private IEnumerable<string> Failures(BillingOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.TimeZone) || DateTimeZoneProviders.Tzdb.GetZoneOrNull(options.TimeZone) is null)
        {
            yield return $"{section}:TimeZone: \"{options.TimeZone}\" is not a TZDB time zone id, such as \"UTC\" or \"Europe/Berlin\".";
        }

        foreach (var failure in SeriesFailures("InvoiceSeries", options.InvoiceSeries).Concat(SeriesFailures("ApplicationSeries", options.ApplicationSeries)))
        {
            yield return failure;
        }

        foreach (var failure in RetryFailures(options.Retry))
        {
            yield return failure;
        }

        if (EventFailure(options.Events) is { } eventFailure)
        {
            yield return eventFailure;
        }

        if (!Enum.IsDefined(options.TaxRounding))
        {
            yield return $"{section}:TaxRounding: {options.TaxRounding} is not PerLine or PerDocument.";
        }

        if (options.Currencies is null || options.Plans is null)
        {
            yield return $"{section}: Currencies and Plans need a value (CurrencyRegistry.Iso4217, PlanCatalog.Empty).";
        }
    }

    private string? EventFailure(EventOptions? events)
    {
        if (events is null)
        {
            return $"{section}:Events: the event settings need a value.";
        }

        try
        {
            _ = new Events.EventDeliveryPolicy(events.MaxAttempts, Duration.FromTimeSpan(events.FirstDelay), Duration.FromTimeSpan(events.MaxDelay));
            return null;
        }
        catch (ArgumentOutOfRangeException invalid)
        {
            var setting = invalid.ParamName switch { "maxAttempts" => "MaxAttempts", "firstDelay" => "FirstDelay", _ => "MaxDelay" };
            return $"{section}:Events:{setting}: {invalid.ActualValue} is out of range: {invalid.Message.Split(" (Parameter", 2)[0]}";
        }
    }

    private IEnumerable<string> SeriesFailures(string setting, NumberSeriesOptions? series)
    {
        if (series is null)
        {
            yield return $"{section}:{setting}: a number series needs a Name and a Format.";
            yield break;
        }

        string? failure = null;
        try
        {
            _ = new NumberSeries(series.Name, series.Format);
        }
        catch (ArgumentException invalid)
        {
            failure = $"{section}:{setting}:{(invalid.ParamName == "name" ? "Name" : "Format")}: {invalid.Message}";
        }

        if (failure is not null)
        {
            yield return failure;
        }
    }

    private IEnumerable<string> RetryFailures(RetryOptions? retry)
    {
        if (retry is null)
        {
            yield return $"{section}:Retry: needs MaxAttempts, BaseDelay and MaxDelay.";
            yield break;
        }

        if (retry.MaxAttempts is < 1 or > ConflictRetryPolicy.MaxAttemptsLimit)
        {
            yield return $"{section}:Retry:MaxAttempts: {retry.MaxAttempts} is not between 1 and {ConflictRetryPolicy.MaxAttemptsLimit}.";
        }

        if (retry.BaseDelay < TimeSpan.Zero || retry.BaseDelay > retry.MaxDelay)
        {
            yield return $"{section}:Retry:BaseDelay: {retry.BaseDelay} is not between zero and MaxDelay ({retry.MaxDelay}).";
        }

        if (retry.MaxDelay > ConflictRetryPolicy.MaxBackoff)
        {
            yield return $"{section}:Retry:MaxDelay: {retry.MaxDelay} is longer than {ConflictRetryPolicy.MaxBackoff}.";
        }
    }
}
