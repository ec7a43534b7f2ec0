using Billing.Domain.Ledger;

namespace Billing.Domain.Tests.Ledger;

public class PrepaidAccountTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 0, 0);
    private const string TopUpKey = "topup:o1";

    [Fact]
    public void Open_IsEmpty_WithNoCredit()
    {
        var account = PrepaidAccount.Open("acc-1", Usd, At);

        Assert.Equal((new Money(0m, Usd), new Money(0m, Usd), 0L, 0L, At), (account.Balance, account.CreditLimit, account.EntryCount, account.Version, account.OpenedAt));
        Assert.False(account.CanDebit(new Money(0.01m, Usd), At));
        Assert.True(account.CanDebit(new Money(0m, Usd), At));
    }

    [Fact]
    public void Post_AdvancesTheBalanceAndTheSequence()
    {
        var (credited, first) = PrepaidAccount.Open("acc-1", Usd, At).Post(LedgerEntryKind.TopUpCredit, new Money(10m, Usd), "topup:o1", At, "o1", "Top-up");
        var (debited, second) = credited.Post(LedgerEntryKind.ConsumptionDebit, new Money(-0.25m, Usd), "consumption:r1", At, "r1", "call");

        Assert.Equal((1L, 2L), (first.Sequence, second.Sequence));
        Assert.Equal(new Money(9.75m, Usd), debited.Balance);
        Assert.Equal(2, debited.EntryCount);
        Assert.Equal(new LedgerEntry("acc-1", 2, LedgerEntryKind.ConsumptionDebit, new Money(-0.25m, Usd), "consumption:r1", At, "r1", "call")
        {
            GrantMovements = [new(TopUpKey, new Money(-0.25m, Usd))],
        }, second);
    }

    [Fact]
    public void CreditLimit_LetsTheBalanceGoThatFarBelowZero()
    {
        var account = PrepaidAccount.Open("acc-1", Usd, At, new Money(5m, Usd));

        Assert.True(account.CanDebit(new Money(5m, Usd), At));
        Assert.False(account.CanDebit(new Money(5.000001m, Usd), At));
        Assert.Equal(new Money(5m, Usd), account.Available);
    }

    [Fact]
    public void BadInput_Throws()
    {
        var account = PrepaidAccount.Open("acc-1", Usd, At);

        Assert.Throws<ArgumentOutOfRangeException>("creditLimit", () => account.WithCreditLimit(new Money(-1m, Usd)));
        Assert.Throws<ArgumentException>("creditLimit", () => account.WithCreditLimit(new Money(1m, Currency.FromCode("EUR"))));
        Assert.Throws<AmountNotRoundedException>(() => account.WithCreditLimit(new Money(1.001m, Usd)));
        Assert.Throws<ArgumentException>("accountId", () => PrepaidAccount.Open(" ", Usd, At));
        Assert.Throws<ArgumentException>("currency", () => PrepaidAccount.Open("a", default, At));
        Assert.Throws<CurrencyMismatchException>(() => account.Post(LedgerEntryKind.Correction, new Money(1m, Currency.FromCode("EUR")), "k", At, "r", "d"));
        Assert.Throws<CurrencyMismatchException>(() => account.CanDebit(new Money(1m, Currency.FromCode("EUR")), At));
        Assert.Throws<ArgumentException>("idempotencyKey", () => account.Post(LedgerEntryKind.Correction, new Money(1m, Usd), "", At, "r", "d"));
    }

    [Fact]
    public void CreditLimitOfExactlyZero_IsAccepted_AndDebitsUpToTheBalanceOnly()
    {
        var (funded, _) = PrepaidAccount.Open("acc-1", Usd, At, new Money(5m, Usd))
            .Post(LedgerEntryKind.TopUpCredit, new Money(10m, Usd), "topup:o1", At, "o1", "Top-up");

        var account = funded.WithCreditLimit(new Money(0m, Usd));

        Assert.Equal(new Money(0m, Usd), account.CreditLimit);
        Assert.Equal(new Money(10m, Usd), account.Available);
        Assert.True(account.CanDebit(new Money(10m, Usd), At));
        Assert.False(account.CanDebit(new Money(10.01m, Usd), At));
    }

    private static Money M(decimal amount) => new(amount, Usd);

    [Fact]
    public void Invoiceable_IsRechargedLessRefundedHeldAndInvoiced() =>
        Assert.Equal(M(40m), new InvoicingTotals(M(100m), M(10m), M(20m), M(30m)).Invoiceable);

    [Fact]
    public void Post_CountsTopUpsAsRecharged_RefundsAsRefunded_AndNothingElse()
    {
        var account = PrepaidAccount.Open("acc-1", Usd, At)
            .Post(LedgerEntryKind.TopUpCredit, M(100m), "k1", At, "o1", "Top-up").Account
            .Post(LedgerEntryKind.Refund, M(-30m), "k2", At, "o1", "Refund").Account
            .Post(LedgerEntryKind.RefundReversal, M(10m), "k3", At, "o1", "Refund declined").Account
            .Post(LedgerEntryKind.ConsumptionDebit, M(-5m), "k4", At, "r1", "Call").Account
            .Post(LedgerEntryKind.Correction, M(7m), "k5", At, "c1", "Correction").Account;

        Assert.Equal(new InvoicingTotals(M(100m), M(20m), M(0m), M(0m)), account.Invoicing);
        Assert.Equal(M(82m), account.Balance);
    }

    [Fact]
    public void HoldReleaseAndMarkInvoiced_MoveTheApplicationsAmounts()
    {
        var funded = PrepaidAccount.Open("acc-1", Usd, At).Post(LedgerEntryKind.TopUpCredit, M(100m), "k1", At, "o1", "Top-up").Account;

        var held = funded.Hold(M(60m)).Hold(M(10m));
        var released = held.Release(M(10m));
        var invoiced = released.MarkInvoiced(M(60m));

        Assert.Equal((M(70m), M(30m)), (held.Invoicing.Held, held.Invoicing.Invoiceable));
        Assert.Equal((M(60m), M(40m)), (released.Invoicing.Held, released.Invoicing.Invoiceable));
        Assert.Equal((M(0m), M(60m), M(40m)), (invoiced.Invoicing.Held, invoiced.Invoicing.Invoiced, invoiced.Invoicing.Invoiceable));
        Assert.Equal(funded.Balance, invoiced.Balance);
    }

    [Fact]
    public void BookingFor_IsTheInstantItself_OrTheEndOfTheLastClosedPeriodWhenLater()
    {
        var march = Instant.FromUtc(2026, 3, 1, 0, 0);
        var april = Instant.FromUtc(2026, 4, 1, 0, 0);
        var open = PrepaidAccount.Open("acc-1", Usd, At);
        var closed = open.CloseThrough(april);

        Assert.Equal(march, open.BookingFor(march));
        Assert.Equal(april, closed.BookingFor(march));
        Assert.Equal(april, closed.BookingFor(april));
        Assert.Equal(april + Duration.FromSeconds(1), closed.BookingFor(april + Duration.FromSeconds(1)));
    }

    [Fact]
    public void CloseThrough_NeverMovesBack_AndReturnsTheSameHeadWhenNothingChanges()
    {
        var march = Instant.FromUtc(2026, 3, 1, 0, 0);
        var april = Instant.FromUtc(2026, 4, 1, 0, 0);
        var closed = PrepaidAccount.Open("acc-1", Usd, At).CloseThrough(april);

        Assert.Equal(april, closed.CloseThrough(march).ClosedThrough);
        Assert.Same(closed, closed.CloseThrough(march));
        Assert.Same(closed, closed.CloseThrough(april));
        Assert.Equal(april + Duration.FromDays(30), closed.CloseThrough(april + Duration.FromDays(30)).ClosedThrough);
    }

    [Fact]
    public void CheckCurrency_RefusesAnotherCurrency() =>
        Assert.Throws<CurrencyMismatchException>(() => PrepaidAccount.Open("acc-1", Usd, At).CheckCurrency(new Money(1m, Currency.FromCode("EUR"))));

    [Fact]
    public void WithCreditLimit_BadLimits_SayWhy()
    {
        var account = PrepaidAccount.Open("acc-1", Usd, At);

        Assert.Contains("EUR", Assert.Throws<ArgumentException>("creditLimit", () => account.WithCreditLimit(new Money(1m, Currency.FromCode("EUR")))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("creditLimit", () => account.WithCreditLimit(new Money(Money.MaxAmount + 1m, Usd)));
        Assert.Throws<ArgumentException>("currency", () => PrepaidAccount.Open("acc-1", default, At, new Money(1m, Usd)));
    }
}
