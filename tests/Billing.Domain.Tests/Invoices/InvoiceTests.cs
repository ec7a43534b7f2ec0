using Billing.Domain.Charging;
using Billing.Domain.Invoices;
using Billing.Domain.Lifecycles;
using Billing.Domain.Tests.Lifecycles;
using Billing.Domain.Subscriptions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Billing.Domain.Tests.Invoices.InvoiceHarness;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Invoices;

public class InvoiceTests
{
    private static readonly ChargeEngine Engine = new(ChargePolicy.PerLine);
    private static readonly Instant At = Instant.FromUtc(2026, 4, 2, 0, 0);

    private static readonly Dictionary<(InvoiceStatus, InvoiceTrigger), InvoiceStatus> Table = new()
    {
        [(InvoiceStatus.Draft, InvoiceTrigger.Finalize)] = InvoiceStatus.Open,
        [(InvoiceStatus.Open, InvoiceTrigger.MarkPaid)] = InvoiceStatus.Paid,
        [(InvoiceStatus.Open, InvoiceTrigger.Void)] = InvoiceStatus.Void,
        [(InvoiceStatus.Open, InvoiceTrigger.MarkUncollectible)] = InvoiceStatus.Uncollectible,
        [(InvoiceStatus.Uncollectible, InvoiceTrigger.MarkPaid)] = InvoiceStatus.Paid,
        [(InvoiceStatus.Uncollectible, InvoiceTrigger.Void)] = InvoiceStatus.Void,
    };

    private static Arbitrary<(decimal[] Fees, int[] CorrectionCents)> Contents =>
        Arb.From(
            from fees in Gen.ArrayOf(Gen.Choose(0, 1_000_000).Select(c => c / 1000m))
            from corrections in Gen.ArrayOf(Gen.Choose(-500_000, 500_000).Where(c => c != 0))
            select (fees, corrections));

    public static TheoryData<InvoiceStatus, InvoiceTrigger> Pairs() => TransitionTable.AllPairs<InvoiceStatus, InvoiceTrigger>();

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Lifecycle_MovesExactlyAsTheTableSays(InvoiceStatus status, InvoiceTrigger trigger) => TransitionTable.AssertMoves(InvoiceLifecycle.Machine, Table, status, trigger);

    [Property(MaxTest = Laws.Cases)]
    public Property Total_IsChargesLessBalanceChanges_ForAnyContent() =>
        Prop.ForAll(Contents, content =>
        {
            var charges = content.Fees.Length == 0 ? null : Engine.CalculateDocument([.. content.Fees.Select((f, i) => Plan($"fee {i}", f))]);
            var corrections = content.CorrectionCents.Select((c, i) => new InvoiceCorrection(i + 1, $"c{i}", "fix", Dollars(c / 100m), At)).ToList();
            var invoice = Invoice.ClosePrepay("i", "a", "A", March, Usd, charges, [], corrections, At);

            var expected = content.Fees.Sum(f => Math.Round(f, 2, MidpointRounding.AwayFromZero) + Math.Round(Math.Round(f, 2, MidpointRounding.AwayFromZero) * 0.2m, 2, MidpointRounding.AwayFromZero))
                - content.CorrectionCents.Sum(c => c / 100m);   // a balance reduced (▼) is money taken: it adds to what the customer owes
            return invoice.Total == Dollars(expected)
                && invoice.Total == Money.Sum(invoice.Charges.Select(c => c.Amount), Usd) - Money.Sum(invoice.Corrections.Select(c => c.BalanceChanged), Usd)
                && invoice.Total.IsInMinorUnits;
        });

    [Fact]
    public void Closed_RefusesEdits_AndStaysAsItWas()
    {
        var closed = Invoice.ClosePrepay("i", "a", "A", March, Usd, Engine.CalculateDocument([Plan("fee", 10m)]), [], [], At);

        var refused = Assert.Throws<InvoiceNotEditableException>(() => closed.Edit(null, [], []));

        Assert.Equal(("i", InvoiceStatus.Closed), (refused.InvoiceId, refused.Status));
        Assert.Equal(Dollars(12m), closed.Total);
        Assert.Throws<TransitionRefusedException>(() => closed.MarkPaid(At));
        Assert.Throws<TransitionRefusedException>(() => closed.Void("no", At));
    }

    [Fact]
    public void Content_MustBeInTheInvoicesCurrency_AndCorrectionsNumberedInOrder()
    {
        var draft = Invoice.Draft("i", "a", "A", March, Usd, At);

        Assert.Throws<ArgumentException>("charges", () => draft.Edit(new ChargeEngine(ChargePolicy.PerLine).CalculateDocument([Plan("fee", 1m) with { Component = new Billing.Domain.Pricing.RecurringFee(new Money(1m, Eur)) }]), [], []));
        Assert.Throws<ArgumentException>("corrections", () => draft.Edit(null, [], [new(2, "c", "d", Dollars(1m), At)]));
        Assert.Throws<ArgumentException>("corrections", () => draft.Edit(null, [], [new(1, "c", "d", new Money(1m, Eur), At)]));
        Assert.Throws<ArgumentNullException>("subscriptions", () => draft.Edit(null, null!, []));
    }

    [Fact]
    public void Numbering_OnlyAnIssuedInvoiceWithoutANumber()
    {
        var draft = Invoice.Draft("i", "a", "A", March, Usd, At);
        var open = draft.Finalize(At).WithNumber(Series, 7, new LocalDate(2026, 4, 2));

        Assert.Equal(("INV-202604-000007", "INV", (long?)7), (open.Number, open.Series, open.Sequence));
        Assert.Throws<InvalidOperationException>(() => draft.WithNumber(Series, 1, new LocalDate(2026, 4, 2)));
        Assert.Throws<InvalidOperationException>(() => open.WithNumber(Series, 8, new LocalDate(2026, 4, 2)));
        Assert.Equal(open.Number, open.Void("mistake", At).Number);
    }

    [Fact]
    public void PrepayInvoice_ShowsSeed001sFields()
    {
        var invoice = Invoice.ClosePrepay("i", "acc-42", "Acme AI", March, Usd, null, [new("sub-1", "Pro", SubscriptionStatus.Active)], [new(1, "c1", "Fix", Dollars(-1m), At)], At);

        Assert.Equal((PaymentModel.Prepaid, InvoiceStatus.Closed, (Instant?)At, false), (invoice.PaymentModel, invoice.Status, invoice.IssuedAt, invoice.IsEditable));
        Assert.Equal((new LocalDate(2026, 3, 1), new LocalDate(2026, 4, 1)), (invoice.From, invoice.To));
        Assert.Equal(Dollars(1m), invoice.Total);   // a ▼ -1.00 took 1.00 from the customer
        Assert.Throws<ArgumentException>("accountName", () => Invoice.ClosePrepay("i", "a", " ", March, Usd, null, [], [], At));
    }
}
