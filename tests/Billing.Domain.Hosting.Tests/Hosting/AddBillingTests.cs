using Billing.Domain.Consumption;
using Billing.Domain.Corrections;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Payments;
using Billing.Domain.Periods;
using Billing.Domain.Prepaid;
using Billing.Domain.Rating;
using Billing.Domain.Reconciliation;
using Billing.Domain.Subscriptions;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime.Testing;

namespace Billing.Domain.Hosting.Tests.Hosting;

public sealed class AddBillingTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");

    public static TheoryData<Type> Services() =>
    [
        typeof(PrepaidAccountService), typeof(TopUpService), typeof(ConsumptionService), typeof(ConsumptionBatcher), typeof(CorrectionService),
        typeof(Grants.CreditGrantService), typeof(TopUps.AutoTopUpService),
        typeof(SubscriptionService), typeof(BillingRun), typeof(InvoiceHeaderService), typeof(InvoiceApplicationService), typeof(PrepayInvoicing),
        typeof(PostpaidInvoicing), typeof(InvoiceReconciler), typeof(Charging.ChargeEngine), typeof(IInvoiceRenderer),
    ];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task EveryService_IsRegistered_AsOneSingleton(Type service)
    {
        using var host = Hosts.InMemory();
        await host.StartAsync();

        Assert.Same(host.Services.GetRequiredService(service), host.Services.GetRequiredService(service));
    }

    [Fact]
    public async Task TheServices_TakeTheHostsClock()
    {
        using var host = Hosts.InMemory();
        await host.StartAsync();
        await host.Services.GetRequiredService<PrepaidAccountService>().OpenAsync("acc", Usd);

        var order = await host.Services.GetRequiredService<TopUpService>().CreateAsync("o1", "acc", new Money(10m, Usd), new Money(10m, Usd), "card");

        Assert.Equal(Hosts.Now, order.CreatedAt);
    }

    [Fact]
    public async Task WithoutAClockInTheContainer_TheServicesTakeTheSystemClock()
    {
        var builder = Hosts.Builder();
        builder.Services.AddSingleton<IPaymentGateway>(new InMemoryPaymentGateway(new FakeClock(Hosts.Now)));
        builder.Services.AddBilling(_ => { }).UseInMemoryStores();
        using var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<PrepaidAccountService>().OpenAsync("acc", Usd);
        var before = SystemClock.Instance.GetCurrentInstant();

        var order = await host.Services.GetRequiredService<TopUpService>().CreateAsync("o1", "acc", new Money(10m, Usd), new Money(10m, Usd), "card");

        Assert.InRange(order.CreatedAt, before, SystemClock.Instance.GetCurrentInstant());
    }

    [Fact]
    public async Task TheSettings_BindFromConfiguration_AndReachTheServices()
    {
        using var host = Hosts.InMemory(
            ("Billing:TimeZone", "Asia/Tokyo"),
            ("Billing:InvoiceSeries:Name", "TOK"),
            ("Billing:InvoiceSeries:Format", "T{yy}-{seq:0000}"),
            ("Billing:Retry:MaxAttempts", "3"),
            ("Billing:Retry:BaseDelay", "00:00:00.010"),
            ("Billing:TaxRounding", "PerLine"),
            ("Billing:Events:MaxAttempts", "2"),
            ("Billing:Events:CallEvents", "true"));
        await host.StartAsync();
        var options = host.Services.GetRequiredService<IOptions<BillingOptions>>().Value;
        var services = host.Services;
        await services.GetRequiredService<PrepaidAccountService>().OpenAsync("acc", Usd);
        var march = BillingPeriod.OfMonth(new YearMonth(2026, 2));

        var closed = await services.GetRequiredService<PrepayInvoicing>().CloseAsync(new PrepayPeriod("acc", "Account acc", march, new AccountTimeZone(DateTimeZone.Utc), Usd));

        Assert.Equal(("Asia/Tokyo", 3, TimeSpan.FromMilliseconds(10)), (options.TimeZone, options.Retry.MaxAttempts, options.Retry.BaseDelay));
        Assert.Equal("T26-0001", closed.Invoice!.Number);
        Assert.Equal(Charging.TaxRounding.PerLine, services.GetRequiredService<Charging.ChargeEngine>().Policy.TaxRounding);
        Assert.True(services.GetRequiredService<Consumption.ConsumptionService>().CallEvents);
        Assert.Equal(2, options.Events.MaxAttempts);
    }

    [Theory]
    [InlineData("Billing:TimeZone", "Mars/Olympus_Mons", "Billing:TimeZone")]
    [InlineData("Billing:InvoiceSeries:Format", "INV-{yyyy}", "Billing:InvoiceSeries:Format")]
    [InlineData("Billing:InvoiceSeries:Name", " ", "Billing:InvoiceSeries:Name")]
    [InlineData("Billing:ApplicationSeries:Format", "FP-{nope}-{seq}", "Billing:ApplicationSeries:Format")]
    [InlineData("Billing:Retry:MaxAttempts", "0", "Billing:Retry:MaxAttempts")]
    [InlineData("Billing:Retry:MaxAttempts", "1001", "Billing:Retry:MaxAttempts")]
    [InlineData("Billing:Retry:BaseDelay", "00:00:01", "Billing:Retry:BaseDelay")]
    [InlineData("Billing:Retry:MaxDelay", "00:02:00", "Billing:Retry:MaxDelay")]
    [InlineData("Billing:Events:MaxAttempts", "0", "Billing:Events:MaxAttempts")]
    [InlineData("Billing:Events:FirstDelay", "00:00:00", "Billing:Events:FirstDelay")]
    [InlineData("Billing:Events:MaxDelay", "00:00:00.5", "Billing:Events:MaxDelay")]
    public async Task ABadSetting_FailsTheHostsStart_NamingTheSetting(string key, string value, string named)
    {
        using var host = Hosts.InMemory((key, value));

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named + ":", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASectionWithAnotherName_IsNamedInTheFailure()
    {
        var builder = Hosts.Builder(("Payments:Billing:TimeZone", "Nowhere"));
        builder.Services.AddBilling(builder.Configuration.GetSection("Payments:Billing")).UseInMemoryStores();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Payments:Billing:TimeZone:", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoStoresChosen_FailsTheHostsStart_SayingHowToChoose()
    {
        var builder = Hosts.Builder();
        builder.Services.AddBilling(_ => { });
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("UseSqlite, UsePostgreSql or UseStores", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRater_AskedForWithoutAPriceBook_SaysWhichOptionToSet()
    {
        using var host = Hosts.InMemory();
        await host.StartAsync();

        var failure = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<UsageRater>());

        Assert.Contains("BillingOptions.Prices", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePriceBookAndPlansSetInCode_ReachTheRaterAndTheSubscriptions()
    {
        var builder = Hosts.Builder();
        var book = TokenPriceBook.Empty(Usd).With(new TokenPrice("m", "m-v1", new Money(1m, Usd), new Money(2m, Usd), new Money(0.5m, Usd), Hosts.Now - Duration.FromDays(30)));
        builder.Services.AddBilling(options => options.Prices = book).UseInMemoryStores();
        using var host = builder.Build();
        await host.StartAsync();

        var rated = host.Services.GetRequiredService<UsageRater>().Rate(new UsageRecord("r1", "acc", "key", "m", 1_000_000, 0, Hosts.Now));

        Assert.Equal(new Money(1m, Usd), rated.Cost);
        Assert.NotNull(host.Services.GetRequiredService<Reconciler>());
    }

    [Fact]
    public async Task TheServices_LogThroughTheHostsLoggers_UnderTheirOwnCategories()
    {
        var logs = new ListLoggerProvider();
        var builder = Hosts.Builder();
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        Hosts.AddClockAndGateway(builder.Services);
        builder.Services.AddBilling(_ => { }).UseInMemoryStores();
        using var host = builder.Build();
        await host.StartAsync();
        var topUps = host.Services.GetRequiredService<TopUpService>();
        await host.Services.GetRequiredService<PrepaidAccountService>().OpenAsync("acc", Usd);
        await topUps.CreateAsync("o1", "acc", new Money(10m, Usd), new Money(10m, Usd), "card");
        var paid = new PaymentConfirmation("o1", "pay-1", new Money(10m, Usd), Hosts.Now);

        await topUps.ConfirmAsync(paid);
        await topUps.ConfirmAsync(paid);

        var replay = Assert.Single(logs.Entries, e => e.EventId.Name == "Replayed");
        Assert.Equal(typeof(TopUpService).FullName, replay.Category);
        Assert.Equal(1101, replay.EventId.Id);
    }
}
