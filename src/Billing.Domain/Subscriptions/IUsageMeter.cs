using Billing.Domain.Storage;

namespace Billing.Domain.Subscriptions;

/// <summary>
/// The host's meter, a port the host implements: how much of a plan's usage charge a subscription used over a span
/// (calls, tokens, GB-hours), read by the billing run once a period has ended.
/// </summary>
/// <remarks>
/// The run asks once per subscription, period, usage charge and run of days on the same terms, and stores the
/// charge it makes, so a span is metered once. Answer from the host's own records (an OpenMeter or Lago meter, a
/// usage table): the same question must always get the same answer.
/// </remarks>
public interface IUsageMeter
{
    /// <summary>Returns the quantity used.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="chargeName">The plan's usage charge, such as <c>Calls</c>.</param>
    /// <param name="during">The span: from the start of the first day charged to the start of the day after the last, in the run's time zone.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The quantity: 0 or more, up to <see cref="Pricing.PriceComponent.MaxQuantity"/>, with up to three decimals.</returns>
    Task<decimal> UsageAsync(string subscriptionId, string chargeName, InstantRange during, CancellationToken cancellationToken = default);
}
