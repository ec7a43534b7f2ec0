using Billing.Domain.Events;
using Billing.Domain.Payments;
using Billing.Domain.Tests.InvoiceApplications;
using Billing.Domain.TopUps;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Events;

/// <summary>The dispatcher delivers the outbox at least once, in order per account, retrying with backoff and parking, never losing an event.</summary>
public sealed class BillingEventDispatcherTests
{
    private static readonly EventDeliveryPolicy Policy = new(3, Duration.FromSeconds(10), Duration.FromMinutes(1));
    private readonly ApplicationHarness _h = new();
    private readonly Recorder _consumer = new();

    [Fact]
    public async Task EveryEvent_IsDelivered_InOrderPerAccount_ThenNothingIsDue()
    {
        await _h.Prepaid.FundAsync("acc-1", 10m, "ord-1");
        await _h.Prepaid.FundAsync("acc-2", 20m, "ord-2");
        await _h.Prepaid.FundAsync("acc-1", 30m, "ord-3");
        var dispatcher = Dispatcher(_consumer);

        var delivered = await dispatcher.DispatchAsync();

        Assert.Equal(3, delivered);
        Assert.Equal(["top_up.completed/ord-1", "top_up.completed/ord-3"], _consumer.Of("acc-1"));
        Assert.Equal(["top_up.completed/ord-2"], _consumer.Of("acc-2"));
        Assert.Equal(0, await dispatcher.DispatchAsync());
        Assert.Empty(await _h.Prepaid.Store.NextAsync(_h.Prepaid.Clock.GetCurrentInstant(), 10));
    }

    [Fact]
    public async Task AFailedDelivery_IsRetriedAfterItsDelay_WhileTheAccountsLaterEventsWait_AndOtherAccountsGoOn()
    {
        await _h.Prepaid.FundAsync("acc-1", 10m, "ord-1");
        await _h.Prepaid.FundAsync("acc-1", 30m, "ord-3");
        await _h.Prepaid.FundAsync("acc-2", 20m, "ord-2");
        _consumer.FailOnce("top_up.completed/ord-1");
        var dispatcher = Dispatcher(_consumer);

        Assert.Equal(1, await dispatcher.DispatchAsync());   // acc-2's only
        var waiting = Assert.Single(await _h.Prepaid.Store.NextAsync(_h.Prepaid.Clock.GetCurrentInstant() + Duration.FromSeconds(10), 10));
        _h.Prepaid.Clock.Advance(Duration.FromSeconds(10));
        Assert.Equal(2, await dispatcher.DispatchAsync());

        Assert.Equal((1, "InvalidOperationException: consumer down"), (waiting.Attempts, waiting.LastError));
        Assert.Equal(["top_up.completed/ord-1", "top_up.completed/ord-3"], _consumer.Of("acc-1"));
        Assert.Equal(["top_up.completed/ord-2"], _consumer.Of("acc-2"));
    }

    [Fact]
    public async Task AnEventThatKeepsFailing_IsParked_NeverLost_AndTheAccountGoesOn_UntilRequeued()
    {
        await _h.Prepaid.FundAsync("acc-1", 10m, "ord-1");
        await _h.Prepaid.FundAsync("acc-1", 30m, "ord-3");
        _consumer.FailAlways("top_up.completed/ord-1");
        var dispatcher = Dispatcher(_consumer);

        for (var attempt = 0; attempt < Policy.MaxAttempts; attempt++)
        {
            await dispatcher.DispatchAsync();
            _h.Prepaid.Clock.Advance(Duration.FromMinutes(1));
        }

        var parked = Assert.Single(await _h.Prepaid.Store.ParkedAsync());
        Assert.Equal(("top_up.completed/ord-1", 3, true, null), (parked.Event.EventId, parked.Attempts, parked.Parked, parked.RetryAt));
        Assert.Equal(["top_up.completed/ord-3"], _consumer.Of("acc-1"));

        _consumer.Heal();
        await _h.Prepaid.Store.RequeueAsync(parked.Sequence);
        Assert.Equal(1, await dispatcher.DispatchAsync());
        Assert.Equal(["top_up.completed/ord-3", "top_up.completed/ord-1"], _consumer.Of("acc-1"));
        Assert.Empty(await _h.Prepaid.Store.ParkedAsync());
    }

