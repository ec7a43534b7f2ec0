using System.Text.Json;
using Billing.Domain;
using Billing.Domain.Prepaid;
using Billing.Domain.TopUps;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NodaTime;

namespace PrepaidApi;

/// <summary>Top-ups paid by bank transfer, the bank's webhook, and the billing records (orders) customers review (seed 000).</summary>
internal static class TopUps
{
    public static void MapTopUps(this IEndpointRouteBuilder app)
    {
        app.MapPost("/accounts/{accountId}/top-ups", async (string accountId, CreateTopUp request, TopUpService service, CancellationToken cancellationToken) =>
        {
            await service.CreateAsync(request.OrderId, accountId, request.Amount, request.PaymentAmount, "bank_transfer", cancellationToken);
            var started = await service.StartPaymentAsync(request.OrderId, cancellationToken);
            return Results.Accepted($"/accounts/{accountId}/billing-records/{started.OrderId}", started);
        });

        app.MapGet("/accounts/{accountId}/billing-records/{orderId}", async (string accountId, string orderId, IPrepaidStore store, CancellationToken cancellationToken) =>
            await store.FindOrderAsync(orderId, cancellationToken) is { } order && order.AccountId == accountId ? Results.Ok(order) : Results.NotFound());

        app.MapGet("/accounts/{accountId}/billing-records", (
            string accountId, string? from, string? to, string[]? status, decimal? minAmount, decimal? maxAmount, bool? needsReview, int? page, int? size,
            IPrepaidStore store, CancellationToken cancellationToken) =>
            store.QueryOrdersAsync(
                new TopUpOrderQuery(accountId)
                {
                    Created = QueryParameters.Range(from, to),
                    Statuses = QueryParameters.Enums<TopUpStatus>(status, nameof(status)),
                    MinAmount = minAmount,
                    MaxAmount = maxAmount,
                    NeedsReview = needsReview,
                    Page = QueryParameters.Page(page, size),
                },
                cancellationToken));

        // The bank calls this once or more per transfer, in any order: a repeat is answered with the first outcome.
        app.MapPost("/webhooks/bank-transfers", async (HttpRequest http, IOptions<WebhookOptions> webhook, IOptions<JsonOptions> json, TopUpService service, CancellationToken cancellationToken) =>
        {
            using var body = new MemoryStream();
            await http.Body.CopyToAsync(body, cancellationToken);
            if (!webhook.Value.Verifies(body.GetBuffer().AsSpan(0, (int)body.Length), http.Headers[WebhookOptions.SignatureHeader]))
            {
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The notification's signature is not the bank's.");
            }

            var transfer = JsonSerializer.Deserialize<BankTransfer>(body.GetBuffer().AsSpan(0, (int)body.Length), json.Value.SerializerOptions)
                ?? throw new ArgumentException("The notification is empty.", nameof(http));
            var confirmed = await service.ConfirmAsync(new PaymentConfirmation(transfer.Reference, transfer.TransferId, transfer.Amount, transfer.ReceivedAt), cancellationToken);
            return Results.Ok(new TransferAnswer(confirmed.Order.OrderId, confirmed.Order.Status, confirmed.Payment.Outcome, confirmed.Replayed));
        });
    }

    /// <summary>A top-up: the order's id (the transfer's reference), the balance credited and the amount the customer transfers.</summary>
    internal sealed record CreateTopUp(string OrderId, Money Amount, Money PaymentAmount);

    /// <summary>The bank's notification of a transfer received: its id, the reference the customer quoted, the amount, when.</summary>
    internal sealed record BankTransfer(string TransferId, string Reference, Money Amount, Instant ReceivedAt);

    /// <summary>What the webhook answers: the order as the transfer left it, what the transfer did, and whether it was a repeat.</summary>
    internal sealed record TransferAnswer(string OrderId, TopUpStatus Status, TopUpPaymentOutcome Outcome, bool Replayed);
}
