using System.Security.Cryptography;
using Billing.Domain.Invoices;
using Billing.Domain.Utility;

namespace Billing.Domain.InvoiceApplications;

/// <summary>
/// The document an application was issued with, stored once with the application's issue and never rendered again:
/// a download returns these bytes, whatever the renderer does later. Its SHA-256 is kept on the application too
/// (<see cref="InvoiceApplication.DocumentSha256"/>), so that a damaged or swapped file is found, not served.
/// </summary>
public sealed record IssuedDocument
{
    /// <summary>Initializes an issued document and computes its hash.</summary>
    /// <param name="applicationId">The application it was issued with.</param>
    /// <param name="document">The file: rendered at issue, or the official one a tax authority's system issued.</param>
    /// <exception cref="ArgumentException">The id or the file name is empty, or the file is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="applicationId"/> or <paramref name="document"/> is null.</exception>
    public IssuedDocument(string applicationId, RenderedDocument document)
    {
        ApplicationId = Preconditions.CheckId(applicationId);
        Document = Preconditions.CheckNotNull(document);
        Preconditions.CheckText(document.FileName, nameof(document));
        Preconditions.CheckArgument(!document.Content.IsEmpty, nameof(document), "An issued document has content.");
        Sha256 = HashOf(document.Content.Span);
    }

    /// <summary>Gets the application it was issued with.</summary>
    public string ApplicationId { get; }

    /// <summary>Gets the file.</summary>
    public RenderedDocument Document { get; }

    /// <summary>Gets the SHA-256 of the file's bytes, in lower-case hex.</summary>
    public string Sha256 { get; }

    /// <summary>Returns the SHA-256 of some bytes as an issued document's hash is written: 64 lower-case hex digits.</summary>
    /// <param name="content">The bytes.</param>
    /// <returns>The hash.</returns>
    public static string HashOf(ReadOnlySpan<byte> content) =>
#pragma warning disable CA1308 // lower case is the format: sha256sum and the hash columns write it so
        Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
#pragma warning restore CA1308

    /// <summary>Compares the application, the file's name, type and bytes.</summary>
    /// <param name="other">The other document.</param>
    /// <returns>True when they are the same file of the same application.</returns>
    public bool Equals(IssuedDocument? other) =>
        other is not null && ApplicationId == other.ApplicationId && Sha256 == other.Sha256
        && Document.FileName == other.Document.FileName && Document.ContentType == other.Document.ContentType;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ApplicationId, Sha256);
}
