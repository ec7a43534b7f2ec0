using Billing.Domain.Charging;
using Billing.Domain.Ledger;
using Billing.Domain.Numbering;
using Billing.Domain.Periods;
using Billing.Domain.Subscriptions;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Invoices;

/// <summary>
/// An invoice as seed 001 lays it out: number, account, total, payment model, status, From and To, and the
/// Charges, Subscriptions and Corrections tables. Immutable: every move returns the next invoice.
/// </summary>
/// <remarks>
/// Total = Σ charge amounts − Σ corrections' balance changes, to the minor unit: a correction that reduced the
/// balance (▼, negative) took money from the customer and adds to the total; one that increased it (▲, positive)
/// gave money back and lowers it. A Prepay invoice is made Closed after its
/// period ends; a postpaid invoice starts as an editable Draft without a number, takes its number when it is
/// finalized (Open) and keeps it when it is voided.
/// </remarks>
public sealed record Invoice
{
    private Invoice(string invoiceId, string accountId, string accountName, PaymentModel paymentModel, BillingPeriod period, Currency currency, Instant createdAt)
    {
        InvoiceId = invoiceId;
        AccountId = accountId;
        AccountName = accountName;
        PaymentModel = paymentModel;
        Period = period;
        Currency = currency;
        CreatedAt = createdAt;
    }

    /// <summary>Gets the invoice's id.</summary>
    public string InvoiceId { get; }

    /// <summary>Gets the invoice number, once taken (Open or Closed); null for a draft.</summary>
    public string? Number { get; private init; }

    /// <summary>Gets the name of the number series the number was taken from.</summary>
    public string? Series { get; private init; }

    /// <summary>Gets the number's sequence in its series.</summary>
    public long? Sequence { get; private init; }

    /// <summary>Gets the account invoiced.</summary>
    public string AccountId { get; }

    /// <summary>Gets the name of the account, as the document shows it.</summary>
    public string AccountName { get; }

    /// <summary>
    /// Gets the type of the account invoiced, which the invoice list filters by (seed 001): a Prepay close takes it from the
    /// account's <see cref="PrepaidAccount.Profile"/>; <see cref="AccountType.Customer"/> unless set.
    /// </summary>
    public AccountType AccountType { get; init; }

    /// <summary>Gets the payment model: Prepaid (seed 001's "Prepay") or Postpaid.</summary>
    public PaymentModel PaymentModel { get; }

    /// <summary>Gets the status.</summary>
    public InvoiceStatus Status { get; private init; }

    /// <summary>Gets the covered period [From, To).</summary>
    public BillingPeriod Period { get; }

    /// <summary>Gets From: the billing day the covered period starts.</summary>
    public LocalDate From => Period.Start;

    /// <summary>Gets To: the billing day the covered period ends (the next period's first day).</summary>
    public LocalDate To => Period.End;

    /// <summary>Gets the currency of every amount.</summary>
    public Currency Currency { get; }

    /// <summary>Gets the Charges table, numbered from 1.</summary>
    public IReadOnlyList<ChargeLine> Charges { get; private init; } = [];

    /// <summary>Gets the tax per rate over the charges.</summary>
    public IReadOnlyList<TaxAmount> TaxSummary { get; private init; } = [];

    /// <summary>Gets the Subscriptions table.</summary>
    public IReadOnlyList<InvoiceSubscription> Subscriptions { get; private init; } = [];

    /// <summary>Gets the Corrections table, numbered from 1.</summary>
    public IReadOnlyList<InvoiceCorrection> Corrections { get; private init; } = [];

    /// <summary>Gets a Prepay invoice's Credits table: the grants its period spent or expired, in the order of spending, numbered from 1; empty when none moved.</summary>
    public IReadOnlyList<InvoiceCredit> Credits { get; private init; } = [];

    /// <summary>Gets when the invoice was created.</summary>
    public Instant CreatedAt { get; }

    /// <summary>Gets when it was issued: finalized (postpaid) or closed (Prepay).</summary>
    public Instant? IssuedAt { get; private init; }

    /// <summary>Gets when it was paid, voided or written off.</summary>
    public Instant? SettledAt { get; private init; }

    /// <summary>Gets why it was voided.</summary>
    public string? VoidReason { get; private init; }

    /// <summary>Gets the stored version: 0 until first saved; stores check and advance it on every write.</summary>
    public long Version { get; init; }

    /// <summary>Gets the sum of the charge amounts.</summary>
    public Money ChargesTotal => Money.Sum(Charges.Select(c => c.Amount), Currency);

