using Billing.Domain.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Billing.Domain.Hosting;

/// <summary>Runs the event dispatcher round after round while the host runs (<see cref="BillingBuilder.DispatchEvents"/>).</summary>
internal sealed partial class EventDispatchService(BillingEventDispatcher dispatcher, TimeSpan every, ILogger<EventDispatchService>? logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed round (the store unreachable) is logged; the next round tries again.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                if (logger is not null)
                {
                    RoundFailed(logger, failure);
                }
            }

            try
            {
                await Task.Delay(every, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 1403, EventName = "EventRoundFailed", Level = LogLevel.Error, Message = "A round of event delivery failed; the next one tries again")]
    private static partial void RoundFailed(ILogger logger, Exception failure);
}
