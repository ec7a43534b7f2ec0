using Billing.Domain.Events;
using Billing.Domain.Ledger;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Billing.Domain.Hosting.Tests.Hosting;

/// <summary>A host that calls DispatchEvents delivers billing events to the consumers in its container while it runs.</summary>
public sealed class EventDispatchTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");

    [Fact]
    public async Task ARunningHost_DeliversEachEvent_ToTheConsumersItRegistered()
    {
        var consumer = new Collecting();
        var builder = Hosts.Builder();
        Hosts.AddClockAndGateway(builder.Services);
        builder.Services.AddSingleton<IBillingEventConsumer>(consumer);
        builder.Services.AddBilling(_ => { }).UseInMemoryStores().DispatchEvents(TimeSpan.FromMilliseconds(20));
        using var host = builder.Build();
        await host.StartAsync();

        await host.Services.GetRequiredService<PrepaidAccountService>().OpenAsync("acc", Usd);
        var topUps = host.Services.GetRequiredService<TopUpService>();
        var order = await topUps.CreateAsync("ord-1", "acc", new Money(10m, Usd), new Money(10m, Usd), "card");
        ((InMemoryPaymentGateway)host.Services.GetRequiredService<Payments.IPaymentGateway>()).Script(order.OrderId, PaymentScript.SucceedAtOnce());
        await topUps.StartPaymentAsync(order.OrderId);

        var delivered = await consumer.Received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();

        Assert.Equal("top_up.completed/ord-1", delivered.EventId);
        Assert.Throws<ArgumentOutOfRangeException>("every", () => Hosts.Builder().Services.AddBilling(_ => { }).DispatchEvents(TimeSpan.Zero));
    }

    [Fact]
    public async Task AHostThatTopsUpAutomatically_MakesTheCrossingsOrder_ThroughItsGateway()
    {
        var builder = Hosts.Builder();
        Hosts.AddClockAndGateway(builder.Services);
        builder.Services.AddBilling(_ => { }).UseInMemoryStores().TopUpAutomatically().DispatchEvents(TimeSpan.FromMilliseconds(20));
        using var host = builder.Build();
        await host.StartAsync();
        var accounts = host.Services.GetRequiredService<PrepaidAccountService>();
        ((InMemoryPaymentGateway)host.Services.GetRequiredService<Payments.IPaymentGateway>()).ScriptByDefault(PaymentScript.SucceedAtOnce());
        await accounts.OpenAsync("acc", Usd, creditLimit: new Money(5m, Usd));
        await accounts.SetAutoTopUpAsync("acc", new AutoTopUp(new Money(0m, Usd), new Money(20m, Usd), new Money(20m, Usd), "pm_saved"));

        await host.Services.GetRequiredService<Consumption.ConsumptionService>().RecordAsync(
            new Rating.ConsumptionRecord(new Rating.UsageRecord("req-1", "acc", "key", "gpt", 1, 1, Hosts.Now), new Money(1m, Usd), "v1"));   // -1.00: crosses 0
        var store = host.Services.GetRequiredService<Prepaid.IPrepaidStore>();
        TopUpOrder? order = null;
        for (var waited = 0; order?.Status != TopUpStatus.Completed && waited < 300; waited++)
        {
            await Task.Delay(100);
            order = await store.FindOrderAsync(AutoTopUpService.OrderIdFor("acc", 1));
        }

        await host.StopAsync();

        Assert.Equal((TopUpStatus.Completed, new Money(19m, Usd)), (order?.Status, (await accounts.GetAsync("acc")).Balance));
    }

    private sealed class Collecting : IBillingEventConsumer
    {
        public System.Threading.Channels.Channel<BillingEvent> Received { get; } = System.Threading.Channels.Channel.CreateUnbounded<BillingEvent>();

        public Task HandleAsync(BillingEvent billingEvent, CancellationToken cancellationToken = default) => Received.Writer.WriteAsync(billingEvent, cancellationToken).AsTask();
    }
}
