using Billing.Domain.Corrections;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Prepaid;
using Billing.Domain.Subscriptions;
using Billing.Domain.Tests.InvoiceApplications;
using Billing.Domain.Tests.Invoices;
using Billing.Domain.TopUps;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Storage;

/// <summary>
/// The public Restore factories a storage adapter of a host's own rebuilds aggregates with: every aggregate, in every
/// status the services leave it in, comes back equal from its own fields; fields that do not fit together are refused
/// with an argument error, never rebuilt into a state no service could reach.
/// </summary>
public sealed class RestoreTests
{
    public static PrepaidAccount RestoreOf(PrepaidAccount a) =>
        PrepaidAccount.Restore(a.AccountId, a.Profile, a.Currency, a.CreditLimit, a.Balance, a.EntryCount, a.OpenedAt, a.Invoicing, a.Grants, a.ClosedThrough, a.LowBalanceThreshold, a.AutoTopUp, a.Version);

    public static TopUpOrder RestoreOf(TopUpOrder o) =>
        TopUpOrder.Restore(
            o.OrderId, o.AccountId, o.Amount, o.PaymentAmount, o.PaymentMethod, o.CreatedAt, o.Status, o.PaymentReference, o.CompletedAt, o.CreditedAmount, o.StatusReason,
            o.CancelledBy, o.Payments, o.Refunds, o.Version);

    public static Correction RestoreOf(Correction c) =>
        Correction.Restore(
            c.CorrectionId, c.AccountId, c.Amount, c.Description, c.RequestedBy, c.RequestedAt, c.Corrects, c.Status, c.DecidedBy, c.DecidedAt, c.RejectionReason, c.BookedAt, c.Version);

    public static InvoiceApplication RestoreOf(InvoiceApplication a) =>
        InvoiceApplication.Restore(
            a.ApplicationId, a.AccountId, a.Header, a.Amount, a.Email, a.Remarks, a.AppliedAt, a.ResubmissionOf, a.Status, a.ApprovedBy, a.ApprovedAt, a.RejectedBy,
            a.RejectedAt, a.RejectionReason, a.ResubmittedAs, a.Number, a.Series, a.Sequence, a.IssuedAt, a.OfficialNumber, a.DocumentSha256, a.Version);

    public static Invoice RestoreOf(Invoice i) =>
        Invoice.Restore(
            i.InvoiceId, i.AccountId, i.AccountName, i.AccountType, i.PaymentModel, i.Period, i.Currency, i.CreatedAt, i.Status, i.Number, i.Series, i.Sequence, i.Charges,
            i.TaxSummary, i.Subscriptions, i.Corrections, i.IssuedAt, i.SettledAt, i.VoidReason, i.Version);

    public static InvoiceHeader RestoreOf(InvoiceHeader h) => InvoiceHeader.Restore(h.HeaderId, h.AccountId, h.Details, h.IsDefault, h.Version);

    [Fact]
    public async Task AnAccount_ComesBackEqual_WithItsProfileTotalsAndClose()
    {
        var h = new ApplicationHarness();
        await h.Prepaid.Accounts.OpenAsync("acc", new AccountProfile("Acme", AccountType.Reseller, DateTimeZoneProviders.Tzdb["Asia/Tokyo"]), Usd, Dollars(5m));
        await h.RechargedAsync("acc", 100m);
        await h.Prepaid.Consumption.RecordAsync(Call("acc", "r1", 0.0012345m));
        await h.Applications.ApplyAsync("app-1", "acc", Dollars(10m), "a@b.co");
        var closed = (await h.Prepaid.Store.CommitAsync(new PrepaidChange((await h.Prepaid.Accounts.GetAsync("acc")).CloseThrough(Start + Duration.FromDays(31))))).Account!;

        Assert.Equal(closed, RestoreOf(closed));
        Assert.Equal(PrepaidAccount.Open("acc", Usd, Start) with { Version = 1 }, RestoreOf(PrepaidAccount.Open("acc", Usd, Start) with { Version = 1 }));
    }

    [Fact]
    public async Task Orders_ComeBackEqual_InEveryStatusTheServicesLeave()
    {
        var h = new Billing.Domain.Tests.Prepaid.PrepaidHarness();
        await h.Accounts.OpenAsync("acc", Usd);
        var orders = new List<TopUpOrder>
        {
            await h.TopUps.CreateAsync("pending", "acc", Dollars(10m), Dollars(10m), "card"),
            await h.FundAsync("acc", 20m, "completed"),
            (await h.TopUps.ConfirmAsync(new PaymentConfirmation("pending", "pay-short", Dollars(1m), Start))).Order,   // abnormal
            (await h.TopUps.RefundAsync("acc", "completed", "alice", "asked", Dollars(5m))).Order,   // partially refunded
            await h.TopUps.CancelAsync("acc", (await h.TopUps.CreateAsync("cancelled", "acc", Dollars(3m), Dollars(3m), "card")).OrderId, "alice", "mistake"),
        };

        Assert.Equal(
            [TopUpStatus.Pending, TopUpStatus.Completed, TopUpStatus.Abnormal, TopUpStatus.PartiallyRefunded, TopUpStatus.Cancelled], orders.Select(o => o.Status));
        Assert.All(orders, o => Assert.Equal(o, RestoreOf(o)));
    }

