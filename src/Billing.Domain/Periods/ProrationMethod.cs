namespace Billing.Domain.Periods;

/// <summary>How the share of a billing period that a part of it covers is measured.</summary>
public enum ProrationMethod
{
    /// <summary>By calendar days: 10 days of a 31-day period are 10/31 of it.</summary>
    ActualDays,

    /// <summary>
    /// By months, the "Duration: the covered period in months" of an invoice line: whole months counted from
    /// the part's start on its billing day, plus the days left as a fraction of the month they fall in
    /// (see <see cref="Proration.DurationInMonths(BillingPeriod)"/>).
    /// </summary>
    Months,
}
