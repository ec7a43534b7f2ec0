using Billing.Domain.Ledger;

namespace Billing.Domain.Tests.Ledger;

public class PrepaidAccountTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 0, 0);

    [Fact]
    public void Open_IsEmpty_WithNoCredit()
    {
        var account = PrepaidAccount.Open("acc-1", Usd, At);

        Assert.Equal((new Money(0m, Usd), new Money(0m, Usd), 0L, 0L, At), (account.Balance, account.CreditLimit, account.EntryCount, account.Version, account.OpenedAt));
        Assert.False(account.CanDebit(new Money(0.01m, Usd)));
        Assert.True(account.CanDebit(new Money(0m, Usd)));
    }

    [Fact]
    public void Post_AdvancesTheBalanceAndTheSequence()
    {
        var (credited, first) = PrepaidAccount.Open("acc-1", Usd, At).Post(LedgerEntryKind.TopUpCredit, new Money(10m, Usd), "topup:o1", At, "o1", "Top-up");
        var (debited, second) = credited.Post(LedgerEntryKind.ConsumptionDebit, new Money(-0.25m, Usd), "consumption:r1", At, "r1", "call");

        Assert.Equal((1L, 2L), (first.Sequence, second.Sequence));
        Assert.Equal(new Money(9.75m, Usd), debited.Balance);
        Assert.Equal(2, debited.EntryCount);
        Assert.Equal(new LedgerEntry("acc-1", 2, LedgerEntryKind.ConsumptionDebit, new Money(-0.25m, Usd), "consumption:r1", At, "r1", "call"), second);
    }

    [Fact]
    public void CreditLimit_LetsTheBalanceGoThatFarBelowZero()
    {
        var account = PrepaidAccount.Open("acc-1", Usd, At, new Money(5m, Usd));

        Assert.True(account.CanDebit(new Money(5m, Usd)));
        Assert.False(account.CanDebit(new Money(5.000001m, Usd)));
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
        Assert.Throws<CurrencyMismatchException>(() => account.CanDebit(new Money(1m, Currency.FromCode("EUR"))));
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
        Assert.True(account.CanDebit(new Money(10m, Usd)));
        Assert.False(account.CanDebit(new Money(10.01m, Usd)));
    }
}