    [Fact]
    public async Task CorrectionsApplicationsAndHeaders_ComeBackEqual_InEveryStatus()
    {
        var h = new ApplicationHarness();
        await h.RechargedAsync("acc", 100m);
        var corrections = new List<Correction>
        {
            await h.Prepaid.Corrections.RequestAsync("c1", "acc", Dollars(-2.50m), "Fee", "alice"),
            (await h.Prepaid.Corrections.ApproveAsync("acc", "c1", "bob")).Correction,
            await h.Prepaid.Corrections.RequestAsync("c2", "acc", Dollars(1m), "Goodwill", "alice", corrects: "ord-acc-0"),
        };
        corrections.Add((await h.Prepaid.Corrections.RejectAsync("acc", "c2", "bob", "no")).Correction);
        var pending = (await h.Applications.ApplyAsync("a1", "acc", Dollars(10m), "a@b.co", "by March")).Application!;
        var approved = await h.Applications.ApproveAsync("acc", "a1", "bob");
        var issued = await h.Applications.IssueAsync("acc", "a1");
        await h.Applications.ApplyAsync("a2", "acc", Dollars(5m), "a@b.co");
        var rejected = await h.Applications.RejectAsync("acc", "a2", "bob", "wrong header");
        var header = (await h.HeaderStore.FindHeaderAsync("hdr-acc"))!;

        Assert.All(corrections, c => Assert.Equal(c, RestoreOf(c)));
        Assert.All(new[] { pending, approved, issued, rejected }, a => Assert.Equal(a, RestoreOf(a)));
        Assert.Equal(header, RestoreOf(header));
    }

    [Fact]
    public async Task Invoices_ComeBackEqual_InEveryStatus_TablesAsCalculated()
    {
        var h = new InvoiceHarness();
        await h.ChargedAsync("acc", "s1", 19.99m);
        await h.Prepaid.Corrections.RequestAsync("c1", "acc", Dollars(-2.50m), "Fee", "alice");
        await h.Prepaid.Corrections.ApproveAsync("acc", "c1", "bob");
        h.AfterMarch();
        var closed = (await h.Prepay.CloseAsync(InvoiceHarness.PeriodOf("acc") with { AccountType = AccountType.Reseller })).Invoice!;
        var draft = await h.Postpaid.CreateDraftAsync("inv-1", "acc", "Acme", InvoiceHarness.March, Usd);
        var open = await h.Postpaid.FinalizeAsync("acc", "inv-1");
        var paid = await h.Postpaid.MarkPaidAsync("acc", "inv-1");
        await h.Postpaid.CreateDraftAsync("inv-2", "acc", "Acme", InvoiceHarness.March, Usd);
        await h.Postpaid.FinalizeAsync("acc", "inv-2");
        var voided = await h.Postpaid.VoidAsync("acc", "inv-2", "duplicate");

        Assert.NotEmpty(closed.Charges);
        Assert.NotEmpty(closed.Corrections);
        Assert.All(new[] { closed, draft, open, paid, voided }, i =>
        {
            var restored = RestoreOf(i);   // an invoice's tables are lists, which records compare by reference: compared row by row here
            Assert.Equal(
                (i.InvoiceId, i.AccountId, i.AccountName, i.AccountType, i.PaymentModel, i.Period, i.Currency, i.CreatedAt, i.Status, i.Number, i.Series, i.Sequence),
                (restored.InvoiceId, restored.AccountId, restored.AccountName, restored.AccountType, restored.PaymentModel, restored.Period, restored.Currency, restored.CreatedAt,
                    restored.Status, restored.Number, restored.Series, restored.Sequence));
            Assert.Equal((i.IssuedAt, i.SettledAt, i.VoidReason, i.Version, i.Total), (restored.IssuedAt, restored.SettledAt, restored.VoidReason, restored.Version, restored.Total));
            Assert.Equal(i.Charges, restored.Charges);
            Assert.Equal(i.TaxSummary, restored.TaxSummary);
            Assert.Equal(i.Subscriptions, restored.Subscriptions);
            Assert.Equal(i.Corrections, restored.Corrections);
        });
    }

