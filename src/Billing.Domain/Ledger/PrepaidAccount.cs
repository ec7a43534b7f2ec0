using Billing.Domain.Grants;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Ledger;

/// <summary>
/// The head of an account's prepaid ledger: who the account is (<see cref="Profile"/>), its currency, credit limit,
/// and the balance and count of the entries written so far. Immutable: <see cref="Post"/> returns the next head with the entry it appends.
/// </summary>
/// <remarks>
/// The balance is the running sum of the entries, advanced only by <see cref="Post"/>, and stores write the head
/// and its new entry in one atomic commit, so it always equals the sum of the stored entries. The balance is also
/// the sum of the <see cref="Grants"/>' remainders plus <see cref="Uncovered"/> (0, or the part spent on credit
/// beyond every grant): every credit opens a grant, every debit draws from the grants in their spending order.
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

    /// <summary>
    /// Gets the grants still on the books, in spending order (<see cref="GrantTerms"/>): each with something left,
    /// including one not yet effective and one expired whose expiry entry is not written yet (<see cref="ExpiringAt"/>).
    /// A grant spent to zero leaves the list; its entries keep its history.
    /// </summary>
    public IReadOnlyList<CreditGrant> Grants { get; private init; } = [];

    /// <summary>Gets the part of the balance no grant holds: 0, or below 0 when spending went beyond the grants on the credit limit. The next credit pays it off first.</summary>
    public Money Uncovered => Grants.Aggregate(Balance, (rest, g) => rest - g.Remaining);

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

    /// <summary>Gets the balance below which a debit raises <see cref="Events.BalanceBelowThreshold"/> (once per crossing: a credit that lifts the balance to it or above arms it again), or null.</summary>
    public Money? LowBalanceThreshold { get; private init; }

    /// <summary>Gets the account's automatic top-up, or null: a debit that takes the balance below its threshold raises <see cref="Events.AutoTopUpDue"/>, which <see cref="TopUps.AutoTopUpService"/> acts on.</summary>
    public TopUps.AutoTopUp? AutoTopUp { get; private init; }

    /// <summary>Gets when the ledger was opened.</summary>
    public Instant OpenedAt { get; }

    /// <summary>Gets the stored version: 0 until first saved; stores check and advance it on every write.</summary>
    public long Version { get; init; }

    /// <summary>Gets balance plus credit limit: what could be spent if every grant on the books were spendable (<see cref="AvailableAt"/> counts only those that are).</summary>
    public Money Available => Balance + CreditLimit;

    /// <summary>Returns how much can be spent at <paramref name="at"/>: the remainders of the grants spendable then, plus <see cref="Uncovered"/>, plus the credit limit.</summary>
    /// <param name="at">The instant of the spending.</param>
    /// <returns>The amount a debit at that instant may take.</returns>
    public Money AvailableAt(Instant at) =>
        Grants.Aggregate(Uncovered + CreditLimit, (sum, g) => g.Terms.IsSpendableAt(at) ? sum + g.Remaining : sum);

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

    /// <summary>Returns whether a debit of <paramref name="amount"/> at <paramref name="at"/> stays within what is spendable then and the credit limit.</summary>
    /// <param name="amount">The debit, 0 or more, in the ledger's currency.</param>
    /// <param name="at">The instant of the debit: grants not effective or expired then are not spendable.</param>
    /// <returns>True when amount ≤ <see cref="AvailableAt"/>.</returns>
    /// <exception cref="CurrencyMismatchException">The amount is in another currency.</exception>
    public bool CanDebit(Money amount, Instant at) => amount <= AvailableAt(at);

    /// <summary>Returns the grants whose expiry has come by <paramref name="at"/> and whose remainder is still on the books: what <see cref="Grants.CreditGrantService.ExpireAsync"/> removes.</summary>
    /// <param name="at">The instant.</param>
    /// <returns>The grants, in spending order.</returns>
    public IReadOnlyList<CreditGrant> ExpiringAt(Instant at) => [.. Grants.Where(g => g.Terms.HasExpiredAt(at))];

    /// <summary>Replaces who the account is: its name, type or time zone.</summary>
    /// <param name="profile">The new profile.</param>
    /// <returns>The head with the new profile.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    public PrepaidAccount WithProfile(AccountProfile profile) =>
        Preconditions.CheckNotNull(profile) == Profile ? this : this with { Profile = profile };

    /// <summary>Sets or clears the low-balance threshold.</summary>
    /// <param name="threshold">The balance below which a debit raises an alert, in the ledger's currency and its minor units; null for none.</param>
    /// <returns>The head with the threshold.</returns>
    /// <exception cref="CurrencyMismatchException">The threshold is in another currency.</exception>
    /// <exception cref="AmountNotRoundedException">The threshold has more decimals than the currency's minor units.</exception>
    public PrepaidAccount WithLowBalanceThreshold(Money? threshold)
    {
        if (threshold is { } t)
        {
            CheckCurrency(Preconditions.CheckMinorUnits(t, nameof(threshold)));
        }

        return threshold == LowBalanceThreshold ? this : this with { LowBalanceThreshold = threshold };
    }

    /// <summary>Sets or clears the automatic top-up.</summary>
    /// <param name="autoTopUp">The automatic top-up, its credit in the ledger's currency; null for none.</param>
    /// <returns>The head with it.</returns>
    /// <exception cref="CurrencyMismatchException">Its credit is in another currency.</exception>
    public PrepaidAccount WithAutoTopUp(TopUps.AutoTopUp? autoTopUp)
    {
        if (autoTopUp is not null)
        {
            CheckCurrency(autoTopUp.Amount);
        }

        return autoTopUp == AutoTopUp ? this : this with { AutoTopUp = autoTopUp };
    }

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

    /// <summary>
    /// Appends an entry; the caller checks the credit limit where the rule applies (<see cref="CanDebit"/>). A credit
    /// opens a grant (its id the entry's idempotency key) on <paramref name="grant"/>'s terms, or on the kind's: paid
    /// credit for a top-up, goodwill for a correction; it first pays off what is <see cref="Uncovered"/> when it is
    /// effective. A debit draws from the grants spendable at <paramref name="recordedAt"/> in spending order, the rest
    /// on credit. <see cref="LedgerEntry.GrantMovements"/> says which grants moved, by how much.
    /// </summary>
    /// <param name="kind">Why the balance moves; not <see cref="LedgerEntryKind.GrantExpiry"/> (<see cref="Expire"/>).</param>
    /// <param name="amount">The signed amount, in the ledger's currency; it may carry more decimals than the minor units (a call's exact cost).</param>
    /// <param name="idempotencyKey">The command's key, unique per account.</param>
    /// <param name="recordedAt">When.</param>
    /// <param name="reference">The order, request or correction id.</param>
    /// <param name="description">A line for statements.</param>
    /// <param name="grant">The terms of the grant a credit opens, or null for the kind's; paid credit only for a top-up or a declined refund, any other only for another kind.</param>
    /// <returns>The next head and the entry to store with it.</returns>
    /// <exception cref="CurrencyMismatchException">The amount is in another currency.</exception>
    /// <exception cref="ArgumentException">A text is empty, the kind is an expiry, terms come with a debit, paid terms with a kind that is not paid for (or the reverse), or the terms expire by <paramref name="recordedAt"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not defined.</exception>
    public (PrepaidAccount Account, LedgerEntry Entry) Post(
        LedgerEntryKind kind, Money amount, string idempotencyKey, Instant recordedAt, string reference, string description, GrantTerms? grant = null)
    {
        Preconditions.CheckArgument(Preconditions.CheckDefined(kind) != LedgerEntryKind.GrantExpiry, nameof(kind), "An expiry is written by Expire.");
        Preconditions.CheckArgument(grant is null || amount.Amount > 0m, nameof(grant), "Only a credit opens a grant.");
        CheckCurrency(amount);
        if (amount.Amount > 0m)
        {
            var terms = grant ?? (IsPaid(kind) ? GrantTerms.PaidAt(OpenedAt) : new GrantTerms(CreditSource.Goodwill, OpenedAt));
            Preconditions.CheckArgument(
                (terms.Source == CreditSource.Paid) == IsPaid(kind), nameof(grant), $"Paid credit comes from a top-up or a declined refund, and only it: {kind} credit is {terms.Source}.");
            Preconditions.CheckArgument(!terms.HasExpiredAt(recordedAt), nameof(grant), $"The grant expires at {terms.ExpiresAt}, not after it is made ({recordedAt}).");
            return OpenGrant(kind, amount, idempotencyKey, recordedAt, reference, description, terms);
        }

        return Draw(kind, amount, idempotencyKey, recordedAt, reference, description, first: null, paidOnly: false);
    }

    /// <summary>Returns whether a credit of <paramref name="kind"/> is paid for: a top-up, or the credit of a refund the gateway declined.</summary>
    private static bool IsPaid(LedgerEntryKind kind) => kind is LedgerEntryKind.TopUpCredit or LedgerEntryKind.RefundReversal;

    /// <summary>
    /// Appends the refund of a top-up's credit: drawn from the order's own grant first, then from other paid grants in
    /// spending order, never from credit that was not paid for; the rest on credit.
    /// </summary>
    internal (PrepaidAccount Account, LedgerEntry Entry) PostRefund(Money amount, string idempotencyKey, Instant recordedAt, string reference, string description, string orderGrantId) =>
        Draw(LedgerEntryKind.Refund, -amount, Preconditions.CheckText(idempotencyKey), recordedAt, reference, description, orderGrantId, paidOnly: true);

    /// <summary>Returns what a refund at <paramref name="at"/> can take: the spendable paid grants' remainders, plus <see cref="Uncovered"/>, plus the credit limit.</summary>
    internal Money RefundableAt(Instant at) =>
        Grants.Aggregate(Uncovered + CreditLimit, (sum, g) => g.Terms.Source == CreditSource.Paid && g.Terms.IsSpendableAt(at) ? sum + g.Remaining : sum);

    /// <summary>
    /// Appends a give-back (a credit) that undoes part or all of an earlier debit: it first pays off what is
    /// <see cref="Uncovered"/>, then goes back to the grants the debit drew from, the last drawn first, each up to what
    /// was drawn from it and never above what it was granted; a grant no longer on the books is opened again on its own
    /// terms (<paramref name="openings"/>: the entries that opened them, by grant id; paid terms when the entry is not
    /// there); what is left (more than was drawn) opens a goodwill grant. Credit given back to a grant that has expired
    /// expires with it.
    /// </summary>
    internal (PrepaidAccount Account, LedgerEntry Entry) GiveBack(
        LedgerEntryKind kind, Money amount, string idempotencyKey, Instant recordedAt, string reference, string description,
        IReadOnlyList<GrantMovement> drawn, IReadOnlyDictionary<string, LedgerEntry> openings)
    {
        CheckCurrency(amount);
        var grants = Grants.ToList();
        var movements = new List<GrantMovement>();
        var rest = amount.Amount - Cover(amount.Amount);
        for (var i = drawn.Count - 1; i >= 0 && rest > 0m; i--)
        {
            if (drawn[i].Amount.Amount >= 0m)
            {
                continue;
            }

            var index = grants.FindIndex(g => g.GrantId == drawn[i].GrantId);
            var back = Math.Min(rest, -drawn[i].Amount.Amount);
            if (index >= 0)
            {
                var held = grants[index];
                back = Math.Min(back, (held.Granted - held.Remaining).Amount);   // never above what was granted (an earlier give-back of the same debit)
                if (back == 0m)
                {
                    continue;
                }

                grants[index] = held with { Remaining = held.Remaining + Of(back), CreditedAt = Instant.Max(held.CreditedAt, recordedAt) };
            }
            else
            {
                var opening = openings.GetValueOrDefault(drawn[i].GrantId);
                var terms = opening?.OpensGrant ?? GrantTerms.PaidAt(OpenedAt);
                grants.Add(new CreditGrant(drawn[i].GrantId, terms, opening?.Amount ?? Of(back), Of(back), opening?.Sequence ?? EntryCount + 1, recordedAt));
            }

            movements.Add(new GrantMovement(drawn[i].GrantId, Of(back)));
            rest -= back;
        }

        GrantTerms? opens = null;
        if (rest > 0m)   // more given back than was drawn: a grant of its own
        {
            opens = new GrantTerms(CreditSource.Goodwill, OpenedAt);
            grants.Add(new CreditGrant(Preconditions.CheckText(idempotencyKey), opens, Of(rest), Of(rest), EntryCount + 1, recordedAt));
        }

        return Append(kind, amount, idempotencyKey, recordedAt, reference, description, opens, movements, InSpendingOrder(grants));
    }

    /// <summary>
    /// Appends the expiry of a grant's remainder, recorded at <see cref="CreditGrant.ExpiryRecordedAt"/>, keyed
    /// <c>expiry:</c>, the grant's id and the entry's sequence (a grant given credit back after its expiry expires
    /// again). The grant leaves the books in the same commit, so it is never expired twice.
    /// </summary>
    /// <param name="grantId">A grant of <see cref="ExpiringAt"/>.</param>
    /// <returns>The next head, without the grant, and the expiry entry.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grantId"/> is null.</exception>
    /// <exception cref="ArgumentException">No such grant on the books, or it never expires.</exception>
    public (PrepaidAccount Account, LedgerEntry Entry) Expire(string grantId)
    {
        Preconditions.CheckText(grantId);
        var grant = Grants.FirstOrDefault(g => g.GrantId == grantId)
            ?? throw new ArgumentException($"Account {AccountId} has no grant {grantId} on its books.", nameof(grantId));
        var at = grant.ExpiryRecordedAt ?? throw new ArgumentException($"Grant {grantId} never expires.", nameof(grantId));
        return Append(
            LedgerEntryKind.GrantExpiry, -grant.Remaining, $"expiry:{grantId}:{EntryCount + 1}", at, grantId, $"Expiry of {grant.Terms.Source} credit {grantId}",
            null, [new GrantMovement(grantId, -grant.Remaining)], [.. Grants.Where(g => g != grant)]);
    }

    private (PrepaidAccount Account, LedgerEntry Entry) OpenGrant(
        LedgerEntryKind kind, Money amount, string idempotencyKey, Instant recordedAt, string reference, string description, GrantTerms terms)
    {
        var cover = terms.EffectiveAt <= recordedAt ? Cover(amount.Amount) : 0m;
        var key = Preconditions.CheckText(idempotencyKey);
        var grants = cover == amount.Amount ? Grants : InSpendingOrder([.. Grants, new CreditGrant(key, terms, amount, Of(amount.Amount - cover), EntryCount + 1, recordedAt)]);
        return Append(kind, amount, key, recordedAt, reference, description, terms, cover == 0m ? [] : [new GrantMovement(key, Of(-cover))], grants);
    }

    // What of a credit pays off the uncovered part of the balance first.
    private decimal Cover(decimal credit) => Math.Min(credit, Math.Max(0m, -Uncovered.Amount));

    private (PrepaidAccount Account, LedgerEntry Entry) Draw(
        LedgerEntryKind kind, Money amount, string idempotencyKey, Instant recordedAt, string reference, string description, string? first, bool paidOnly)
    {
        CheckCurrency(amount);
        var need = -amount.Amount;
        if (need <= 0m || Grants.Count == 0)
        {
            return Append(kind, amount, idempotencyKey, recordedAt, reference, description, null, [], Grants);
        }

        var grants = Grants.ToArray();
        var movements = new List<GrantMovement>(1);
        foreach (var index in DrawOrder(grants, first))
        {
            var grant = grants[index];
            if (need == 0m)
            {
                break;
            }

            if (grant.Remaining.Amount <= 0m || !grant.Terms.IsSpendableAt(recordedAt) || (paidOnly && grant.Terms.Source != CreditSource.Paid))
            {
                continue;
            }

            var take = Math.Min(need, grant.Remaining.Amount);
            grants[index] = grant with { Remaining = grant.Remaining - Of(take) };
            movements.Add(new GrantMovement(grant.GrantId, Of(-take)));
            need -= take;
        }

        return Append(kind, amount, idempotencyKey, recordedAt, reference, description, null, movements, [.. grants.Where(g => g.Remaining.Amount > 0m)]);
    }

    // The grants' indexes in the order a debit draws them: the one named first, then the spending order the list keeps.
    private static IEnumerable<int> DrawOrder(CreditGrant[] grants, string? first)
    {
        var named = first is null ? -1 : Array.FindIndex(grants, g => g.GrantId == first);
        if (named >= 0)
        {
            yield return named;
        }

        for (var i = 0; i < grants.Length; i++)
        {
            if (i != named)
            {
                yield return i;
            }
        }
    }

    private Money Of(decimal amount) => new(amount, Currency);

    private (PrepaidAccount Account, LedgerEntry Entry) Append(
        LedgerEntryKind kind, Money amount, string idempotencyKey, Instant recordedAt, string reference, string description, GrantTerms? opens,
        IReadOnlyList<GrantMovement> movements, IReadOnlyList<CreditGrant> grants)
    {
        var balance = Balance + amount;
        var entry = new LedgerEntry(
            AccountId, EntryCount + 1, kind, amount, Preconditions.CheckText(idempotencyKey), recordedAt, Preconditions.CheckText(reference), Preconditions.CheckText(description))
        {
            OpensGrant = opens,
            GrantMovements = movements,
        };
        var invoicing = kind switch
        {
            LedgerEntryKind.TopUpCredit => Invoicing with { Recharged = Invoicing.Recharged + amount },
            LedgerEntryKind.Refund or LedgerEntryKind.RefundReversal => Invoicing with { Refunded = Invoicing.Refunded - amount },
            _ => Invoicing,
        };
        return (this with { Balance = balance, EntryCount = entry.Sequence, Invoicing = invoicing, Grants = grants }, entry);
    }

    private static CreditGrant[] InSpendingOrder(IEnumerable<CreditGrant> grants) => [.. grants.Order(Comparer<CreditGrant>.Create(CreditGrant.CompareSpendingOrder))];

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
    /// <param name="grants">The grants on the books, in <paramref name="currency"/>, in any order; their remainders hold at least the balance.</param>
    /// <param name="closedThrough">The end of the last Prepay period closed, or null.</param>
    /// <param name="lowBalanceThreshold">The low-balance threshold, or null.</param>
    /// <param name="autoTopUp">The automatic top-up, or null.</param>
    /// <param name="version">The stored version, 1 or more.</param>
    /// <returns>The ledger head, equal to the one that was saved.</returns>
    /// <exception cref="CurrencyMismatchException">The threshold or the automatic top-up's credit is in another currency.</exception>
    /// <exception cref="ArgumentException">An id is empty, the currency is default, an amount is in another currency, a grant is there twice, has nothing left or more than was granted, or the grants hold less than the balance.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="accountId"/>, <paramref name="profile"/>, <paramref name="grants"/> or a grant is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The credit limit is negative, or the entry count or version is out of range.</exception>
    /// <exception cref="AmountNotRoundedException">The credit limit has more decimals than the currency's minor units.</exception>
    public static PrepaidAccount Restore(
        string accountId, AccountProfile profile, Currency currency, Money creditLimit, Money balance, long entryCount, Instant openedAt, InvoicingTotals invoicing,
        IReadOnlyList<CreditGrant> grants, Instant? closedThrough, Money? lowBalanceThreshold, TopUps.AutoTopUp? autoTopUp, long version)
    {
        var opened = Open(accountId, currency, openedAt, creditLimit, Preconditions.CheckNotNull(profile));
        Preconditions.CheckCurrency(balance, currency);
        foreach (var total in new[] { invoicing.Recharged, invoicing.Refunded, invoicing.Held, invoicing.Invoiced })
        {
            Preconditions.CheckCurrency(total, currency, nameof(invoicing));
        }

        Preconditions.CheckNotNull(grants);
        foreach (var grant in grants)
        {
            Preconditions.CheckNotNull(grant, nameof(grants));
            Preconditions.CheckCurrency(grant.Granted, currency, nameof(grants));
            Preconditions.CheckCurrency(grant.Remaining, currency, nameof(grants));
            Preconditions.CheckArgument(
                grant.Remaining.Amount > 0m && grant.Remaining <= grant.Granted, nameof(grants), $"Grant {grant.GrantId} has {grant.Remaining} left of {grant.Granted}: a grant on the books has something left, at most what was granted.");
        }

        Preconditions.CheckArgument(grants.Select(g => g.GrantId).Distinct(StringComparer.Ordinal).Count() == grants.Count, nameof(grants), "Each grant is on the books once.");
        var ordered = InSpendingOrder(grants);
        Preconditions.CheckArgument(
            ordered.Aggregate(balance, (rest, g) => rest - g.Remaining).Amount <= 0m, nameof(grants), $"The grants hold less than the balance {balance}: every credit opens a grant.");
        return opened.WithLowBalanceThreshold(lowBalanceThreshold).WithAutoTopUp(autoTopUp) with
        {
            Grants = ordered,
            Balance = balance,
            EntryCount = entryCount >= 0 ? entryCount : throw new ArgumentOutOfRangeException(nameof(entryCount), entryCount, "An entry count is 0 or more."),
            Invoicing = invoicing,
            ClosedThrough = closedThrough,
            Version = Preconditions.CheckStoredVersion(version),
        };
    }

    /// <inheritdoc/>
    public bool Equals(PrepaidAccount? other) =>
        other is not null
        && (AccountId, Profile, Currency, CreditLimit, Balance, Invoicing, EntryCount, ClosedThrough, OpenedAt, Version, LowBalanceThreshold, AutoTopUp)
            == (other.AccountId, other.Profile, other.Currency, other.CreditLimit, other.Balance, other.Invoicing, other.EntryCount, other.ClosedThrough, other.OpenedAt, other.Version,
                other.LowBalanceThreshold, other.AutoTopUp)
        && Grants.SequenceEqual(other.Grants);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(AccountId, Balance, EntryCount, Version);

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
