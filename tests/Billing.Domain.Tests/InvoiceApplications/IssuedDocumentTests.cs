using System.Text;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.Invoices;
using Billing.Domain.Numbering;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using static Billing.Domain.Tests.InvoiceApplications.ApplicationHarness;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.InvoiceApplications;

/// <summary>
/// Issued documents are immutable (seed 002's download): rendered once at issue and stored with their hash; a download
/// returns those bytes whatever the renderer does later, or refuses when they are gone or damaged.
/// </summary>
public sealed class IssuedDocumentTests
{
    private readonly ApplicationHarness _h = new();
    private readonly TemplateRenderer _renderer = new();
    private readonly InvoiceApplicationService _applications;

    public IssuedDocumentTests()
    {
        _applications = new InvoiceApplicationService(
            _h.Prepaid.Store, _h.HeaderStore, new NumberSeries("FP", "FP-{yyyy}-{seq:00000}"), DateTimeZone.Utc, _renderer, _h.Prepaid.Clock, _h.Prepaid.Retry);
    }

    [Fact]
    public async Task Issue_StoresTheDocumentWithItsHash_AndADownloadReturnsThoseBytes_AfterTheTemplateChanged()
    {
        await ApprovedAsync("app-1");

        var issued = await _applications.IssueAsync("acc", "app-1");
        _renderer.Template = "a new template";
        var downloaded = await _applications.DownloadAsync("acc", "app-1");
        var stored = await _h.Prepaid.Store.FindDocumentAsync("app-1");

        Assert.Equal("template 1 for FP-2026-00001", Encoding.UTF8.GetString(downloaded.Content.Span));
        Assert.Equal(IssuedDocument.HashOf(downloaded.Content.Span), issued.DocumentSha256);
        Assert.Equal((issued.DocumentSha256, "FP-2026-00001.txt"), (stored!.Sha256, stored.Document.FileName));
        Assert.Equal(1, _renderer.Renders);   // rendered once, at issue
        Assert.Equal(issued, await _applications.IssueAsync("acc", "app-1"));
        Assert.Equal(1, _renderer.Renders);
    }

    [Fact]
    public async Task Issue_WithAnOfficialInvoice_StoresTheOfficialFile_AndKeepsBothNumbers()
    {
        await ApprovedAsync("app-1");
        var official = new OfficialInvoice("24312000000000123456", new RenderedDocument("fapiao.pdf", "application/pdf", "%PDF-official"u8.ToArray()));

        var issued = await _applications.IssueAsync("acc", "app-1", official);
        var downloaded = await _applications.DownloadAsync("acc", "app-1");

        Assert.Equal(("FP-2026-00001", "24312000000000123456"), (issued.Number, issued.OfficialNumber));
        Assert.Equal(("fapiao.pdf", "%PDF-official"), (downloaded.FileName, Encoding.UTF8.GetString(downloaded.Content.Span)));
        Assert.Equal(0, _renderer.Renders);
        Assert.Equal(Dollars(60m), (await _h.Prepaid.Accounts.GetAsync("acc")).Invoicing.Invoiced);
    }

    [Fact]
    public async Task AnEmptyOfficialFile_IsRefused_AndNothingIsWritten()
    {
        var approved = await ApprovedAsync("app-1");
        var empty = new OfficialInvoice("24312000000000123456", new RenderedDocument("fapiao.pdf", "application/pdf", Array.Empty<byte>()));

        await Assert.ThrowsAsync<ArgumentException>("document", () => _applications.IssueAsync("acc", "app-1", empty));
        await Assert.ThrowsAsync<ArgumentNullException>("official", () => _applications.IssueAsync("acc", "app-1", null!));

        Assert.Equal(approved, await _h.Prepaid.Store.FindApplicationAsync("app-1"));
        Assert.Null(await _h.Prepaid.Store.FindDocumentAsync("app-1"));
    }

    [Fact]
    public async Task ASecondDocument_ForAnIssuedApplication_IsRefused_AndTheFirstIsKept()
    {
        await ApprovedAsync("app-1");
        var issued = await _applications.IssueAsync("acc", "app-1");
        var other = new IssuedDocument("app-1", new RenderedDocument("forged.txt", "text/plain", "forged"u8.ToArray()));
        var account = await _h.Prepaid.Accounts.GetAsync("acc");
        var forged = WithHash(issued, other.Sha256);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _h.Prepaid.Store.CommitAsync(new PrepaidChange(account, applications: [forged], document: other)));

