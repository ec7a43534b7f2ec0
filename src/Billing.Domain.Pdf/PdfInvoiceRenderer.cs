using System.Globalization;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.Invoices;
using Billing.Domain.Subscriptions;
using NodaTime;
using PdfSharp.Pdf;

namespace Billing.Domain.Pdf;

/// <summary>
/// Renders invoices as PDF: a Prepay or postpaid invoice in seed 001's layout (Invoice details; the Charges,
/// Subscriptions and Corrections tables, corrections with ▲ and ▼; the totals) and the invoice of an issued invoice
/// application (seed 002's download: header, amount, number, dates). The same document renders to the same bytes on
/// every run and machine: its dates are the invoice's own, its identifiers derived from its content.
/// </summary>
/// <remarks>
/// Text is set in DejaVu Sans, with Droid Sans Fallback for the characters it lacks (Chinese and Japanese) and
/// NanumGothic for Korean Hangul; all three ship inside the package and are embedded, subset, in each document. PDFsharp finds them through a font
/// resolver this renderer registers once per process (see <see cref="PdfSharp.Fonts.GlobalFontSettings"/>).
/// </remarks>
public sealed class PdfInvoiceRenderer : IInvoiceRenderer
{
    private const string ContentType = "application/pdf";
    private const string Absent = "-";

    /// <summary>Initializes the renderer.</summary>
    /// <param name="withExplanations">Whether each charge line shows how it was derived, in small print under it.</param>
    public PdfInvoiceRenderer(bool withExplanations = true)
    {
        WithExplanations = withExplanations;
    }

    /// <summary>Gets a value indicating whether each charge line shows how it was derived.</summary>
    public bool WithExplanations { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="invoice"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The host holds both of PDFsharp's font resolvers.</exception>
    public Task<RenderedDocument> RenderAsync(Invoice invoice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var name = invoice.Number ?? invoice.InvoiceId;
        return Task.FromResult(Document(name, invoice.IssuedAt ?? invoice.CreatedAt, canvas => Layout(canvas, invoice)));
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="application"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The host holds both of PDFsharp's font resolvers.</exception>
    public Task<RenderedDocument> RenderAsync(InvoiceApplication application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        var name = application.Number ?? application.ApplicationId;
        return Task.FromResult(Document(name, application.IssuedAt ?? application.AppliedAt, canvas => Layout(canvas, application)));
    }

    private static RenderedDocument Document(string name, Instant at, Action<PdfCanvas> layout)
    {
        BillingFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"Invoice {name}";
        document.Info.Creator = "Billing.Domain";
        document.Info.CreationDate = at.ToDateTimeUtc();
        document.Info.ModificationDate = at.ToDateTimeUtc();
        using (var canvas = new PdfCanvas(document, $"Invoice {name}"))
        {
            layout(canvas);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return new RenderedDocument(name + ".pdf", ContentType, DeterministicPdf.Pin(output.ToArray()));
    }

    private void Layout(PdfCanvas canvas, Invoice invoice)
    {
        canvas.Title($"Invoice {invoice.Number ?? "(draft)"}");
        canvas.Heading("Invoice details");
        canvas.Field("Invoice number", invoice.Number ?? "(draft)");
        canvas.Field("Account", $"{invoice.AccountName} ({invoice.AccountId})");
        canvas.Field("Total", invoice.Total.ToString());
        canvas.Field("Payment model", invoice.PaymentModel == PaymentModel.Prepaid ? "Prepay" : "Postpaid");
        canvas.Field("Status", invoice.Status.ToString());
        canvas.Field("From", Date(invoice.From));
        canvas.Field("To", Date(invoice.To));

        canvas.Heading("Charges");
        canvas.Table(
            ["#", "Description", "Quantity", "Duration", "Unit price", "Discount", "Taxes", "Amount"],
            [0.04, 0.30, 0.09, 0.08, 0.13, 0.11, 0.11, 0.14],
            [false, false, true, true, true, true, true, true],
            [.. invoice.Charges.Select(c => new[]
            {
                c.Number.ToString(CultureInfo.InvariantCulture), c.Description, c.Quantity.ToString("0.###", CultureInfo.InvariantCulture),
                c.DurationMonths?.ToString("0.###", CultureInfo.InvariantCulture) ?? Absent, c.UnitPrice?.ToString() ?? Absent, c.Discount.ToString(), c.Taxes.ToString(),
                c.Amount.ToString(),
            })],
            WithExplanations ? [.. invoice.Charges.Select(c => (string?)string.Join("\n", c.Explanation.ToString().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)))] : null);
        canvas.Line($"Charges total {invoice.ChargesTotal} (taxes {invoice.TaxesTotal})", bold: true);

        canvas.Heading("Subscriptions");
        canvas.Table(
            ["ID", "Name", "Status"],
            [0.25, 0.45, 0.30],
            [false, false, false],
            [.. invoice.Subscriptions.Select(s => new[] { s.Id, s.Name, s.Status.DisplayName })]);

        canvas.Heading("Corrections");
        canvas.Table(
            ["#", "Description", "Balance changed", "Approved at"],
            [0.05, 0.50, 0.22, 0.23],
            [false, false, true, false],
            [.. invoice.Corrections.Select(c => new[]
            {
                c.Number.ToString(CultureInfo.InvariantCulture), c.Description, $"{c.Direction} {c.BalanceChanged}",
                c.ApprovedAt.ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture),
            })]);
        canvas.Line($"Corrections total {invoice.CorrectionsTotal}", bold: true);

        if (invoice.Credits.Count > 0)
        {
            canvas.Heading("Credits, in the order they were spent");
            canvas.Table(
                ["#", "Grant", "Source", "Spent", "Expired"],
                [0.05, 0.41, 0.16, 0.19, 0.19],
                [false, false, false, true, true],
                [.. invoice.Credits.Select(c => new[] { c.Number.ToString(CultureInfo.InvariantCulture), c.GrantId, c.Source.ToString(), c.Spent.ToString(), c.Expired.ToString() })]);
        }

        canvas.Heading("Total");
        canvas.Line(invoice.Total.ToString(), bold: true);
    }

    private static void Layout(PdfCanvas canvas, InvoiceApplication application)
    {
        var details = application.Header.Details;
        canvas.Title($"Invoice {application.Number ?? "(not issued)"}");
        canvas.Field("Invoice number", application.Number ?? "(not issued)");
        canvas.Field("Issued", application.IssuedAt is { } issued ? issued.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) : Absent);
        canvas.Field("Applied", application.AppliedAt.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture));
        canvas.Heading("Bill to");
        canvas.Field("Name", $"{details.Title} ({details.Type})");
        foreach (var (label, value) in new[] { ("Tax id", details.TaxId), ("Address", details.Address), ("Phone", details.Phone), ("Bank", details.Bank), ("Account", details.BankAccount) })
        {
            if (value is not null)
            {
                canvas.Field(label, value);
            }
        }

        canvas.Heading("Invoice");
        canvas.Field("Description", $"Recharges of account {application.AccountId}");
        canvas.Field("Amount", application.Amount.ToString());
        canvas.Field("Sent to", application.Email);
        if (application.Remarks is not null)
        {
            canvas.Field("Remarks", application.Remarks);
        }
    }

    private static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
