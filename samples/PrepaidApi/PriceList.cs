using Billing.Domain;
using Billing.Domain.Rating;
using NodaTime;

namespace PrepaidApi;

/// <summary>The platform's token prices per million tokens, in USD; a price change is a new version from its date.</summary>
internal static class PriceList
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant Launch = Instant.FromUtc(2026, 1, 1, 0, 0);

    public static TokenPriceBook Current { get; } = TokenPriceBook.Empty(Usd)
        .With(new TokenPrice("gpt-x", "gpt-x/2026-01", Dollars(2.50m), Dollars(10.00m), Dollars(1.25m), Launch))
        .With(new TokenPrice("gpt-x-mini", "gpt-x-mini/2026-01", Dollars(0.15m), Dollars(0.60m), Dollars(0.075m), Launch));

    private static Money Dollars(decimal amount) => new(amount, Usd);
}