    [Fact]
    public async Task ADispatcherKilledMidBatch_LosesAndSkipsNothing_ItsSuccessorDeliversTheRest()
    {
        for (var i = 0; i < 12; i++)
        {
            await _h.Prepaid.FundAsync($"acc-{i % 3}", 1m + i, $"ord-{i:D2}");
        }

        _consumer.CrashAfter(5);   // the process dies after the 5th delivery, before marking it

        await Assert.ThrowsAsync<OperationCanceledException>(() => Dispatcher(_consumer).DispatchAsync());
        _consumer.Heal();
        await Dispatcher(_consumer).DispatchAsync();

        for (var a = 0; a < 3; a++)
        {
            var expected = Enumerable.Range(0, 12).Where(i => i % 3 == a).Select(i => $"top_up.completed/ord-{i:D2}").ToList();
            Assert.Equal(expected, _consumer.Of($"acc-{a}").Distinct());   // each event, in order; the one cut short delivered again
        }

        Assert.Equal(13, _consumer.Delivered.Count);
        Assert.Empty(await _h.Prepaid.Store.NextAsync(_h.Prepaid.Clock.GetCurrentInstant(), 10));
    }

    [Fact]
    public async Task TheServices_WriteTheirEvents_WithTheirChanges()
    {
        await _h.RechargedAsync("acc", 100m);
        var order = await _h.Prepaid.TopUps.CreateAsync("ord-x", "acc", Dollars(10m), Dollars(10m), "card");
        await _h.Prepaid.TopUps.ConfirmAsync(new PaymentConfirmation(order.OrderId, "pay-short", Dollars(1m), Start));
        await _h.Prepaid.TopUps.ConfirmAsync(new PaymentConfirmation("ord-acc-0", "pay-again", Dollars(100m), Start));
        await _h.Prepaid.Corrections.RequestAsync("c1", "acc", Dollars(-2.50m), "Fee", "alice");
        await _h.Prepaid.Corrections.ApproveAsync("acc", "c1", "bob");
        await _h.Applications.ApplyAsync("app-1", "acc", Dollars(40m), "finance@acme.example");
        await _h.Applications.ApproveAsync("acc", "app-1", "fin");
        await _h.Applications.IssueAsync("acc", "app-1");
        await _h.Applications.ApplyAsync("app-2", "acc", Dollars(5m), "finance@acme.example");
        await _h.Applications.RejectAsync("acc", "app-2", "fin", "wrong header");
        var calls = new Billing.Domain.Consumption.ConsumptionService(_h.Prepaid.Store, _h.Prepaid.Clock) { CallEvents = true };
        await calls.RecordAsync(Call("acc", "req-1", 0.25m));
        await _h.Prepaid.Consumption.RecordAsync(Call("acc", "req-2", 0.25m));   // CallEvents off: no event

        await Dispatcher(_consumer).DispatchAsync();

        Assert.Equal(
            [
                "top_up.completed/ord-acc-0", "top_up.abnormal/ord-x/pay-short", "payment.unexpected/ord-acc-0/pay-again", "correction.approved/c1",
                "application.approved/app-1", "application.issued/app-1", "application.rejected/app-2", "call.recorded/acc/req-1",
            ],
            _consumer.Of("acc"));
        var issued = Assert.IsType<ApplicationIssued>(_consumer.Delivered.Single(e => e.Type == ApplicationIssued.TypeName));
        Assert.Equal(("FP-2026-00001", Dollars(40m), "finance@acme.example"), (issued.Number, issued.Amount, issued.Email));
        var completed = Assert.IsType<TopUpCompleted>(_consumer.Delivered[0]);
        Assert.Equal((Dollars(100m), Dollars(100m)), (completed.Credited, completed.Balance));
    }

