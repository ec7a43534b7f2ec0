using System.Security.Cryptography;
using Billing.Domain.Invoices;
using static Billing.Domain.Pdf.Tests.Documents;

namespace Billing.Domain.Pdf.Tests;

public sealed class PdfInvoiceRendererTests
{
    private readonly Documents _d = new();
    private readonly PdfInvoiceRenderer _renderer = new();

    [Fact]
    public async Task APrepayInvoice_RendersToTheSameBytes_Twice_AndAReaderFindsItsNumberChargesCorrectionsAndTotal()
    {
        var invoice = await _d.PrepayInvoiceAsync("acc-1");

        var first = await _renderer.RenderAsync(invoice);
        var second = await new PdfInvoiceRenderer().RenderAsync(invoice);
        var text = TextOf(first.Content);

        Assert.Equal(SHA256.HashData(first.Content.Span), SHA256.HashData(second.Content.Span));
        Assert.Equal(($"{invoice.Number}.pdf", "application/pdf"), (first.FileName, first.ContentType));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(first.Content.Span[..5]), StringComparison.Ordinal);
        Assert.Contains(invoice.Number!, text, StringComparison.Ordinal);
        Assert.All(invoice.Charges, c =>
        {
            Assert.Contains(c.Description, text, StringComparison.Ordinal);
            Assert.Contains(c.Amount.ToString(), text, StringComparison.Ordinal);
        });
        Assert.Contains("▼ -2.50 USD", text, StringComparison.Ordinal);
        Assert.Contains("▲ 5.00 USD", text, StringComparison.Ordinal);
        Assert.Contains("sub-acc-1-1", text, StringComparison.Ordinal);
        Assert.Contains($"Total {invoice.Total}", text, StringComparison.Ordinal);
        Assert.Contains("Prepay", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DifferentInvoices_AreDifferentDocuments_WithDifferentIds()
    {
        var one = await _renderer.RenderAsync(await _d.PrepayInvoiceAsync("acc-1"));
        var other = await _renderer.RenderAsync(await _d.PrepayInvoiceAsync("acc-2"));

        Assert.NotEqual(TrailerId(one.Content), TrailerId(other.Content));
    }

    [Theory]
    [InlineData("acc-cn", "上海示例科技有限公司")]
    [InlineData("acc-jp", "株式会社サンプル")]
    [InlineData("acc-kr", "주식회사 샘플")]
    [InlineData("acc-mixed", "Acme ▲ 上海 주식회사 Ltd")]
    public async Task AnIssuedApplication_InItsHeadersOwnScript_RendersTheSameTwice_AndReadsBack(string account, string title)
    {
        var issued = await _d.IssuedApplicationAsync(account, title);

        var document = await _renderer.RenderAsync(issued);
        var again = await _renderer.RenderAsync(issued);
        var download = await _d.Applications.DownloadAsync(account, issued.ApplicationId);
        var text = TextOf(document.Content);

        Assert.True(document.Content.Span.SequenceEqual(again.Content.Span));
        Assert.True(document.Content.Span.SequenceEqual(download.Content.Span));
        Assert.Contains(issued.Number!, text, StringComparison.Ordinal);
        Assert.Contains("40.00 USD", text, StringComparison.Ordinal);
        Assert.Contains(LinesOf(document.Content), line => line.Contains(title.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.Contains("91310000MA1FL0000X", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostpaidDraft_AndAnInvoiceOfManyCharges_RenderOnAsManyPagesAsTheyNeed()
    {
        var draft = await _d.Postpaid.CreateDraftAsync("inv-1", "acc-7", "Li's studio", March, Usd);
        var long_ = await _d.PrepayInvoiceAsync("acc-long", plans: 60);

        var draftText = TextOf((await _renderer.RenderAsync(draft)).Content);
        var pages = await _renderer.RenderAsync(long_);
        var text = TextOf(pages.Content);

        Assert.Contains("(draft)", draftText, StringComparison.Ordinal);
        Assert.Contains("Postpaid", draftText, StringComparison.Ordinal);
        Assert.True(PagesOf(pages.Content) > 1);
        Assert.All(long_.Charges, c => Assert.Contains(c.Description, text, StringComparison.Ordinal));
        Assert.Contains($"Invoice {long_.Number} · page 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NullArguments_AreRefused()
    {
        await Assert.ThrowsAsync<ArgumentNullException>("invoice", () => _renderer.RenderAsync((Invoice)null!));
        await Assert.ThrowsAsync<ArgumentNullException>("application", () => _renderer.RenderAsync((InvoiceApplications.InvoiceApplication)null!));
    }

    private static string TrailerId(ReadOnlyMemory<byte> pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf.Span);
        return System.Text.RegularExpressions.Regex.Match(text, @"/ID\s*\[\s*<([0-9A-Fa-f]{32})>").Groups[1].Value;
    }
}
