using Billing.Domain.Utility;
namespace Billing.Domain.Invoices;

/// <summary>A rendered invoice document: what a host stores, mails or offers for download.</summary>
/// <param name="FileName">A file name for it, e.g. <c>INV-202604-000001.txt</c>.</param>
/// <param name="ContentType">Its media type, e.g. <c>text/plain; charset=utf-8</c>.</param>
/// <param name="Content">Its bytes.</param>
public sealed record RenderedDocument(string FileName, string ContentType, ReadOnlyMemory<byte> Content)
{
    /// <summary>Gets a file name for it, e.g. <c>INV-202604-000001.txt</c>.</summary>
    public string FileName { get; } = Preconditions.CheckNotNull(FileName);

    /// <summary>Gets its media type, e.g. <c>text/plain; charset=utf-8</c>.</summary>
    public string ContentType { get; } = Preconditions.CheckNotNull(ContentType);
}
