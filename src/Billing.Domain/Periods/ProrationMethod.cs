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

    /// <summary>
    /// By days with every month counted as 30, as Kill Bill does with <c>org.killbill.invoice.proration.fixed.days=30</c>
    /// (its <c>prorationFixedDays</c>): a part within one month counts its calendar days; a part that ends in the next
    /// month counts its calendar days less (the last day of its first month − 30), and each further month counts 30
    /// (Kill Bill prorates within one month only). So [05-23, 06-15) counts 22 days, [02-23, 03-15) of 2023 counts 22
    /// too, a month from the 1st to the 1st counts 30 in every month, and a 31st counts as the next month's 1st (no days).
    /// </summary>
    ThirtyDayMonths,
}
