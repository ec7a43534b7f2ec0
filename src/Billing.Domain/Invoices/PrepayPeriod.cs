using Billing.Domain.Charging;
using Billing.Domain.Ledger;
using Billing.Domain.Periods;
using Billing.Domain.Utility;

namespace Billing.Domain.Invoices;

/// <summary>What the host knows of one account's ended billing period: who it is, its zone and currency, and its subscriptions' charges.</summary>
/// <remarks>The consumption and the approved corrections of the period are read from the prepaid stores by the close itself.</remarks>
public sealed record PrepayPeriod
{
    /// <summary>Initializes an account's period.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="accountName">The account's name, as the invoice shows it.</param>
    /// <param name="period">The billing period.</param>
    /// <param name="timeZone">The account's time zone: where its billing days start.</param>
    /// <param name="currency">The currency of the account's charges and balance.</param>
    /// <exception cref="ArgumentException">A text is empty, the currency is default, or the period is default (it holds no day).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="timeZone"/> is null.</exception>
    public PrepayPeriod(string accountId, string accountName, BillingPeriod period, AccountTimeZone timeZone, Currency currency)
    {
        AccountId = Preconditions.CheckId(accountId);
        AccountName = Preconditions.CheckId(accountName);
        Preconditions.CheckArgument(period.End > period.Start, nameof(period), "The period is default(BillingPeriod), which holds no day.");
        Period = period;
        TimeZone = Preconditions.CheckNotNull(timeZone);
        Currency = Preconditions.CheckInitialized(currency);
    }

    /// <summary>Gets the account.</summary>
    public string AccountId { get; }

    /// <summary>Gets the account's name.</summary>
    public string AccountName { get; }

    /// <summary>Gets the billing period.</summary>
    public BillingPeriod Period { get; }

    /// <summary>Gets the account's time zone.</summary>
    public AccountTimeZone TimeZone { get; }

    /// <summary>Gets the currency.</summary>
    public Currency Currency { get; }

    /// <summary>Gets the type of the account, which its invoice carries; <see cref="AccountType.Customer"/> unless set.</summary>
    public AccountType AccountType { get; init; }

    /// <summary>Gets the taxes on the usage lines, if the host charges any there; none by default (the top-ups carried them).</summary>
    public IReadOnlyList<TaxRate> UsageTaxes { get; init; } = [];

    /// <summary>Returns an account's period as its stored profile describes it: its name, type, time zone and currency.</summary>
    /// <param name="account">The account's ledger head.</param>
    /// <param name="period">The billing period.</param>
    /// <returns>The account's period, without usage taxes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is null.</exception>
    /// <exception cref="ArgumentException">The period is default (it holds no day).</exception>
    public static PrepayPeriod Of(PrepaidAccount account, BillingPeriod period)
    {
        Preconditions.CheckNotNull(account);
        return new PrepayPeriod(account.AccountId, account.Profile.Name, period, account.Profile.TimeZone, account.Currency) { AccountType = account.Profile.Type };
    }

    /// <summary>Gets the id the period's Prepay invoice gets: one account, one period (its start and end), one invoice.</summary>
    public string InvoiceId => $"prepay-{AccountId}-{Period.Start:uuuuMMdd}-{Period.End:uuuuMMdd}";
}
