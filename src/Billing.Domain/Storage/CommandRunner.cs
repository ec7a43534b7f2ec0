using System.Diagnostics;
using Billing.Domain.Diagnostics;
using Billing.Domain.Utility;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Billing.Domain.Storage;

/// <summary>
/// Runs a service's read-decide-commit commands: each in an activity, again from the read when its commit loses a race
/// (as the <see cref="ConflictRetryPolicy"/> says), its refusals counted and logged.
/// </summary>
internal sealed class CommandRunner
{
    public CommandRunner(ConflictRetryPolicy? retry, ILogger? logger)
    {
        Retry = retry ?? ConflictRetryPolicy.Default;
        Logger = logger ?? NullLogger.Instance;
    }

    public ConflictRetryPolicy Retry { get; }

    public ILogger Logger { get; }

    public async Task<T> RunAsync<T>(string command, Func<Task<T>> attempt, CancellationToken cancellationToken = default)
    {
        using var activity = BillingTelemetry.Source.StartActivity(command);
        activity?.SetTag(BillingTelemetry.Tags.Command, command);
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException) when (i < Retry.MaxAttempts)
            {
                // Another command committed first: wait a little, read again and decide again.
                var delay = Retry.DelayBefore(i);
                BillingTelemetry.Retries.Add(1, new KeyValuePair<string, object?>(BillingTelemetry.Tags.Command, command));
                BillingLog.CommandRetried(Logger, command, i, delay.TotalMilliseconds);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await Task.Yield();
                }
            }
            catch (BillingException e)
            {
                if (e is ConcurrencyConflictException)
                {
                    BillingLog.ConflictPersisted(Logger, command, i);
                }

                Refused(command, e.Code, e.Message);
                activity?.SetStatus(ActivityStatusCode.Error, e.Code);
                activity?.SetTag("error.type", e.Code);
                throw;
            }
        }
    }

    /// <summary>Counts and logs a refusal, thrown or returned as data.</summary>
    public void Refused(string command, string code, string reason)
    {
        BillingTelemetry.Refusals.Add(
            1,
            new KeyValuePair<string, object?>(BillingTelemetry.Tags.Command, command),
            new KeyValuePair<string, object?>(BillingTelemetry.Tags.Code, code));
        BillingLog.CommandRefused(Logger, command, code, reason);
    }
}