    [Fact]
    public void AStoredVersion_IsOneOrMore()
    {
        var account = PrepaidAccount.Open("acc", Usd, Start);

        Assert.Throws<ArgumentOutOfRangeException>("version", () => RestoreOf(account));
        Assert.Throws<ArgumentOutOfRangeException>("version", () => RestoreOf(InvoiceHeader.Create("h", "acc", ApplicationHarness.Person)));
        Assert.Throws<ArgumentOutOfRangeException>("version", () => RestoreOf(Correction.Request("c", "acc", Dollars(1m), "d", "alice", Start)));
    }

    [Fact]
    public void AnAccount_WithAmountsInAnotherCurrency_OrANegativeCount_IsRefused()
    {
        var a = PrepaidAccount.Open("acc", Usd, Start) with { Version = 1 };
        var eur = new Money(1m, Eur);

        Assert.Throws<ArgumentException>("balance", () => PrepaidAccount.Restore("acc", a.Profile, Usd, a.CreditLimit, eur, 0, Start, a.Invoicing, [], null, null, null, 1));
        Assert.Throws<ArgumentException>("invoicing", () => PrepaidAccount.Restore("acc", a.Profile, Usd, a.CreditLimit, a.Balance, 0, Start, a.Invoicing with { Held = eur }, [], null, null, null, 1));
        Assert.Throws<ArgumentException>("creditLimit", () => PrepaidAccount.Restore("acc", a.Profile, Usd, eur, a.Balance, 0, Start, a.Invoicing, [], null, null, null, 1));
        Assert.Throws<ArgumentOutOfRangeException>("entryCount", () => PrepaidAccount.Restore("acc", a.Profile, Usd, a.CreditLimit, a.Balance, -1, Start, a.Invoicing, [], null, null, null, 1));
        Assert.Throws<ArgumentNullException>("profile", () => PrepaidAccount.Restore("acc", null!, Usd, a.CreditLimit, a.Balance, 0, Start, a.Invoicing, [], null, null, null, 1));
        Assert.Throws<ArgumentException>("accountId", () => PrepaidAccount.Restore(" ", a.Profile, Usd, a.CreditLimit, a.Balance, 0, Start, a.Invoicing, [], null, null, null, 1));
    }

    [Fact]
    public void AnOrder_WhoseCompletionDoesNotFitItsStatus_IsRefused()
    {
        TopUpOrder Order(TopUpStatus status, Instant? completedAt, Money? credited, IReadOnlyList<TopUpPayment>? payments = null) =>
            TopUpOrder.Restore("o", "acc", Dollars(10m), Dollars(10m), "card", Start, status, null, completedAt, credited, null, null, payments ?? [], [], 1);

        Assert.Throws<ArgumentException>("status", () => Order(TopUpStatus.Completed, null, null));
        Assert.Throws<ArgumentException>("completedAt", () => Order(TopUpStatus.Completed, Start, null));
        Assert.Throws<ArgumentException>("creditedAmount", () => Order(TopUpStatus.Completed, Start, new Money(10m, Eur)));
        Assert.Throws<ArgumentOutOfRangeException>("status", () => Order((TopUpStatus)42, null, null));
        Assert.Throws<ArgumentException>("payments", () => Order(TopUpStatus.Pending, null, null, [null!]));
        Assert.Throws<ArgumentOutOfRangeException>("amount", () => TopUpOrder.Restore("o", "acc", Dollars(0m), Dollars(10m), "card", Start, TopUpStatus.Pending, null, null, null, null, null, [], [], 1));
        Assert.Equal(TopUpStatus.Failed, Order(TopUpStatus.Failed, null, null).Status);
    }

    [Fact]
    public void ACorrection_WhoseDecisionDoesNotFitItsStatus_IsRefused()
    {
        Correction Of(CorrectionStatus status, string? by, Instant? at, string? reason, Instant? booked) =>
            Correction.Restore("c", "acc", Dollars(1m), "d", "alice", Start, null, status, by, at, reason, booked, 1);

        Assert.Throws<ArgumentException>("status", () => Of(CorrectionStatus.Approved, null, null, null, Start));
        Assert.Throws<ArgumentException>("status", () => Of(CorrectionStatus.Requested, "bob", Start, null, null));
        Assert.Throws<ArgumentException>("bookedAt", () => Of(CorrectionStatus.Approved, "bob", Start, null, null));
        Assert.Throws<ArgumentException>("rejectionReason", () => Of(CorrectionStatus.Rejected, "bob", Start, null, null));
        Assert.Throws<ArgumentException>("rejectionReason", () => Of(CorrectionStatus.Approved, "bob", Start, "no", Start));
        Assert.Throws<ArgumentOutOfRangeException>("amount", () => Correction.Restore("c", "acc", Dollars(0m), "d", "alice", Start, null, CorrectionStatus.Requested, null, null, null, null, 1));
        Assert.Equal(CorrectionStatus.Rejected, Of(CorrectionStatus.Rejected, "bob", Start, "no", null).Status);
    }

