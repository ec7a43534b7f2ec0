using Billing.Domain.Storage;

namespace Billing.Domain.InvoiceApplications;

/// <summary>Reads invoice applications; writes go through <see cref="Prepaid.IPrepaidStore.CommitAsync"/> with the account's invoicing totals.</summary>
public interface IInvoiceApplicationStore
{
    /// <summary>Finds an application by its id.</summary>
    /// <param name="applicationId">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The application as last saved, or null.</returns>
    Task<InvoiceApplication?> FindApplicationAsync(string applicationId, CancellationToken cancellationToken = default);

    /// <summary>Lists an account's applications as <see cref="InvoiceApplicationQuery"/> says: filtered, newest first, paged.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<Page<InvoiceApplication>> QueryApplicationsAsync(InvoiceApplicationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Finds the document an application was issued with.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The document as stored at issue, or null.</returns>
    Task<IssuedDocument?> FindDocumentAsync(string applicationId, CancellationToken cancellationToken = default);

    /// <summary>Gets the last sequence taken from an application number series.</summary>
    /// <param name="series">The series' name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The last sequence, 0 when none was taken.</returns>
    Task<long> LastApplicationSequenceAsync(string series, CancellationToken cancellationToken = default);
}