    /// <summary>Gets the sum of the taxes of the charges.</summary>
    public Money TaxesTotal => Money.Sum(Charges.Select(c => c.Taxes), Currency);

    /// <summary>Gets the sum of the corrections' balance changes: positive when they raised the balance on the whole.</summary>
    public Money CorrectionsTotal => Money.Sum(Corrections.Select(c => c.BalanceChanged), Currency);

    /// <summary>Gets the total: Σ charge amounts − Σ corrections' balance changes (a ▼ reduction adds to it, a ▲ credit lowers it).</summary>
    public Money Total => ChargesTotal - CorrectionsTotal;

    /// <summary>Gets a value indicating whether the invoice can still be edited: only a draft can.</summary>
    public bool IsEditable => Status == InvoiceStatus.Draft;

    /// <summary>Makes a Prepay invoice, closed at once; it takes its number when it is saved.</summary>
    /// <param name="invoiceId">The invoice's id.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="accountName">The account's name.</param>
    /// <param name="period">The billing period covered; it has ended.</param>
    /// <param name="currency">The currency.</param>
    /// <param name="charges">The charges, or null when there are none.</param>
    /// <param name="subscriptions">The subscriptions with charges closed in the period.</param>
    /// <param name="corrections">The corrections approved in the period.</param>
    /// <param name="closedAt">When it is made and closed.</param>
    /// <param name="credits">The Credits table, numbered from 1; none when null.</param>
    /// <returns>The closed invoice, without a number yet.</returns>
    /// <exception cref="ArgumentException">A text is empty, or an amount is in another currency, or the corrections or credits are not numbered 1, 2, ….</exception>
    public static Invoice ClosePrepay(
        string invoiceId, string accountId, string accountName, BillingPeriod period, Currency currency, ChargeDocument? charges,
        IReadOnlyList<InvoiceSubscription> subscriptions, IReadOnlyList<InvoiceCorrection> corrections, Instant closedAt, IReadOnlyList<InvoiceCredit>? credits = null) =>
        new Invoice(Preconditions.CheckId(invoiceId), Preconditions.CheckId(accountId), Preconditions.CheckId(accountName), PaymentModel.Prepaid, period, Preconditions.CheckInitialized(currency), closedAt)
            .Fill(charges, subscriptions, corrections) with
        {
            Status = InvoiceStatus.Closed,
            IssuedAt = closedAt,
            Credits = CheckCredits(currency, credits ?? []),
        };

    // The Credits table: no null row, numbered 1, 2, … in the invoice's currency.
    private static InvoiceCredit[] CheckCredits(Currency currency, IReadOnlyList<InvoiceCredit> credits)
    {
        for (var i = 0; i < credits.Count; i++)
        {
            var credit = Preconditions.CheckNotNull(credits[i], nameof(credits));
            Preconditions.CheckArgument(credit.Number == i + 1, nameof(credits), $"Credit {credit.GrantId} is numbered {credit.Number}, not {i + 1}.");
            Preconditions.CheckArgument(
                credit.Spent.Currency == currency && credit.Expired.Currency == currency, nameof(credits), $"Credit {credit.GrantId} is not in the invoice's {currency.Code}.");
        }

        return [.. credits];
    }