    [Fact]
    public async Task ADebitThatCrossesTheLowBalanceThreshold_WritesOneEvent_ACreditArmsItAgain()
    {
        await _h.Prepaid.FundAsync("acc", 10m, "ord-1");
        await _h.Prepaid.Accounts.SetLowBalanceThresholdAsync("acc", Dollars(5m));
        var calls = _h.Prepaid.Consumption;
        await calls.RecordAsync(Call("acc", "req-1", 4m));                               // 6.00: above
        await calls.RecordAsync(Call("acc", "req-2", 2m));                               // 4.00: crosses
        await calls.RecordAsync(Call("acc", "req-3", 1m));                               // 3.00: still below, no second event
        await _h.Prepaid.FundAsync("acc", 10m, "ord-2");                                 // 13.00: above again
        await calls.RecordManyAsync([Call("acc", "req-4", 2m), Call("acc", "req-5", 7m)]);   // 4.00: crosses again, in a group commit
        await _h.Prepaid.Corrections.RequestAsync("c-1", "acc", Dollars(2m), "fix", "alice");
        await _h.Prepaid.Corrections.ApproveAsync("acc", "c-1", "bob");                  // 6.00: above
        await _h.Prepaid.Corrections.RequestAsync("c-2", "acc", Dollars(-1.5m), "fix", "alice");
        await _h.Prepaid.Corrections.ApproveAsync("acc", "c-2", "bob");                  // 4.50: any debit crosses it
        await _h.Prepaid.Accounts.SetLowBalanceThresholdAsync("acc", null);
        await calls.RecordAsync(Call("acc", "req-6", 0.5m));                             // no threshold: nothing

        await Dispatcher(_consumer).DispatchAsync();

        var crossings = _consumer.Delivered.OfType<BalanceBelowThreshold>().ToList();
        Assert.Equal(["req-2", "req-5", "c-2"], crossings.Select(c => c.Reference));
        Assert.Equal((Dollars(5m), Dollars(4m), 3L), (crossings[0].Threshold, crossings[0].Balance, crossings[0].Sequence));
        await Assert.ThrowsAsync<CurrencyMismatchException>(() => _h.Prepaid.Accounts.SetLowBalanceThresholdAsync("acc", new Money(5m, Eur)));
        await Assert.ThrowsAsync<AmountNotRoundedException>(() => _h.Prepaid.Accounts.SetLowBalanceThresholdAsync("acc", Dollars(5.001m)));
    }

    [Fact]
    public async Task AReplayedCommand_WritesNoSecondEvent()
    {
        var funded = await _h.Prepaid.FundAsync("acc", 10m, "ord-1");
        await _h.Prepaid.TopUps.ConfirmAsync(new PaymentConfirmation("ord-1", funded.PaymentReference!, Dollars(10m), Start));   // the webhook again

        await Dispatcher(_consumer).DispatchAsync();

        Assert.Equal(["top_up.completed/ord-1"], _consumer.Of("acc"));
    }

    [Fact]
    public async Task AClosedPrepayInvoice_IsDelivered_InOrderAfterTheAccountsEarlierEvents_Once()
    {
        var h = new Billing.Domain.Tests.Invoices.InvoiceHarness();
        await h.Prepaid.FundAsync("acc", 100m, "ord-1");
        await h.ChargedAsync("acc", "sub-1", 10m);
        h.AfterMarch();
        var closed = (await h.Prepay.CloseAsync(Billing.Domain.Tests.Invoices.InvoiceHarness.PeriodOf("acc"))).Invoice!;
        await h.Prepay.CloseAsync(Billing.Domain.Tests.Invoices.InvoiceHarness.PeriodOf("acc"));   // already made: no second event

        await new BillingEventDispatcher(h.Prepaid.Store, [_consumer], h.Prepaid.Clock, Policy).DispatchAsync();

        var ofAcc = _consumer.Of("acc").ToList();
        Assert.Equal("top_up.completed/ord-1", ofAcc[0]);
        Assert.Equal($"invoice.closed/{closed.InvoiceId}", ofAcc[^1]);
        var delivered = Assert.Single(_consumer.Delivered.OfType<InvoiceClosed>());
        Assert.Equal((closed.Number, closed.Total, closed.Period), (delivered.Number, delivered.Total, delivered.Period));
    }

