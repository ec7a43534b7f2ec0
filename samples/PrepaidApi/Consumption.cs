using Billing.Domain.AspNetCore;
using Billing.Domain.Consumption;
using Billing.Domain.Hosting;
using Billing.Domain.Prepaid;
using Billing.Domain.Rating;
using NodaTime;

namespace PrepaidApi;

/// <summary>Recording each API call against the balance, and the consumption records customers search (seed 000).</summary>
internal static class Consumption
{
    public static void MapConsumption(this IEndpointRouteBuilder app)
    {
        // The gateway in front of the models posts every call once it is answered; a repeat of a request id is a replay.
        app.MapPost("/accounts/{accountId}/calls", async (string accountId, RecordCall call, UsageRater rater, ConsumptionService service, CancellationToken cancellationToken) =>
        {
            var usage = new UsageRecord(call.RequestId, accountId, call.TokenName, call.Model, call.InputTokens, call.OutputTokens, call.OccurredAt, call.CachedInputTokens);
            var result = await service.RecordAsync(rater.Rate(usage), cancellationToken);
            return BillingProblems.FromResult(result) is { } refused ? (IResult)refused.ToHttpResult() : Results.Ok(result);
        });

        app.MapGet("/accounts/{accountId}/consumption", (
            string accountId, string? from, string? to, string? model, string? token, string? requestId, int? page, int? size, IPrepaidStore store,
            CancellationToken cancellationToken) =>
            store.QueryConsumptionAsync(
                new ConsumptionQuery(accountId)
                {
                    Occurred = QueryParameters.Range(from, to),
                    Model = string.IsNullOrEmpty(model) ? null : model,
                    TokenName = string.IsNullOrEmpty(token) ? null : token,
                    RequestId = string.IsNullOrEmpty(requestId) ? null : requestId,
                    Page = QueryParameters.Page(page, size),
                },
                cancellationToken));
    }

    /// <summary>One answered API call: its request id, the token (API key) name, the model, the tokens and when it was made.</summary>
    internal sealed record RecordCall(string RequestId, string TokenName, string Model, long InputTokens, long OutputTokens, Instant OccurredAt, long CachedInputTokens = 0);
}
