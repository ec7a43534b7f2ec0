namespace Billing.Domain.InvoiceApplications;

/// <summary>The stored document of an issued application is missing, or its bytes are not those it was issued with: it is not served.</summary>
public sealed class IssuedDocumentCorruptException : BillingException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "application.document_corrupt";

    /// <summary>Initializes the exception.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="detail">What is wrong with the stored document.</param>
    public IssuedDocumentCorruptException(string applicationId, string detail)
        : base(ErrorCode, $"The issued document of invoice application {applicationId} cannot be served: {detail}")
    {
        ApplicationId = applicationId;
    }

    /// <summary>Gets the application.</summary>
    public string ApplicationId { get; }
}
