using Billing.Domain.Consumption;
using Billing.Domain.Corrections;
using Billing.Domain.Ledger;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.Testing;
using Billing.Domain.Testing.InMemory;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using NodaTime.Testing;

namespace Billing.Domain.Tests.Prepaid;

/// <summary>The prepaid services wired to the in-memory store and gateway, with a clock that moves a minute per reading.</summary>
internal sealed class PrepaidHarness
{
    public static readonly Currency Usd = Currency.FromCode("USD");
    public static readonly Currency Eur = Currency.FromCode("EUR");
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 1, 0, 0);

    public PrepaidHarness(int attempts = 1_000)
    {
        Clock = new FakeClock(Start) { AutoAdvance = Duration.FromMinutes(1) };
        Gateway = new InMemoryPaymentGateway(Clock);
        Retry = ConflictRetryPolicy.Immediate(attempts);
        Accounts = new PrepaidAccountService(Store, Clock, Retry);
        TopUps = new TopUpService(Store, Gateway, Clock, Retry);
        Consumption = new ConsumptionService(Store, Clock, Retry);
        Corrections = new CorrectionService(Store, Clock, Retry);
        Grants = new Billing.Domain.Grants.CreditGrantService(Store, Clock, Retry);
    }

    public FakeClock Clock { get; }

    public ConflictRetryPolicy Retry { get; }

    public InMemoryPrepaidStore Store { get; } = new();

    public InMemoryPaymentGateway Gateway { get; }

    public PrepaidAccountService Accounts { get; }

    public TopUpService TopUps { get; }

    public ConsumptionService Consumption { get; }

    public CorrectionService Corrections { get; }

    public Billing.Domain.Grants.CreditGrantService Grants { get; }

    public static Money Dollars(decimal amount) => new(amount, Usd);

    public static ConsumptionRecord Call(string account, string requestId, decimal cost, string model = "gpt-x", string token = "key-1", Instant? at = null) =>
        new(new UsageRecord(requestId, account, token, model, 1_000, 200, at ?? Start), Dollars(cost), model + "-v1");

    /// <summary>Opens the account and tops it up with a completed, credited order.</summary>
    public async Task<TopUpOrder> FundAsync(string account, decimal amount, string? orderId = null)
    {
        await Accounts.OpenAsync(account, Usd);
        var order = await TopUps.CreateAsync(orderId ?? $"ord-{account}-{amount}", account, Dollars(amount), Dollars(amount), "card");
        Gateway.Script(order.OrderId, PaymentScript.SucceedAtOnce());
        return await TopUps.StartPaymentAsync(order.OrderId);
    }

    public async Task<Money> SumOfEntriesAsync(string account)
    {
        var entries = await Store.ListEntriesAsync(account, default, new(1, 1_000));
        return entries.Items.Aggregate(Dollars(0m), (sum, e) => sum + e.Amount);
    }
}
