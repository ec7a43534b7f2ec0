using System.Collections;
using System.Reflection;
using Billing.Domain.Charging;
using Billing.Domain.Consumption;
using Billing.Domain.Corrections;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Numbering;
using Billing.Domain.Payments;
using Billing.Domain.Periods;
using Billing.Domain.Plans;
using Billing.Domain.Prepaid;
using Billing.Domain.Pricing;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using Billing.Domain.Testing;
using Billing.Domain.Testing.InMemory;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using NodaTime.Testing;

namespace Billing.Domain.Tests;

/// <summary>
/// No public constructor takes a null where it needs a value: every record a host builds or reads refuses null for
/// a parameter not annotated nullable with <see cref="ArgumentNullException"/> at construction, so a null never
/// surfaces later as a <see cref="NullReferenceException"/>. Checked by reflection over every public constructor.
/// </summary>
public class NullArgumentTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 0, 0);
    private static readonly NullabilityInfoContext Nullability = new();
    private static readonly NumberSeries Series = new("INV", "INV-{seq:0000}");
    private static readonly TokenPrice Price = new("gpt-x", "v1", new Money(1m, Usd), new Money(2m, Usd), new Money(0.5m, Usd), At);

    // Values of the types constructors take that have no public constructor of their own to build them with.
    private static readonly Dictionary<Type, object> Known = new()
    {
        [typeof(string)] = "x1",
        [typeof(Money)] = new Money(1m, Usd),
        [typeof(Currency)] = Usd,
        [typeof(CurrencyRegistry)] = CurrencyRegistry.Iso4217,
        [typeof(Instant)] = At,
        [typeof(LocalDate)] = new LocalDate(2026, 3, 1),
        [typeof(BillingPeriod)] = BillingPeriod.OfMonth(new YearMonth(2026, 3)),
        [typeof(ProrationFactor)] = ProrationFactor.One,
        [typeof(RoundingPolicy)] = RoundingPolicy.Commercial,
        [typeof(DateTimeZone)] = DateTimeZone.Utc,
        [typeof(Exception)] = new InvalidOperationException("x"),
        [typeof(TopUpOrder)] = TopUpOrder.Create("o", "a", new Money(1m, Usd), new Money(1m, Usd), "card", At),
        [typeof(PrepaidAccount)] = PrepaidAccount.Open("a", Usd, At),
        [typeof(Correction)] = Correction.Request("c", "a", new Money(1m, Usd), "d", "alice", At),
        [typeof(InvoiceHeader)] = InvoiceHeader.Create("h", "a", new InvoiceHeaderDetails(InvoiceHeaderType.Personal, "Li")),
        [typeof(Invoice)] = Invoice.Draft("i", "a", "A", BillingPeriod.OfMonth(new YearMonth(2026, 3)), Usd, At),
        [typeof(PriceComponent)] = new PerUnitPrice(new Money(1m, Usd)),
        [typeof(Discount)] = Discount.Percent(1m),
        [typeof(ChargeSpec)] = ChargeSpec.For("x", 1m, new PerUnitPrice(new Money(1m, Usd))),
        [typeof(TopUpPayment)] = new TopUpPayment("p", new Money(1m, Usd), At, At, TopUpPaymentOutcome.Credited),
        [typeof(NumberSeries)] = Series,
        [typeof(RenderedDocument)] = new RenderedDocument("x.pdf", "application/pdf", new byte[] { 1 }),
        [typeof(AccountScope)] = AccountScope.AllAccounts,
        [typeof(Func<Invoice, NumberSeries>)] = new Func<Invoice, NumberSeries>(_ => Series),
        [typeof(IClock)] = new FakeClock(At),
        [typeof(Microsoft.Extensions.Logging.ILogger)] = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
        [typeof(Billing.Domain.Storage.ConflictRetryPolicy)] = Billing.Domain.Storage.ConflictRetryPolicy.Default,
        [typeof(IPrepaidStore)] = new InMemoryPrepaidStore(),
        [typeof(Billing.Domain.Events.IOutboxStore)] = new InMemoryPrepaidStore(),
        [typeof(Billing.Domain.InvoiceApplications.IInvoiceApplicationStore)] = new InMemoryPrepaidStore(),
        [typeof(Billing.Domain.Events.IInvoiceDelivery)] = new Billing.Domain.Testing.Events.InMemoryInvoiceDelivery(),
        [typeof(Billing.Domain.Events.EventDeliveryPolicy)] = Billing.Domain.Events.EventDeliveryPolicy.Default,
        [typeof(Billing.Domain.Events.BillingEvent)] = new Billing.Domain.Events.ApplicationApproved("app-1", "acc", new Money(1m, Usd), At),
        [typeof(IConsumptionStore)] = new InMemoryPrepaidStore(),
        [typeof(ICorrectionStore)] = new InMemoryPrepaidStore(),
        [typeof(IInvoiceStore)] = new InMemoryInvoiceStore(),
        [typeof(IInvoiceHeaderStore)] = new InMemoryInvoiceHeaderStore(),
        [typeof(IPaymentGateway)] = new InMemoryPaymentGateway(new FakeClock(At)),
        [typeof(IInvoiceRenderer)] = new PlainTextInvoiceRenderer(),
        [typeof(TokenPriceBook)] = TokenPriceBook.Empty(Usd).With(Price),
        [typeof(IReadOnlyList<TokenPrice>)] = new[] { Price },
        [typeof(IReadOnlyDictionary<string, decimal>)] = new Dictionary<string, decimal>(),
        [typeof(Billing.Domain.Subscriptions.IUsageMeter)] = new NoUsage(),
        [typeof(IReadOnlyList<PriceTier>)] = new[] { new PriceTier(null, new Money(1m, Usd)) },
        [typeof(IReadOnlyList<PercentageTier>)] = new[] { new PercentageTier(null, 1m, new Money(1m, Usd)) },
        [typeof(BillingInterval)] = BillingInterval.Monthly,
        [typeof(PlanCatalog)] = PlanCatalog.Empty,
        [typeof(Func<string, AccountBilling>)] = new Func<string, AccountBilling>(_ => AccountBilling.Default),
        [typeof(IReadOnlyList<PlanCharge>)] = new[] { new PlanCharge("Fee", PlanChargeKind.Fee, new PerUnitPrice(new Money(1m, Usd))) },
        [typeof(Subscription)] = Subscription.Order("s", "a", "S", "p", BillingType.Recurring, PaymentModel.Prepaid, At, "alice"),
    };

    public static TheoryData<string, int> Parameters()
    {
        var data = new TheoryData<string, int>();
        foreach (var constructor in Constructors())
        {
            foreach (var parameter in constructor.GetParameters().Where(NeedsAValue))
            {
                data.Add(Name(constructor), parameter.Position);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void APublicConstructor_RefusesNull_WhereItNeedsAValue(string constructorName, int position)
    {
        var constructor = Constructors().Single(c => Name(c) == constructorName);
        var arguments = constructor.GetParameters().Select(p => SampleFor(p, 0)).ToArray();
        constructor.Invoke(arguments);   // valid arguments build it
        arguments[position] = null;

        var thrown = Assert.Throws<TargetInvocationException>(() => constructor.Invoke(arguments)).InnerException;

        Assert.IsType<ArgumentNullException>(thrown);
    }

    private static IEnumerable<ConstructorInfo> Constructors() =>
        typeof(Money).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && !typeof(Exception).IsAssignableFrom(t) && !t.IsGenericTypeDefinition)
            .SelectMany(t => t.GetConstructors())
            .Where(c => c.GetParameters().Any(NeedsAValue));

    private static bool NeedsAValue(ParameterInfo parameter) =>
        !parameter.ParameterType.IsValueType && Nullability.Create(parameter).WriteState != NullabilityState.Nullable;

    private static string Name(ConstructorInfo constructor) =>
        $"{constructor.DeclaringType!.FullName}({string.Join(", ", constructor.GetParameters().Select(p => p.ParameterType.Name))})";

    // A valid value of a type: a known one, the first of an enum or smart enum, an empty list, or one built with the type's widest public constructor.
    private static object? Sample(Type type, int depth)
    {
        if (Known.TryGetValue(type, out var known))
        {
            return known;
        }

        if (Nullable.GetUnderlyingType(type) is not null)
        {
            return null;
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0);
        }

        if (type.GetProperty("List", BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy)?.GetValue(null) is IEnumerable smart)
        {
            return smart.Cast<object>().First();
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var generic
            && (generic == typeof(IReadOnlyList<>) || generic == typeof(IEnumerable<>) || generic == typeof(IReadOnlyCollection<>)))
        {
            return Array.CreateInstance(type.GetGenericArguments()[0], 0);
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(decimal))
        {
            return Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }

        Assert.True(depth < 4, $"No sample value for {type.Name}: add one to Known.");
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"No public constructor builds {type.Name}: add a sample to Known.");
        return constructor.Invoke([.. constructor.GetParameters().Select(p => SampleFor(p, depth + 1))]);
    }

    // A number series' format needs its {seq}, and a VAT category a code of the norm's (S, standard rated at the decimal sample's rate); every other parameter takes the sample of its type.
    private static object? SampleFor(ParameterInfo parameter, int depth) => (parameter.Member.DeclaringType?.Name, parameter.Name) switch
    {
        (_, "format") => "X-{seq}",
        (nameof(Billing.Domain.EInvoicing.VatCategory), "code") => "S",
        _ => Sample(parameter.ParameterType, depth),
    };

    private sealed class NoUsage : Billing.Domain.Subscriptions.IUsageMeter
    {
        public Task<decimal> UsageAsync(string subscriptionId, string chargeName, Billing.Domain.Storage.InstantRange during, CancellationToken cancellationToken = default) =>
            Task.FromResult(0m);
    }
}