    [Fact]
    public async Task AnInMemoryInvoiceStore_WithoutAnOutbox_RefusesACommitWithEvents_AndWritesNothing()
    {
        var store = new Billing.Domain.Testing.InMemory.InMemoryInvoiceStore();
        var draft = Billing.Domain.Invoices.Invoice.Draft("inv-1", "acc", "Acme", Billing.Domain.Periods.BillingPeriod.OfMonth(new YearMonth(2026, 3)), Usd, Start);
        var closed = new InvoiceClosed("inv-1", "acc", "INV-1", Dollars(1m), draft.Period, Start);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CommitAsync(draft, takesNumber: false, [closed]));

        Assert.Contains("new InMemoryInvoiceStore(prepaidStore)", refused.Message, StringComparison.Ordinal);
        Assert.Null(await store.FindInvoiceAsync("inv-1"));
    }

    [Fact]
    public void ThePolicy_DoublesItsDelay_UpToItsLongest_AndRefusesBadValues()
    {
        Assert.Equal(
            [Duration.FromSeconds(10), Duration.FromSeconds(20), Duration.FromSeconds(40), Duration.FromMinutes(1), Duration.FromMinutes(1)],
            Enumerable.Range(1, 5).Select(Policy.DelayAfter));
        Assert.Throws<ArgumentOutOfRangeException>("maxAttempts", () => new EventDeliveryPolicy(0, Duration.FromSeconds(1), Duration.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>("firstDelay", () => new EventDeliveryPolicy(1, Duration.Zero, Duration.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>("maxDelay", () => new EventDeliveryPolicy(1, Duration.FromSeconds(2), Duration.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>("failures", () => Policy.DelayAfter(0));
        Assert.Equal(Duration.FromMinutes(10), EventDeliveryPolicy.Default.DelayAfter(1_000));
    }

    // The clock stands still while events are delivered: a test moves it past a retry's delay itself.
    private BillingEventDispatcher Dispatcher(IBillingEventConsumer consumer)
    {
        _h.Prepaid.Clock.AutoAdvance = Duration.Zero;
        return new(_h.Prepaid.Store, [consumer], _h.Prepaid.Clock, Policy);
    }

    /// <summary>Records what it is given, and fails or crashes where a test asks.</summary>
    private sealed class Recorder : IBillingEventConsumer
    {
        private readonly HashSet<string> _failOnce = [];
        private readonly HashSet<string> _failAlways = [];
        private int? _crashAfter;

        public List<BillingEvent> Delivered { get; } = [];

        public IEnumerable<string> Of(string accountId) => Delivered.Where(e => e.AccountId == accountId).Select(e => e.EventId);

        public void FailOnce(string eventId) => _failOnce.Add(eventId);

        public void FailAlways(string eventId) => _failAlways.Add(eventId);

        public void CrashAfter(int deliveries) => _crashAfter = deliveries;

        public void Heal()
        {
            _failAlways.Clear();
            _crashAfter = null;
        }

        public Task HandleAsync(BillingEvent billingEvent, CancellationToken cancellationToken = default)
        {
            if (_failOnce.Remove(billingEvent.EventId) || _failAlways.Contains(billingEvent.EventId))
            {
                throw new InvalidOperationException("consumer down");
            }

            Delivered.Add(billingEvent);
            if (Delivered.Count == _crashAfter)
            {
                throw new OperationCanceledException("the process was killed");
            }

            return Task.CompletedTask;
        }
    }
}
