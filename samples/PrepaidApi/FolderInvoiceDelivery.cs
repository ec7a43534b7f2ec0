using Billing.Domain.Events;
using Billing.Domain.Invoices;
using Microsoft.Extensions.Options;

namespace PrepaidApi;

/// <summary>
/// Sends issued invoices to a folder (section <c>Mail</c>, <c>Folder</c>) instead of a mail server: one folder per
/// address, the document under its own name, written to a temporary file first and moved in place, so a reader never
/// sees half a file and a second delivery of the same invoice writes the same bytes again.
/// </summary>
internal sealed class FolderInvoiceDelivery(IOptions<MailOptions> options) : IInvoiceDelivery
{
    public async Task SendAsync(ApplicationIssued issued, RenderedDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(issued);
        ArgumentNullException.ThrowIfNull(document);
        var folder = Directory.CreateDirectory(Path.Combine(options.Value.Folder, Path.GetFileName(issued.Email))).FullName;
        var target = Path.Combine(folder, Path.GetFileName(document.FileName));
        var temporary = target + ".sending";
        await File.WriteAllBytesAsync(temporary, document.Content.ToArray(), cancellationToken);
        File.Move(temporary, target, overwrite: true);
    }
}

/// <summary>Where <see cref="FolderInvoiceDelivery"/> puts the invoices it sends.</summary>
internal sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary>Gets or sets the folder; <c>sent-invoices</c> by default.</summary>
    public string Folder { get; set; } = "sent-invoices";
}
