using System.Globalization;
using System.Text;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.Subscriptions;
using Billing.Domain.Utility;

namespace Billing.Domain.Invoices;

/// <summary>
/// Renders an invoice as plain text laid out as seed 001 lays out the invoice page: the invoice details, then the
/// Charges, Subscriptions and Corrections tables, with each charge's derivation under it when asked; and the
/// invoice of an issued invoice application (seed 002).
/// </summary>
public sealed class PlainTextInvoiceRenderer : IInvoiceRenderer
{
    private const string Absent = "-";

    /// <summary>Initializes the renderer.</summary>
    /// <param name="withExplanations">True to print each charge's derivation (tiers, proration, discounts, taxes, rounding) under it.</param>
    public PlainTextInvoiceRenderer(bool withExplanations = true)
    {
        WithExplanations = withExplanations;
    }

    /// <summary>Gets a value indicating whether each charge's derivation is printed under it.</summary>
    public bool WithExplanations { get; }

    /// <inheritdoc/>
    public Task<RenderedDocument> RenderAsync(Invoice invoice, CancellationToken cancellationToken = default)
    {
        return Document(invoice.Number ?? invoice.InvoiceId, Render(invoice));
    }

    /// <inheritdoc/>
    public Task<RenderedDocument> RenderAsync(InvoiceApplication application, CancellationToken cancellationToken = default)
    {
        return Document(application.Number ?? application.ApplicationId, Render(application));
    }

    /// <summary>Renders an invoice application's invoice to text: number, issue date, whom it is made out to, the amount.</summary>
    /// <param name="application">The application.</param>
    /// <returns>The text, lines ending in <c>\n</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="application"/> is null.</exception>
    public static string Render(InvoiceApplication application)
    {
        Preconditions.CheckNotNull(application);
        var details = application.Header.Details;
        var lines = new List<string>
        {
            $"Invoice {application.Number ?? "(not issued)"}",
            $"Issued         {(application.IssuedAt is { } issued ? issued.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) : "-")}",
            $"Bill to        {details.Title} ({details.Type})",
        };
        foreach (var (label, value) in new[] { ("Tax id", details.TaxId), ("Address", details.Address), ("Phone", details.Phone), ("Bank", details.Bank), ("Account", details.BankAccount) })
        {
            if (value is not null)
            {
                lines.Add($"{label,-15}{value}");
            }
        }

        lines.Add($"Amount         {application.Amount}");
        lines.Add($"Description    Recharges of account {application.AccountId}");
        lines.Add($"Sent to        {application.Email}");
        if (application.Remarks is not null)
        {
            lines.Add($"Remarks        {application.Remarks}");
        }

        return string.Concat(lines.Select(l => l.TrimEnd() + "\n"));
    }

    /// <summary>Renders an invoice to text.</summary>
    /// <param name="invoice">The invoice.</param>
    /// <returns>The text, lines ending in <c>\n</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="invoice"/> is null.</exception>
    public string Render(Invoice invoice)
    {
        Preconditions.CheckNotNull(invoice);
        var text = new StringBuilder();
        void Line(string line) => text.Append(line.TrimEnd()).Append('\n');

        Line($"Invoice {invoice.Number ?? "(draft)"}");
        Line($"Account        {invoice.AccountName} ({invoice.AccountId})");
        Line($"Total          {invoice.Total}");
        Line($"Payment model  {(invoice.PaymentModel == PaymentModel.Prepaid ? "Prepay" : "Postpaid")}");
        Line($"Status         {invoice.Status}");
        Line($"From           {Date(invoice.From)}");
        Line($"To             {Date(invoice.To)}");
        Line("");

        Line("Charges");
        var charges = invoice.Charges.Select(c => new[]
        {
            c.Number.ToString(CultureInfo.InvariantCulture), c.Description, c.Quantity.ToString("0.###", CultureInfo.InvariantCulture),
            c.DurationMonths?.ToString("0.###", CultureInfo.InvariantCulture) ?? Absent, c.UnitPrice?.ToString() ?? Absent, c.Discount.ToString(), c.Taxes.ToString(), c.Amount.ToString(),
        }).ToList();
        var explanations = invoice.Charges.Select(c => WithExplanations ? c.Explanation.ToString().Split('\n').Where(l => l.Trim().Length > 0).Select(l => "   " + l.TrimEnd()).ToList() : []).ToList();
        Table(Line, ["#", "Description", "Quantity", "Duration", "Unit price", "Discount", "Taxes", "Amount"], charges, [false, false, true, true, true, true, true, true], explanations);
        Line($"Charges total {invoice.ChargesTotal} (taxes {invoice.TaxesTotal})");
        Line("");

        Line("Subscriptions");
        Table(Line, ["ID", "Name", "Status"], [.. invoice.Subscriptions.Select(s => new[] { s.Id, s.Name, s.Status.DisplayName })], [false, false, false], null);
        Line("");

        Line("Corrections");
        Table(
            Line,
            ["#", "Description", "Balance changed", "Approved at"],
            [.. invoice.Corrections.Select(c => new[] { c.Number.ToString(CultureInfo.InvariantCulture), c.Description, $"{c.Direction} {c.BalanceChanged}", c.ApprovedAt.ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture) })],
            [false, false, true, false],
            null);
        Line($"Corrections total {invoice.CorrectionsTotal}");
        Line("");
        if (invoice.Credits.Count > 0)
        {
            Line("Credits, in the order they were spent");
            Table(
                Line,
                ["#", "Grant", "Source", "Spent", "Expired"],
                [.. invoice.Credits.Select(c => new[] { c.Number.ToString(CultureInfo.InvariantCulture), c.GrantId, c.Source.ToString(), c.Spent.ToString(), c.Expired.ToString() })],
                [false, false, false, true, true],
                null);
            Line("");
        }

        Line($"Total {invoice.Total}");
        return text.ToString();
    }

    private static Task<RenderedDocument> Document(string name, string text) =>
        Task.FromResult(new RenderedDocument(name + ".txt", "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text)));

    private static string Date(NodaTime.LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    private static void Table(Action<string> line, string[] headers, List<string[]> rows, bool[] rightAligned, List<List<string>>? notes)
    {
        if (rows.Count == 0)
        {
            line("(none)");
            return;
        }

        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        string Row(string[] cells) => string.Join("  ", cells.Select((c, i) => rightAligned[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i])));
        line(Row(headers));
        for (var i = 0; i < rows.Count; i++)
        {
            line(Row(rows[i]));
            foreach (var note in notes?[i] ?? [])
            {
                line(note);
            }
        }
    }
}
