using Billing.Domain.Events;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.TopUps;

public class AutoTopUpServiceTests
{
    private static readonly AutoTopUp TopUpTwenty = new(Dollars(5m), Dollars(20m), Dollars(20.60m), "card_saved");
    private readonly Prepaid.PrepaidHarness _h = new();

    private AutoTopUpService Service => new(_h.Store, _h.Gateway, _h.Clock, _h.Retry);

    private BillingEventDispatcher Dispatcher => new(_h.Store, [Service], _h.Clock, new EventDeliveryPolicy(3, Duration.FromSeconds(10), Duration.FromMinutes(1)));

    private async Task FundedWithAutoTopUpAsync()
    {
        await _h.FundAsync("acc", 10m, "ord-1");
        await _h.Accounts.SetAutoTopUpAsync("acc", TopUpTwenty);
    }

    [Fact]
    public async Task ADebitBelowTheThreshold_CreatesOneOrder_ThroughThePaymentPort_AndItCredits()
    {
        await FundedWithAutoTopUpAsync();
        _h.Gateway.ScriptByDefault(PaymentScript.SucceedAtOnce());

        await _h.Consumption.RecordAsync(Call("acc", "r1", 6m));                 // 4.00: crosses (entry 2)
        await Dispatcher.DispatchAsync();
        await Dispatcher.DispatchAsync();                                          // delivered once: nothing more

        var order = (await _h.Store.FindOrderAsync(AutoTopUpService.OrderIdFor("acc", 2)))!;
        Assert.Equal((TopUpStatus.Completed, Dollars(20m), Dollars(20.60m), "card_saved"), (order.Status, order.Amount, order.PaymentAmount, order.PaymentMethod));
        Assert.Single(_h.Gateway.Requests, r => r.OrderId.StartsWith("auto-", StringComparison.Ordinal));
        Assert.Equal(Dollars(24m), (await _h.Accounts.GetAsync("acc")).Balance);
    }