    [Fact]
    public void AnApplication_WhoseFieldsDoNotFitItsStatus_OrAnotherAccountsHeader_IsRefused()
    {
        var header = InvoiceHeader.Create("h", "acc", ApplicationHarness.Person);
        InvoiceApplication Of(
            InvoiceApplicationStatus status, string? approvedBy = null, string? rejectedBy = null, string? reason = null, string? number = null, InvoiceHeader? with = null) =>
            InvoiceApplication.Restore(
                "a", "acc", with ?? header, Dollars(5m), "a@b.co", null, Start, null, status, approvedBy, approvedBy is null ? null : Start, rejectedBy,
                rejectedBy is null ? null : Start, reason, null, number, number is null ? null : "FP", number is null ? null : 1, number is null ? null : Start, null, null, 1);

        Assert.Throws<ArgumentException>("approvedBy", () => Of(InvoiceApplicationStatus.Approved));
        Assert.Throws<ArgumentException>("approvedBy", () => Of(InvoiceApplicationStatus.Pending, approvedBy: "bob"));
        Assert.Throws<ArgumentException>("number", () => Of(InvoiceApplicationStatus.Issued, approvedBy: "bob"));
        Assert.Throws<ArgumentException>("number", () => Of(InvoiceApplicationStatus.Approved, approvedBy: "bob", number: "FP-1"));
        Assert.Throws<ArgumentException>("rejectedBy", () => Of(InvoiceApplicationStatus.Rejected, rejectedBy: "bob"));
        Assert.Throws<ArgumentException>("header", () => Of(InvoiceApplicationStatus.Pending, with: InvoiceHeader.Create("h", "other", ApplicationHarness.Person)));
        Assert.Throws<ArgumentNullException>("header", () => InvoiceApplication.Restore(
            "a", "acc", null!, Dollars(5m), "a@b.co", null, Start, null, InvoiceApplicationStatus.Pending, null, null, null, null, null, null, null, null, null, null, null, null, 1));
        Assert.Equal(InvoiceApplicationStatus.Issued, Of(InvoiceApplicationStatus.Issued, approvedBy: "bob", number: "FP-1").Status);
    }

    [Fact]
    public void AnInvoice_WhoseFieldsDoNotFitTogether_IsRefused()
    {
        var march = InvoiceHarness.March;
        Invoice Of(InvoiceStatus status, string? number, string? series, long? sequence, string? voidReason = null, Currency? currency = null, IReadOnlyList<InvoiceCorrection>? corrections = null) =>
            Invoice.Restore(
                "i", "acc", "Acme", AccountType.Customer, PaymentModel.Postpaid, march, currency ?? Usd, Start, status, number, series, sequence, [], [], [],
                corrections ?? [], null, null, voidReason, 1);

        Assert.Throws<ArgumentException>("number", () => Of(InvoiceStatus.Draft, "INV-1", "INV", 1));
        Assert.Throws<ArgumentException>("number", () => Of(InvoiceStatus.Open, "INV-1", null, 1));
        Assert.Throws<ArgumentException>("voidReason", () => Of(InvoiceStatus.Open, "INV-1", "INV", 1, voidReason: "dup"));
        Assert.Throws<ArgumentException>("corrections", () => Of(InvoiceStatus.Draft, null, null, null, corrections: [new InvoiceCorrection(2, "c", "d", Dollars(1m), Start)]));
        Assert.Throws<ArgumentException>("corrections", () => Of(InvoiceStatus.Draft, null, null, null, currency: Eur, corrections: [new InvoiceCorrection(1, "c", "d", Dollars(1m), Start)]));
        Assert.Throws<ArgumentOutOfRangeException>("status", () => Of((InvoiceStatus)42, null, null, null));
        Assert.Throws<ArgumentOutOfRangeException>("accountType", () => Invoice.Restore(
            "i", "acc", "Acme", (AccountType)9, PaymentModel.Postpaid, march, Usd, Start, InvoiceStatus.Draft, null, null, null, [], [], [], [], null, null, null, 1));
        Assert.Throws<ArgumentException>("period", () => Invoice.Restore(
            "i", "acc", "Acme", AccountType.Customer, PaymentModel.Postpaid, default, Usd, Start, InvoiceStatus.Draft, null, null, null, [], [], [], [], null, null, null, 1));
        Assert.Throws<ArgumentNullException>("charges", () => Invoice.Restore(
            "i", "acc", "Acme", AccountType.Customer, PaymentModel.Postpaid, march, Usd, Start, InvoiceStatus.Draft, null, null, null, null!, [], [], [], null, null, null, 1));
        Assert.Equal(InvoiceStatus.Void, Of(InvoiceStatus.Void, "INV-1", "INV", 1, voidReason: "dup").Status);
    }
}
