using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Billing.Domain.Diagnostics;

/// <summary>
/// The names under which Billing.Domain reports what it does: one <see cref="Meter"/> and one
/// <see cref="ActivitySource"/>, both named <see cref="Name"/>, following OpenTelemetry's naming conventions. A host
/// collects them with OpenTelemetry (<c>AddMeter(BillingTelemetry.Name)</c>, <c>AddSource(BillingTelemetry.Name)</c>) or
/// any <see cref="MeterListener"/> and <see cref="ActivityListener"/>; the library needs no OpenTelemetry package.
/// </summary>
/// <remarks>
/// Every service command (recording a call, confirming a payment, closing a period…) runs in an activity named after
/// the command, such as <c>consumption.record</c> (docs/hosting.md lists them), tagged <see cref="Tags.Command"/>, with
/// the status Error and the tag <c>error.type</c> = the rule's code when it throws a <see cref="BillingException"/>.
/// </remarks>
public static class BillingTelemetry
{
    /// <summary>The name of the library's meter and activity source.</summary>
    public const string Name = "Billing.Domain";

    private static readonly string? Version = typeof(BillingTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    internal static readonly ActivitySource Source = new(Name, Version);

    internal static readonly Meter Meter = new(Name, Version);

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(Instruments.Retries, "{retry}", "Commands tried again after their commit lost a race.");

    internal static readonly Counter<long> Refusals = Meter.CreateCounter<long>(Instruments.Refusals, "{refusal}", "Commands refused by a billing rule, by the rule's code.");

    internal static readonly Counter<long> Calls = Meter.CreateCounter<long>(Instruments.Calls, "{call}", "Rated calls answered, by outcome.");

    internal static readonly Counter<decimal> Debited = Meter.CreateCounter<decimal>(Instruments.Debited, "{amount}", "Amounts debited from prepaid balances, per currency.");

    internal static readonly Counter<decimal> Credited = Meter.CreateCounter<decimal>(Instruments.Credited, "{amount}", "Amounts credited to prepaid balances, per currency.");

    internal static readonly Counter<long> TopUps = Meter.CreateCounter<long>(Instruments.TopUps, "{payment}", "Top-up payments received, by outcome.");

    internal static readonly Histogram<double> CloseDuration = Meter.CreateHistogram<double>(Instruments.CloseDuration, "s", "How long closing one account's Prepay period took.");

    /// <summary>The names of the library's instruments.</summary>
    public static class Instruments
    {
        /// <summary>Counter of commands tried again after a lost race; tag <see cref="Tags.Command"/>.</summary>
        public const string Retries = "billing.command.retries";

        /// <summary>Counter of refusals: billing rules thrown as exceptions and refusals returned as data; tags <see cref="Tags.Command"/>, <see cref="Tags.Code"/>.</summary>
        public const string Refusals = "billing.refusals";

        /// <summary>Counter of rated calls answered; tag <see cref="Tags.Outcome"/> (<c>recorded</c>, <c>already_recorded</c>, <c>refused_over_credit_limit</c>).</summary>
        public const string Calls = "billing.consumption.calls";

        /// <summary>Counter of amounts debited (as positive numbers); tag <see cref="Tags.Currency"/>.</summary>
        public const string Debited = "billing.ledger.debited";

        /// <summary>Counter of amounts credited; tag <see cref="Tags.Currency"/>.</summary>
        public const string Credited = "billing.ledger.credited";

        /// <summary>Counter of top-up payments received; tag <see cref="Tags.Outcome"/> (<c>credited</c>, <c>mismatched</c>, <c>unexpected</c>, <c>replayed</c>).</summary>
        public const string TopUps = "billing.top_up.payments";

        /// <summary>Histogram of the seconds closing one account's Prepay period took; tag <see cref="Tags.Outcome"/> (<c>made</c>, <c>already_made</c>, <c>failed</c>).</summary>
        public const string CloseDuration = "billing.close.duration";
    }

    /// <summary>The names of the tags on the library's measurements and activities.</summary>
    public static class Tags
    {
        /// <summary>The command, such as <c>consumption.record</c>.</summary>
        public const string Command = "billing.command";

        /// <summary>A refusal's stable code, such as <c>consumption.over_credit_limit</c>.</summary>
        public const string Code = "billing.refusal.code";

        /// <summary>What happened, in snake case.</summary>
        public const string Outcome = "billing.outcome";

        /// <summary>An amount's currency code.</summary>
        public const string Currency = "billing.currency";

        /// <summary>The account a command is about.</summary>
        public const string Account = "billing.account.id";
    }
}
