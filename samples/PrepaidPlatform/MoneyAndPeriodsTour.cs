using System.Globalization;
using Billing.Domain;
using Billing.Domain.Periods;
using NodaTime;

namespace PrepaidPlatform;

/// <summary>Walks through money, rounding, allocation, billing cycles and proration as a prepaid platform uses them.</summary>
public static class MoneyAndPeriodsTour
{
    /// <summary>Runs the tour, writing what it does to <paramref name="output"/>.</summary>
    /// <param name="output">Where to write, such as the console.</param>
    public static void Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var usd = Currency.FromCode("USD");
        var credits = Currency.Custom("CREDIT", 4);
        var registry = CurrencyRegistry.Iso4217.With(credits);

        output.WriteLine("== Money");
        var topUp = Money.Parse("100.00 USD", CultureInfo.InvariantCulture);
        var fee = new Money(2.9m, usd);
        output.WriteLine($"Top-up {topUp}, card fee {fee}, credited {topUp - fee}");
        output.WriteLine($"Formatted for de-DE: {new Money(1234567.5m, usd).ToString("N", CultureInfo.GetCultureInfo("de-DE"))}");
        output.WriteLine($"A host currency: {Money.Parse("2500.5 CREDIT", CultureInfo.InvariantCulture, registry)}");

        output.WriteLine("== Rounding: applied only where called");
        var perCall = new Money(0.000125m, usd) * 3_333m;
        output.WriteLine($"3333 calls at 0.000125 USD = {perCall} unrounded; bankers {perCall.Round(RoundingPolicy.Bankers)}; commercial {perCall.Round(RoundingPolicy.Commercial)}");

        output.WriteLine("== Allocation: never loses a cent");
        output.WriteLine($"100.00 USD split 3 ways: {string.Join(", ", topUp.Split(3))}");
        output.WriteLine($"100.00 USD by 1:2:4: {string.Join(", ", topUp.Allocate(1m, 2m, 4m))}");

        output.WriteLine("== Billing cycle anchored on day 31: never drifts");
        var cycle = new BillingCycle(BillingInterval.Monthly, 31, new YearMonth(2028, 1));
        for (var n = 0; n < 4; n++)
        {
            var period = cycle.PeriodAt(n);
            output.WriteLine($"Period {n}: {period}, {period.Days} days");
        }

        output.WriteLine("== Proration of a 90.00 USD quarterly plan started on 2026-01-20");
        var quarter = new BillingCycle(BillingInterval.Quarterly, 1, new YearMonth(2026, 1)).PeriodAt(0);
        var covered = new BillingPeriod(new LocalDate(2026, 1, 20), quarter.End);
        var price = new Money(90m, usd);
        foreach (var method in new[] { ProrationMethod.ActualDays, ProrationMethod.Months })
        {
            var factor = Proration.Factor(covered, quarter, method);
            output.WriteLine($"{method}: {covered} is {factor} of {quarter}: {factor.Apply(price, RoundingPolicy.Commercial)}");
        }

        var parts = Proration.Split(price, [new BillingPeriod(quarter.Start, covered.Start), covered], ProrationMethod.ActualDays);
        output.WriteLine($"Split across the two parts: {string.Join(" + ", parts)} = {Money.Sum(parts, usd)}");
        output.WriteLine($"Duration of {covered} in months: {Proration.DurationInMonths(covered).ToDecimal(3).ToString(CultureInfo.InvariantCulture)}");

        output.WriteLine("== Billing days in the account's time zone");
        var tokyo = new AccountTimeZone(DateTimeZoneProviders.Tzdb["Asia/Tokyo"]);
        var callAt = Instant.FromUtc(2026, 1, 31, 20, 0);
        output.WriteLine($"A call at {callAt} is billed on {tokyo.BillingDayOf(callAt):uuuu-MM-dd} in {tokyo}");
    }
}