    /// <summary>
    /// Rebuilds an invoice from the fields a storage adapter stored (each property of the same name): the Charges table's
    /// lines and the tax summary as they were calculated (never recalculated), the Subscriptions and Corrections tables,
    /// the number once taken. Checked: ids, names and enums; every amount in the invoice's currency; corrections numbered
    /// 1, 2, …; a number with its series and sequence or none of them, and none on a draft; a void reason only on a void invoice.
    /// </summary>
    /// <param name="invoiceId">The invoice's id.</param>
    /// <param name="accountId">The account invoiced.</param>
    /// <param name="accountName">The account's name, as the document shows it.</param>
    /// <param name="accountType">The account's type.</param>
    /// <param name="paymentModel">The payment model.</param>
    /// <param name="period">The period covered.</param>
    /// <param name="currency">The currency.</param>
    /// <param name="createdAt">When it was made.</param>
    /// <param name="status">Its status.</param>
    /// <param name="number">Its number, or null.</param>
    /// <param name="series">The number's series, or null.</param>
    /// <param name="sequence">The number's sequence in its series, or null.</param>
    /// <param name="charges">The Charges table's lines, in order.</param>
    /// <param name="taxSummary">The tax summary.</param>
    /// <param name="subscriptions">The Subscriptions table.</param>
    /// <param name="corrections">The Corrections table, numbered from 1.</param>
    /// <param name="issuedAt">When it was issued, or null.</param>
    /// <param name="settledAt">When it was settled, or null.</param>
    /// <param name="voidReason">Why it was voided, or null.</param>
    /// <param name="version">The stored version, 1 or more.</param>
    /// <param name="credits">A Prepay invoice's Credits table, numbered from 1; none when null.</param>
    /// <returns>The invoice, equal in every field to the one that was saved.</returns>
    /// <exception cref="ArgumentException">A text is empty, the currency or period is default, an amount is in another currency, or the fields do not fit together.</exception>
    /// <exception cref="ArgumentNullException">An id, the name, a table or a row of one is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An enum is not defined or the version is below 1.</exception>
    public static Invoice Restore(
        string invoiceId, string accountId, string accountName, AccountType accountType, PaymentModel paymentModel, BillingPeriod period, Currency currency,
        Instant createdAt, InvoiceStatus status, string? number, string? series, long? sequence, IReadOnlyList<ChargeLine> charges, IReadOnlyList<TaxAmount> taxSummary,
        IReadOnlyList<InvoiceSubscription> subscriptions, IReadOnlyList<InvoiceCorrection> corrections, Instant? issuedAt, Instant? settledAt, string? voidReason, long version,
        IReadOnlyList<InvoiceCredit>? credits = null)
    {
        Preconditions.CheckArgument(period.End > period.Start, nameof(period), "The period is default(BillingPeriod), which holds no day.");
        var invoice = new Invoice(
            Preconditions.CheckId(invoiceId), Preconditions.CheckId(accountId), Preconditions.CheckId(accountName), Preconditions.CheckDefined(paymentModel), period,
            Preconditions.CheckInitialized(currency), createdAt);
        Preconditions.CheckArgument(Preconditions.CheckNotNull(charges).All(c => c is not null && c.Amount.Currency == currency), nameof(charges), $"A charge is null or not in {currency.Code}.");
        Preconditions.CheckArgument(Preconditions.CheckNotNull(taxSummary).All(t => t is not null && t.Amount.Currency == currency), nameof(taxSummary), $"A tax is null or not in {currency.Code}.");
        CheckTables(currency, subscriptions, corrections);
        Preconditions.CheckArgument((number is null) == (series is null) && (number is null) == (sequence is null), nameof(number), "A number comes with its series and sequence, or none of them.");
        Preconditions.CheckArgument(Preconditions.CheckDefined(status) != InvoiceStatus.Draft || number is null, nameof(number), "A draft has no number.");
        Preconditions.CheckArgument(voidReason is null || status == InvoiceStatus.Void, nameof(voidReason), "Only a void invoice has a void reason.");
        return invoice with
        {
            AccountType = Preconditions.CheckDefined(accountType), Status = status, Number = number, Series = series, Sequence = sequence, Charges = [.. charges],
            TaxSummary = [.. taxSummary], Subscriptions = [.. subscriptions], Corrections = [.. corrections], IssuedAt = issuedAt, SettledAt = settledAt, VoidReason = voidReason,
            Version = Preconditions.CheckStoredVersion(version), Credits = CheckCredits(currency, credits ?? []),
        };
    }

    /// <summary>Starts a postpaid draft: editable, without a number.</summary>
    /// <param name="invoiceId">The invoice's id.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="accountName">The account's name.</param>
    /// <param name="period">The billing period covered.</param>
    /// <param name="currency">The currency.</param>
    /// <param name="createdAt">When.</param>
    /// <returns>The empty draft.</returns>
    /// <exception cref="ArgumentException">A text is empty or the currency is default.</exception>
    public static Invoice Draft(string invoiceId, string accountId, string accountName, BillingPeriod period, Currency currency, Instant createdAt) =>
        new(Preconditions.CheckId(invoiceId), Preconditions.CheckId(accountId), Preconditions.CheckId(accountName), PaymentModel.Postpaid, period, Preconditions.CheckInitialized(currency), createdAt)
        {
            Status = InvoiceStatus.Draft,
        };

    /// <summary>Replaces a draft's content.</summary>
    /// <param name="charges">The charges, or null for none.</param>
    /// <param name="subscriptions">The Subscriptions table.</param>
    /// <param name="corrections">The Corrections table, numbered from 1.</param>
    /// <returns>The edited draft.</returns>
    /// <exception cref="InvoiceNotEditableException">It is not a draft.</exception>
    /// <exception cref="ArgumentException">An amount is in another currency, or the corrections are not numbered 1, 2, ….</exception>
    public Invoice Edit(ChargeDocument? charges, IReadOnlyList<InvoiceSubscription> subscriptions, IReadOnlyList<InvoiceCorrection> corrections)
    {
        CheckEditable();
        return Fill(charges, subscriptions, corrections);
    }

