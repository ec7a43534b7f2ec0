using Billing.Domain.Storage;

namespace Billing.Domain.Testing.Contracts;

/// <summary>The retry the contract suites' services use: their races pile many writers on one row, so retry often, at once.</summary>
internal static class ContractRetry
{
    public static readonly ConflictRetryPolicy Racing = ConflictRetryPolicy.Immediate(1_000);
}
