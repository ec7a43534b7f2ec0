using Microsoft.Extensions.Logging;

namespace Billing.Domain.Diagnostics;

/// <summary>The library's log events, source-generated, with stable event ids (docs/hosting.md lists them).</summary>
internal static partial class BillingLog
{
    [LoggerMessage(EventId = 1001, EventName = "CommandRetried", Level = LogLevel.Debug,
        Message = "{Command} lost a race (attempt {Attempt}); trying again in {DelayMs} ms")]
    public static partial void CommandRetried(ILogger logger, string command, int attempt, double delayMs);

    [LoggerMessage(EventId = 1002, EventName = "ConflictPersisted", Level = LogLevel.Warning,
        Message = "{Command} lost its race {Attempts} times; the conflict reaches the caller")]
    public static partial void ConflictPersisted(ILogger logger, string command, int attempts);

    [LoggerMessage(EventId = 1003, EventName = "CommandRefused", Level = LogLevel.Information,
        Message = "{Command} refused: {Code} ({Reason})")]
    public static partial void CommandRefused(ILogger logger, string command, string code, string reason);

    [LoggerMessage(EventId = 1101, EventName = "Replayed", Level = LogLevel.Debug,
        Message = "{Command} replayed {Key}: answered as the first time, nothing written")]
    public static partial void Replayed(ILogger logger, string command, string key);

    [LoggerMessage(EventId = 1201, EventName = "TopUpAbnormal", Level = LogLevel.Warning,
        Message = "Top-up order {OrderId} of account {AccountId} received payment {PaymentReference} that did not match it ({Outcome}); it waits for a person")]
    public static partial void TopUpAbnormal(ILogger logger, string orderId, string accountId, string paymentReference, string outcome);

    [LoggerMessage(EventId = 1301, EventName = "PeriodClosed", Level = LogLevel.Information,
        Message = "Closed the Prepay period {Period} of account {AccountId}: invoice {InvoiceNumber}, total {Total}")]
    public static partial void PeriodClosed(ILogger logger, string accountId, Periods.BillingPeriod period, string? invoiceNumber, Money total);

    [LoggerMessage(EventId = 1302, EventName = "CloseCompleted", Level = LogLevel.Information,
        Message = "Prepay close of {Accounts} accounts ({Failed} failed) took {Seconds} s")]
    public static partial void CloseCompleted(ILogger logger, int accounts, int failed, double seconds);

    [LoggerMessage(EventId = 1401, EventName = "EventDeliveryFailed", Level = LogLevel.Warning,
        Message = "Delivering {EventType} {EventId} failed (attempt {Attempt}); trying again at {RetryAt}")]
    public static partial void EventDeliveryFailed(ILogger logger, string eventType, string eventId, int attempt, NodaTime.Instant retryAt, Exception failure);

    [LoggerMessage(EventId = 1402, EventName = "EventParked", Level = LogLevel.Error,
        Message = "Delivering {EventType} {EventId} failed {Attempts} times: parked until an operator requeues it")]
    public static partial void EventParked(ILogger logger, string eventType, string eventId, int attempts, Exception failure);
}
