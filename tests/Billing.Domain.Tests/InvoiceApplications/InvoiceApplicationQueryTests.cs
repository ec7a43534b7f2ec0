using Billing.Domain.InvoiceApplications;
using Billing.Domain.InvoiceHeaders;

namespace Billing.Domain.Tests.InvoiceApplications;

public class InvoiceApplicationQueryTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 0, 0);
    private static readonly InvoiceHeader Header = InvoiceHeader.Create("h", "acc", new InvoiceHeaderDetails(InvoiceHeaderType.Personal, "Li"));

    private static InvoiceApplication Applied(string id, Instant at) =>
        InvoiceApplication.Submit(id, "acc", Header, new Money(10m, Currency.FromCode("USD")), "li@example.com", null, at, null);

    [Fact]
    public void Apply_NewestFirst_ThenIdDescending()
    {
        var page = new InvoiceApplicationQuery("acc").Apply([Applied("app-a", At), Applied("app-c", At), Applied("app-b", At), Applied("app-z", At - Duration.FromDays(1))]);

        Assert.Equal(["app-c", "app-b", "app-a", "app-z"], page.Items.Select(a => a.ApplicationId));
    }

    [Fact]
    public void NotIssued_MessageNamesTheApplicationAndItsStatus()
    {
        var refused = new ApplicationNotIssuedException("app-1", InvoiceApplicationStatus.Rejected);

        Assert.Contains("app-1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Rejected", refused.Message, StringComparison.Ordinal);
    }
}
