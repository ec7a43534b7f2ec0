using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Ledger;

/// <summary>
/// The head of an account's prepaid ledger: who the account is (<see cref="Profile"/>), its currency, credit limit,
/// and the balance and count of the entries written so far. Immutable: <see cref="Post"/> returns the next head with the entry it appends.
/// </summary>
/// <remarks>
/// The balance is the running sum of the entries, advanced only by <see cref="Post"/>, and stores write the head
/// and its new entry in one atomic commit, so it always equals the sum of the stored entries.
/// </remarks>
public sealed record PrepaidAccount
{
    private PrepaidAccount(string accountId, AccountProfile profile, Currency currency, Money creditLimit, Instant openedAt)
    {
        AccountId = accountId;
        Profile = profile;
        Currency = currency;
        CreditLimit = creditLimit;
        Balance = new Money(0m, currency);
        OpenedAt = openedAt;
        var zero = new Money(0m, currency);
        Invoicing = new InvoicingTotals(zero, zero, zero, zero);
    }

    /// <summary>Gets the account's id.</summary>
    public string AccountId { get; }

    /// <summary>Gets who the account is: display name, type and time zone.</summary>
    public AccountProfile Profile { get; private init; }

    /// <summary>Gets the currency of the balance.</summary>
    public Currency Currency { get; }

    /// <summary>Gets how far below zero the balance may go; 0 by default: it never goes negative.</summary>
    public Money CreditLimit { get; private init; }

    /// <summary>Gets the balance: the sum of the entries.</summary>
    public Money Balance { get; private init; }

    /// <summary>Gets the totals invoice applications draw on (seed 002): recharged, refunded, held, invoiced, invoiceable.</summary>
    public InvoicingTotals Invoicing { get; private init; }

    /// <summary>Gets the number of entries, which is also the last entry's sequence.</summary>
    public long EntryCount { get; private init; }

    /// <summary>
    /// Gets the end of the last Prepay period closed for the account (the instant its invoice's period ends), or null.
    /// Activity recorded after that is booked no earlier than it (<see cref="BookingFor"/>), so a closed invoice never
    /// misses what it should have said: late activity lands on the open period's invoice, its own date kept.
    /// </summary>
    public Instant? ClosedThrough { get; private init; }

    /// <summary>Gets when the ledger was opened.</summary>
    public Instant OpenedAt { get; }

    /// <summary>Gets the stored version: 0 until first saved; stores check and advance it on every write.</summary>
    public long Version { get; init; }

    /// <summary>Gets how much can still be spent: balance plus credit limit.</summary>
    public Money Available => Balance + CreditLimit;

    /// <summary>Opens an empty ledger.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="currency">The currency of the balance.</param>
    /// <param name="openedAt">When.</param>
    /// <param name="creditLimit">How far below zero the balance may go; 0 or more, in minor units; 0 when null.</param>
    /// <param name="profile">Who the account is; <see cref="AccountProfile.DefaultFor"/> its id when null.</param>
    /// <returns>The empty ledger head, version 0.</returns>
    /// <exception cref="ArgumentException">The id is empty, or the currency is default, or the limit is in another currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit is negative or above <see cref="Money.MaxAmount"/>.</exception>
    /// <exception cref="AmountNotRoundedException">The limit has more decimals than the currency's minor units.</exception>
    public static PrepaidAccount Open(string accountId, Currency currency, Instant openedAt, Money? creditLimit = null, AccountProfile? profile = null)
    {
        var account = new PrepaidAccount(
            Preconditions.CheckId(accountId), profile ?? AccountProfile.DefaultFor(accountId), currency, new Money(0m, currency), openedAt);   // Money refuses a default currency
        return creditLimit is { } limit ? account.WithCreditLimit(limit) : account;
    }

    /// <summary>Returns the instant activity that happened at <paramref name="at"/> is booked at: <paramref name="at"/> itself, or the end of the last closed period when that is later.</summary>
    /// <param name="at">When the call occurred or the correction was approved.</param>
    /// <returns>The instant its invoice is chosen by.</returns>
    // Stryker disable once Equality : when the two are equal either is the answer (equivalent)
    public Instant BookingFor(Instant at) => ClosedThrough is { } closed && closed > at ? closed : at;

    /// <summary>Marks the account's periods closed up to <paramref name="end"/> (never back): later activity is booked from there on.</summary>
    /// <param name="end">The end of the period closed.</param>
    /// <returns>The head, closed through the later of <paramref name="end"/> and what it was closed through.</returns>
    public PrepaidAccount CloseThrough(Instant end) => ClosedThrough is { } closed && closed >= end ? this : this with { ClosedThrough = end };

    /// <summary>Returns whether a debit of <paramref name="amount"/> keeps the balance within the credit limit.</summary>
    /// <param name="amount">The debit, 0 or more, in the ledger's currency.</param>
    /// <returns>True when balance − amount ≥ −credit limit.</returns>
    /// <exception cref="CurrencyMismatchException">The amount is in another currency.</exception>
    public bool CanDebit(Money amount) => amount <= Available;

    /// <summary>Replaces who the account is: its name, type or time zone.</summary>
    /// <param name="profile">The new profile.</param>
    /// <returns>The head with the new profile.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    public PrepaidAccount WithProfile(AccountProfile profile) =>
        Preconditions.CheckNotNull(profile) == Profile ? this : this with { Profile = profile };

