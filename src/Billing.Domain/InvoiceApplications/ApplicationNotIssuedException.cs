namespace Billing.Domain.InvoiceApplications;

/// <summary>The document of an application was asked for before the application was issued.</summary>
public sealed class ApplicationNotIssuedException : BillingException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "application.not_issued";

    /// <summary>Initializes the exception.</summary>
    /// <param name="applicationId">The application.</param>
    /// <param name="status">Its status.</param>
    public ApplicationNotIssuedException(string applicationId, InvoiceApplicationStatus status)
        : base(ErrorCode, $"Invoice application {applicationId} is {status}: only an issued application has a document.")
    {
        ApplicationId = applicationId;
        Status = status;
    }

    /// <summary>Gets the application.</summary>
    public string ApplicationId { get; }

    /// <summary>Gets its status.</summary>
    public InvoiceApplicationStatus Status { get; }
}
