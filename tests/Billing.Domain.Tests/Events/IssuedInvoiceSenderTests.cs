using Billing.Domain.Events;
using Billing.Domain.Testing.Events;
using Billing.Domain.Tests.InvoiceApplications;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Events;

/// <summary>Seed 002's "issued and sent to the provided email": each issued invoice is sent once its event is delivered, with the document stored at issue.</summary>
public sealed class IssuedInvoiceSenderTests
{
    private readonly ApplicationHarness _h = new();
    private readonly InMemoryInvoiceDelivery _mail = new();

    [Fact]
    public async Task AnIssuedInvoice_IsSent_ToItsAddress_WithTheStoredDocument_AndNothingElseIsSent()
    {
        await IssuedAsync("app-1", "finance@acme.example");

        await Dispatcher().DispatchAsync();

        var (issued, document) = Assert.Single(_mail.Sent);
        var stored = await _h.Prepaid.Store.FindDocumentAsync("app-1");
        Assert.Equal(("finance@acme.example", "FP-2026-00001", Dollars(40m)), (issued.Email, issued.Number, issued.Amount));
        Assert.True(stored!.Document.Content.Span.SequenceEqual(document.Content.Span));
        Assert.Equal(stored.Document.FileName, document.FileName);
    }

    [Fact]
    public async Task AMailServerThatIsDown_IsTriedAgain_AndTheInvoiceIsSentOnce_WhenItIsBack()
    {
        await IssuedAsync("app-1", "finance@acme.example");
        _mail.FailWith = new IOException("mail server down");
        var dispatcher = Dispatcher();

        await dispatcher.DispatchAsync();
        _mail.FailWith = null;
        _h.Prepaid.Clock.Advance(Duration.FromMinutes(1));
        await dispatcher.DispatchAsync();

        Assert.Single(_mail.Sent);
        Assert.Empty(await _h.Prepaid.Store.ParkedAsync());
    }

    [Fact]
    public async Task AnIssuedApplicationWithoutItsDocument_FailsItsDelivery_NeverSendsSomethingElse()
    {
        var sender = new IssuedInvoiceSender(_h.Prepaid.Store, _mail);
        var orphan = new ApplicationIssued("app-9", "acc", "FP-2026-00009", Dollars(1m), "a@b.example", Start);

        var failure = await Assert.ThrowsAsync<Billing.Domain.InvoiceApplications.IssuedDocumentCorruptException>(() => sender.HandleAsync(orphan));
        await sender.HandleAsync(new ApplicationApproved("app-9", "acc", Dollars(1m), Start));   // other events pass by

        Assert.Equal("app-9", failure.ApplicationId);
        Assert.Empty(_mail.Sent);
        await Assert.ThrowsAsync<ArgumentNullException>("billingEvent", () => sender.HandleAsync(null!));
    }

    private BillingEventDispatcher Dispatcher()
    {
        _h.Prepaid.Clock.AutoAdvance = Duration.Zero;
        return new(_h.Prepaid.Store, [new IssuedInvoiceSender(_h.Prepaid.Store, _mail)], _h.Prepaid.Clock, new EventDeliveryPolicy(3, Duration.FromSeconds(10), Duration.FromMinutes(1)));
    }

    private async Task IssuedAsync(string applicationId, string email)
    {
        await _h.RechargedAsync("acc", 100m);
        await _h.Applications.ApplyAsync(applicationId, "acc", Dollars(40m), email);
        await _h.Applications.ApproveAsync("acc", applicationId, "fin");
        await _h.Applications.IssueAsync("acc", applicationId);
    }
}