    /// <summary>Issues a draft: it becomes Open and can no longer be edited; it takes its number when it is saved.</summary>
    /// <param name="at">When.</param>
    /// <returns>The open invoice, without a number yet.</returns>
    /// <exception cref="Lifecycles.TransitionRefusedException">It is not a draft (code <c>invoice.transition_refused</c>).</exception>
    public Invoice Finalize(Instant at) => Move(InvoiceTrigger.Finalize) with { IssuedAt = at };

    /// <summary>Gives an issued invoice its number from a series.</summary>
    /// <param name="series">The series.</param>
    /// <param name="sequence">The next sequence of the series.</param>
    /// <param name="issuedOn">The issue date the number's date parts show.</param>
    /// <returns>The numbered invoice.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    /// <exception cref="InvalidOperationException">It is a draft, or already has a number.</exception>
    internal Invoice WithNumber(NumberSeries series, long sequence, LocalDate issuedOn)
    {
        Preconditions.CheckNotNull(series);
        if (Status == InvoiceStatus.Draft || Number is not null)
        {
            throw new InvalidOperationException($"Invoice {InvoiceId} is {Status} with number {Number ?? "none"}: only an issued invoice without a number takes one.");
        }

        return this with { Number = series.NumberFor(sequence, issuedOn), Series = series.Name, Sequence = sequence };
    }

    /// <summary>Records the payment of an open or uncollectible invoice.</summary>
    /// <param name="at">When.</param>
    /// <returns>The paid invoice.</returns>
    /// <exception cref="Lifecycles.TransitionRefusedException">It is not open or uncollectible.</exception>
    public Invoice MarkPaid(Instant at) => Move(InvoiceTrigger.MarkPaid) with { SettledAt = at };

    /// <summary>Voids an open or uncollectible invoice; it keeps its number.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="at">When.</param>
    /// <returns>The void invoice.</returns>
    /// <exception cref="Lifecycles.TransitionRefusedException">It is not open or uncollectible.</exception>
    public Invoice Void(string reason, Instant at) => Move(InvoiceTrigger.Void) with { SettledAt = at, VoidReason = Preconditions.CheckText(reason) };

    /// <summary>Writes an open invoice off as not expected to be paid.</summary>
    /// <param name="at">When.</param>
    /// <returns>The uncollectible invoice.</returns>
    /// <exception cref="Lifecycles.TransitionRefusedException">It is not open.</exception>
    public Invoice MarkUncollectible(Instant at) => Move(InvoiceTrigger.MarkUncollectible) with { SettledAt = at };

    private void CheckEditable()
    {
        if (!IsEditable)
        {
            throw new InvoiceNotEditableException(InvoiceId, Status);
        }
    }

    // The Subscriptions and Corrections tables: no null row, corrections numbered 1, 2, … in the invoice's currency.
    private static void CheckTables(Currency currency, IReadOnlyList<InvoiceSubscription> subscriptions, IReadOnlyList<InvoiceCorrection> corrections)
    {
        Preconditions.CheckNotNull(subscriptions);
        Preconditions.CheckNotNull(corrections);
        for (var i = 0; i < corrections.Count; i++)
        {
            var correction = Preconditions.CheckNotNull(corrections[i], nameof(corrections));
            Preconditions.CheckArgument(correction.Number == i + 1, nameof(corrections), $"Correction {correction.CorrectionId} is numbered {correction.Number}, not {i + 1}.");
            Preconditions.CheckArgument(correction.BalanceChanged.Currency == currency, nameof(corrections), $"Correction {correction.CorrectionId} is in {correction.BalanceChanged.Currency.Code}, the invoice in {currency.Code}.");
        }

        Preconditions.CheckArgument(subscriptions.All(s => s is not null), nameof(subscriptions), "A subscription row is null.");
    }

    private Invoice Fill(ChargeDocument? charges, IReadOnlyList<InvoiceSubscription> subscriptions, IReadOnlyList<InvoiceCorrection> corrections)
    {
        Preconditions.CheckArgument(charges is null || charges.Currency == Currency, nameof(charges), $"The charges are in {charges?.Currency.Code}, the invoice in {Currency.Code}.");
        CheckTables(Currency, subscriptions, corrections);
        return this with
        {
            Charges = charges?.Lines ?? [],
            TaxSummary = charges?.TaxSummary ?? [],
            Subscriptions = [.. subscriptions],
            Corrections = [.. corrections],
        };
    }

    private Invoice Move(InvoiceTrigger trigger) => this with { Status = InvoiceLifecycle.Machine.Fire(Status, trigger, default).Destination };
}
