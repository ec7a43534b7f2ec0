using Billing.Domain;
using Billing.Domain.Ledger;
using NodaTime;

namespace PrepaidApi;

/// <summary>Opening accounts, reading their balance and invoiceable amount, and listing them for the back office.</summary>
internal static class Accounts
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/accounts");

        accounts.MapPut("/{accountId}", async (string accountId, OpenAccount request, PrepaidAccountService service, CancellationToken cancellationToken) =>
        {
            var profile = new AccountProfile(request.Name, request.Type, request.Zone());
            return Results.Ok(await service.OpenAsync(accountId, profile, request.Currency, request.CreditLimit, cancellationToken));
        });

        accounts.MapGet("/{accountId}", (string accountId, PrepaidAccountService service, CancellationToken cancellationToken) =>
            service.GetAsync(accountId, cancellationToken));

        accounts.MapGet("/", (string? type, int? page, int? size, PrepaidAccountService service, CancellationToken cancellationToken) =>
            service.ListAsync(new AccountQuery { Type = QueryParameters.Enum<AccountType>(type, nameof(type)), Page = QueryParameters.Page(page, size) }, cancellationToken));
    }

    /// <summary>Opens an account: its display name, type, TZDB time zone, currency and credit limit (none when null).</summary>
    internal sealed record OpenAccount(string Name, AccountType Type, string TimeZone, Currency Currency, Money? CreditLimit)
    {
        public DateTimeZone Zone() =>
            DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) ?? throw new ArgumentException($"{TimeZone} is not a TZDB time zone.", nameof(TimeZone));
    }
}