        Assert.Equal(issued.DocumentSha256, (await _h.Prepaid.Store.FindDocumentAsync("app-1"))!.Sha256);
        Assert.Equal(issued, await _h.Prepaid.Store.FindApplicationAsync("app-1"));
    }

    [Fact]
    public async Task AMissingDocument_IsNotServed_AndAnApplicationIssuedBeforeDocumentsWereStored_IsRendered()
    {
        await ApprovedAsync("app-1");
        var issued = await _applications.IssueAsync("acc", "app-1");
        await ApprovedAsync("app-2", amount: 10m);
        var legacy = WithHash(await _applications.IssueAsync("acc", "app-2"), null);
        await _h.Prepaid.Store.CommitAsync(new PrepaidChange(await _h.Prepaid.Accounts.GetAsync("acc"), applications: [legacy]));
        var lost = new ApplicationHarness();   // a store that has the applications but lost the documents
        var orphan = WithHash(issued, issued.DocumentSha256) with { Version = 0 };
        await lost.RechargedAsync("acc", 100m);
        await lost.Prepaid.Store.CommitAsync(new PrepaidChange(await lost.Prepaid.Accounts.GetAsync("acc"), applications: [orphan]));

        var corrupt = await Assert.ThrowsAsync<IssuedDocumentCorruptException>(() => lost.Applications.DownloadAsync("acc", "app-1"));
        var rendered = await _applications.DownloadAsync("acc", "app-2");

        Assert.Equal(("application.document_corrupt", "app-1"), (corrupt.Code, corrupt.ApplicationId));
        Assert.Equal("template 3 for FP-2026-00002", Encoding.UTF8.GetString(rendered.Content.Span));
    }

    [Fact]
    public async Task ADocument_IsWrittenOnlyWithItsApplication_CarryingItsHash()
    {
        var approved = await ApprovedAsync("app-1");
        var account = await _h.Prepaid.Accounts.GetAsync("acc");
        var document = new IssuedDocument("app-1", new RenderedDocument("a.txt", "text/plain", "a"u8.ToArray()));

        Assert.Throws<ArgumentException>("document", () => new PrepaidChange(account, applications: [approved], document: document));
        Assert.Throws<ArgumentException>("document", () => new PrepaidChange(account, document: document));
        Assert.Throws<ArgumentException>("document", () => new IssuedDocument("app-1", new RenderedDocument("a.txt", "text/plain", Array.Empty<byte>())));
        Assert.Equal("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb", document.Sha256);   // sha256sum of "a"
    }

    // The application as an adapter would restore it with another document hash (or none, as before documents were stored).
    private static InvoiceApplication WithHash(InvoiceApplication a, string? hash) =>
        InvoiceApplication.Restore(
            a.ApplicationId, a.AccountId, a.Header, a.Amount, a.Email, a.Remarks, a.AppliedAt, a.ResubmissionOf, a.Status, a.ApprovedBy, a.ApprovedAt, a.RejectedBy,
            a.RejectedAt, a.RejectionReason, a.ResubmittedAs, a.Number, a.Series, a.Sequence, a.IssuedAt, a.OfficialNumber, hash, a.Version);

    private async Task<InvoiceApplication> ApprovedAsync(string applicationId, decimal amount = 60m)
    {
        if (await _h.Prepaid.Store.FindAccountAsync("acc") is null)
        {
            await _h.RechargedAsync("acc", 100m);
        }

        await _applications.ApplyAsync(applicationId, "acc", Dollars(amount), "finance@acme.example");
        return await _applications.ApproveAsync("acc", applicationId, "fin-1");
    }

    /// <summary>A renderer whose template a test changes, counting its renders.</summary>
    private sealed class TemplateRenderer : IInvoiceRenderer
    {
        public string Template { get; set; } = "template";

        public int Renders { get; private set; }

        public Task<RenderedDocument> RenderAsync(Invoice invoice, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<RenderedDocument> RenderAsync(InvoiceApplication application, CancellationToken cancellationToken = default)
        {
            Renders++;
            var text = $"{Template} {Renders} for {application.Number}";
            return Task.FromResult(new RenderedDocument($"{application.Number}.txt", "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text)));
        }
    }
}
