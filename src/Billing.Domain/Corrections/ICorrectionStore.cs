using Billing.Domain.Storage;

namespace Billing.Domain.Corrections;

/// <summary>Reads corrections; writes go through <see cref="Prepaid.IPrepaidStore.CommitAsync"/>.</summary>
public interface ICorrectionStore
{
    /// <summary>Finds a correction by its id.</summary>
    /// <param name="correctionId">The correction's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The correction as last saved, or null.</returns>
    Task<Correction?> FindCorrectionAsync(string correctionId, CancellationToken cancellationToken = default);

    /// <summary>Lists an account's corrections as <see cref="CorrectionQuery"/> says: filtered, newest first, paged.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<Page<Correction>> QueryCorrectionsAsync(CorrectionQuery query, CancellationToken cancellationToken = default);
}
