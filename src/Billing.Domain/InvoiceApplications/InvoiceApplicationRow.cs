using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.InvoiceApplications;

/// <summary>A row of seed 002's invoice list.</summary>
/// <param name="ApplicationId">The application, for actions such as download.</param>
/// <param name="Number">The invoice number, once issued.</param>
/// <param name="HeaderName">The invoice header's title.</param>
/// <param name="Amount">The amount.</param>
/// <param name="Status">The status.</param>
/// <param name="AppliedAt">The application date.</param>
/// <param name="IssuedAt">The issue date, if issued.</param>
public sealed record InvoiceApplicationRow(string ApplicationId, string? Number, string HeaderName, Money Amount, InvoiceApplicationStatus Status, Instant AppliedAt, Instant? IssuedAt)
{
    /// <summary>Gets the application, for actions such as download.</summary>
    public string ApplicationId { get; } = Preconditions.CheckNotNull(ApplicationId);

    /// <summary>Gets the invoice header's title.</summary>
    public string HeaderName { get; } = Preconditions.CheckNotNull(HeaderName);

    /// <summary>Makes the row of an application.</summary>
    /// <param name="application">The application.</param>
    /// <returns>The row.</returns>
    public static InvoiceApplicationRow Of(InvoiceApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return new(application.ApplicationId, application.Number, application.Header.Title, application.Amount, application.Status, application.AppliedAt, application.IssuedAt);
    }
}