    [Fact]
    public async Task AtMostOneIsInFlight_AndTheSameCrossingAgain_ReturnsItsOrder()
    {
        await FundedWithAutoTopUpAsync();
        _h.Gateway.ScriptByDefault(PaymentScript.Succeed());                     // the payment stays Processing until its webhook

        await _h.Consumption.RecordAsync(Call("acc", "r1", 6m));                  // crosses: entry 2
        var first = await Service.TopUpAsync("acc", 2);
        var again = await Service.TopUpAsync("acc", 2);
        await _h.Corrections.RequestAsync("c1", "acc", Dollars(3m), "fix", "alice");
        await _h.Corrections.ApproveAsync("acc", "c1", "bob");                    // 7.00: above
        await _h.Consumption.RecordAsync(Call("acc", "r2", 3m));                  // crosses again: entry 4
        var second = await Service.TopUpAsync("acc", 4);

        Assert.Equal((TopUpStatus.Processing, first!.OrderId), (again!.Status, again.OrderId));
        Assert.Null(second);                                                      // the first is still in flight
        Assert.Single(_h.Gateway.Requests, r => r.OrderId.StartsWith("auto-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoCrossingsDecidedAtOnce_MakeOneOrder()
    {
        await FundedWithAutoTopUpAsync();
        _h.Gateway.ScriptByDefault(PaymentScript.Succeed());
        await _h.Consumption.RecordAsync(Call("acc", "r1", 6m));                  // crosses: entry 2
        await _h.Consumption.RecordAsync(Call("acc", "r2", 1m));
        var racing = new Prepaid.InterceptingPrepaidStore(_h.Store);
        var service = new AutoTopUpService(racing, _h.Gateway, _h.Clock, _h.Retry);
        TopUpOrder? other = null;
        racing.Before(c => c.Order is not null, async () => other = await Service.TopUpAsync("acc", 3));   // between the first's reads and its write

        var first = await service.TopUpAsync("acc", 2);

        Assert.Equal((null, AutoTopUpService.OrderIdFor("acc", 3)), (first?.OrderId, other?.OrderId));   // the first, tried again, sees the other in flight
        Assert.Single((await _h.Store.QueryOrdersAsync(new TopUpOrderQuery("acc"))).Items, o => o.OrderId.StartsWith("auto-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFailedOne_IsNotTriedAgain_UntilTheNextCrossing()
    {
        await FundedWithAutoTopUpAsync();
        _h.Gateway.ScriptByDefault(PaymentScript.Decline("card expired"));

        await _h.Consumption.RecordAsync(Call("acc", "r1", 6m));                  // crosses: entry 2
        var failed = await Service.TopUpAsync("acc", 2);
        var retried = await Service.TopUpAsync("acc", 2);
        await _h.Consumption.RecordAsync(Call("acc", "r2", 1m));                  // still below: no crossing, no event
        await Dispatcher.DispatchAsync();
        _h.Gateway.ScriptByDefault(PaymentScript.SucceedAtOnce());
        await _h.FundAsync("acc", 10m, "ord-2");                                  // 13.00: above again
        await _h.Consumption.RecordAsync(Call("acc", "r3", 9m));                  // crosses again: entry 5
        await Dispatcher.DispatchAsync();

        Assert.Equal((TopUpStatus.Failed, TopUpStatus.Failed), (failed!.Status, retried!.Status));
        Assert.Equal(2, _h.Gateway.Requests.Count(r => r.OrderId.StartsWith("auto-", StringComparison.Ordinal)));
        Assert.Equal(TopUpStatus.Completed, (await _h.Store.FindOrderAsync(AutoTopUpService.OrderIdFor("acc", 5)))!.Status);
    }

    [Fact]
    public async Task NothingIsMade_WithoutAnAutoTopUp_OrWhenTheBalanceIsBackAboveIt()
    {
        await _h.FundAsync("acc", 10m, "ord-1");
        _h.Gateway.ScriptByDefault(PaymentScript.SucceedAtOnce());

        Assert.Null(await Service.TopUpAsync("acc", 1));
        await _h.Accounts.SetAutoTopUpAsync("acc", TopUpTwenty);
        Assert.Null(await Service.TopUpAsync("acc", 1));                          // 10.00 is not below 5.00
        await Service.HandleAsync(new TopUpCompleted("ord-1", "acc", Dollars(10m), Dollars(10m), Start));   // other events: ignored

        Assert.Equal(["ord-1"], _h.Gateway.Requests.Select(r => r.OrderId));
        Assert.Equal(TopUpTwenty, (await _h.Accounts.GetAsync("acc")).AutoTopUp);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("sequence", () => Service.TopUpAsync("acc", 0));
        await Assert.ThrowsAsync<Billing.Domain.Storage.NotFoundException>(() => Service.TopUpAsync("nobody", 1));
        await Assert.ThrowsAsync<CurrencyMismatchException>(() => _h.Accounts.SetAutoTopUpAsync("acc", new AutoTopUp(new Money(5m, Eur), new Money(20m, Eur), new Money(20m, Eur), "card")));
    }

    [Fact]
    public void BadSettings_AreRefused()
    {
        Assert.Throws<ArgumentException>("threshold", () => new AutoTopUp(new Money(5m, Eur), Dollars(20m), Dollars(20m), "card"));
        Assert.Throws<ArgumentOutOfRangeException>("amount", () => new AutoTopUp(Dollars(5m), Dollars(0m), Dollars(20m), "card"));
        Assert.Throws<ArgumentOutOfRangeException>("paymentAmount", () => new AutoTopUp(Dollars(5m), Dollars(20m), Dollars(-1m), "card"));
        Assert.Throws<AmountNotRoundedException>(() => new AutoTopUp(Dollars(5.001m), Dollars(20m), Dollars(20m), "card"));
        Assert.Throws<AmountNotRoundedException>(() => new AutoTopUp(Dollars(5m), Dollars(20.001m), Dollars(20m), "card"));
        Assert.Throws<ArgumentException>("paymentMethod", () => new AutoTopUp(Dollars(5m), Dollars(20m), Dollars(20m), " "));
        Assert.Equal(Dollars(-5m), new AutoTopUp(Dollars(-5m), Dollars(20m), new Money(18m, Eur), "card").Threshold);   // below zero on a credit limit; paid in another currency
    }
}
