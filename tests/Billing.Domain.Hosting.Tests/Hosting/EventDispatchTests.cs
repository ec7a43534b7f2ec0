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

    private sealed class Collecting : IBillingEventConsumer
    {
        public System.Threading.Channels.Channel<BillingEvent> Received { get; } = System.Threading.Channels.Channel.CreateUnbounded<BillingEvent>();

        public Task HandleAsync(BillingEvent billingEvent, CancellationToken cancellationToken = default) => Received.Writer.WriteAsync(billingEvent, cancellationToken).AsTask();
    }
}