    /// <summary>Sets the credit limit.</summary>
    /// <param name="creditLimit">0 or more, in minor units of the ledger's currency.</param>
    /// <returns>The head with the new limit.</returns>
    /// <exception cref="ArgumentException">The limit is in another currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit is negative or above <see cref="Money.MaxAmount"/>.</exception>
    /// <exception cref="AmountNotRoundedException">The limit has more decimals than the currency's minor units.</exception>
    public PrepaidAccount WithCreditLimit(Money creditLimit)
    {
        Preconditions.CheckAmount(creditLimit);
        Preconditions.CheckArgument(creditLimit.Currency == Currency, nameof(creditLimit), $"The credit limit is in {creditLimit.Currency.Code}, the ledger in {Currency.Code}.");
        if (creditLimit.Amount < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(creditLimit), creditLimit, "A credit limit is 0 or more.");
        }

        return creditLimit.IsInMinorUnits ? this with { CreditLimit = creditLimit } : throw new AmountNotRoundedException(creditLimit);
    }

    /// <summary>Appends an entry; the caller checks the credit limit where the rule applies (<see cref="CanDebit"/>).</summary>
    /// <param name="kind">Why the balance moves.</param>
    /// <param name="amount">The signed amount, in the ledger's currency; it may carry more decimals than the minor units (a call's exact cost).</param>
    /// <param name="idempotencyKey">The command's key, unique per account.</param>
    /// <param name="recordedAt">When.</param>
    /// <param name="reference">The order, request or correction id.</param>
    /// <param name="description">A line for statements.</param>
    /// <returns>The next head and the entry to store with it.</returns>
    /// <exception cref="CurrencyMismatchException">The amount is in another currency.</exception>
    /// <exception cref="ArgumentException">A text is empty.</exception>
    public (PrepaidAccount Account, LedgerEntry Entry) Post(LedgerEntryKind kind, Money amount, string idempotencyKey, Instant recordedAt, string reference, string description)
    {
        var balance = Balance + amount;
        var entry = new LedgerEntry(
            AccountId, EntryCount + 1, kind, amount, Preconditions.CheckText(idempotencyKey), recordedAt, Preconditions.CheckText(reference), Preconditions.CheckText(description));
        var invoicing = kind switch
        {
            LedgerEntryKind.TopUpCredit => Invoicing with { Recharged = Invoicing.Recharged + amount },
            LedgerEntryKind.Refund or LedgerEntryKind.RefundReversal => Invoicing with { Refunded = Invoicing.Refunded - amount },
            _ => Invoicing,
        };
        return (this with { Balance = balance, EntryCount = entry.Sequence, Invoicing = invoicing }, entry);
    }

    /// <summary>
    /// Rebuilds a ledger head from the fields a storage adapter stored (each property of the same name): what an adapter
    /// of a host's own (EF Core, Dapper, a document store) calls on every read. The fields are checked as
    /// <see cref="Open"/> checks them and for consistency with each other; the history that led to them is the store's.
    /// </summary>
    /// <param name="accountId">The account's id.</param>
    /// <param name="profile">Who the account is.</param>
    /// <param name="currency">The currency of the balance.</param>
    /// <param name="creditLimit">The credit limit: 0 or more, in minor units of <paramref name="currency"/>.</param>
    /// <param name="balance">The balance, in <paramref name="currency"/>, with every decimal it was stored with.</param>
    /// <param name="entryCount">The number of entries written, 0 or more.</param>
    /// <param name="openedAt">When the ledger was opened.</param>
    /// <param name="invoicing">The invoicing totals, in <paramref name="currency"/>.</param>
    /// <param name="closedThrough">The end of the last Prepay period closed, or null.</param>
    /// <param name="version">The stored version, 1 or more.</param>
    /// <returns>The ledger head, equal to the one that was saved.</returns>
    /// <exception cref="ArgumentException">An id is empty, the currency is default, or an amount is in another currency.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="accountId"/> or <paramref name="profile"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The credit limit is negative, or the entry count or version is out of range.</exception>
    /// <exception cref="AmountNotRoundedException">The credit limit has more decimals than the currency's minor units.</exception>
    public static PrepaidAccount Restore(
        string accountId, AccountProfile profile, Currency currency, Money creditLimit, Money balance, long entryCount, Instant openedAt, InvoicingTotals invoicing,
        Instant? closedThrough, long version)
    {
        var opened = Open(accountId, currency, openedAt, creditLimit, Preconditions.CheckNotNull(profile));
        Preconditions.CheckCurrency(balance, currency);
        foreach (var total in new[] { invoicing.Recharged, invoicing.Refunded, invoicing.Held, invoicing.Invoiced })
        {
            Preconditions.CheckCurrency(total, currency, nameof(invoicing));
        }

        return opened with
        {
            Balance = balance,
            EntryCount = entryCount >= 0 ? entryCount : throw new ArgumentOutOfRangeException(nameof(entryCount), entryCount, "An entry count is 0 or more."),
            Invoicing = invoicing,
            ClosedThrough = closedThrough,
            Version = Preconditions.CheckStoredVersion(version),
        };
    }

    /// <summary>Throws <see cref="CurrencyMismatchException"/> unless <paramref name="amount"/> is in the ledger's currency.</summary>
    internal void CheckCurrency(Money amount)
    {
        if (amount.Currency != Currency)
        {
            throw new CurrencyMismatchException(Currency, amount.Currency);
        }
    }

    /// <summary>Holds an amount for a new invoice application; the caller checked it is at most the invoiceable amount.</summary>
    internal PrepaidAccount Hold(Money amount) => this with { Invoicing = Invoicing with { Held = Invoicing.Held + amount } };

    /// <summary>Releases the hold of a rejected application.</summary>
    internal PrepaidAccount Release(Money amount) => this with { Invoicing = Invoicing with { Held = Invoicing.Held - amount } };

    /// <summary>Moves an issued application's hold to the invoiced amount.</summary>
    internal PrepaidAccount MarkInvoiced(Money amount) =>
        this with { Invoicing = Invoicing with { Held = Invoicing.Held - amount, Invoiced = Invoicing.Invoiced + amount } };
}
