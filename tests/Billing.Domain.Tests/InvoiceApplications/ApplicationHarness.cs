using Billing.Domain.InvoiceApplications;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Invoices;
using Billing.Domain.Numbering;
using Billing.Domain.Testing.InMemory;
using Billing.Domain.Tests.Prepaid;

namespace Billing.Domain.Tests.InvoiceApplications;

/// <summary>The prepaid harness plus invoice headers and applications, numbering issued applications from FP-{yyyy}-{seq:00000}.</summary>
internal sealed class ApplicationHarness
{
    public static readonly InvoiceHeaderDetails Company = new(InvoiceHeaderType.Company, "Acme AI Ltd", "91310000MA1FL0000X", "1 Harbour Rd", "+86 21 5555 0000", "Bank of Shanghai", "6222 0000 1111");
    public static readonly InvoiceHeaderDetails Person = new(InvoiceHeaderType.Personal, "Li Wei");

    public ApplicationHarness(int attempts = 1_000)
    {
        Prepaid = new PrepaidHarness(attempts);
        Headers = new InvoiceHeaderService(HeaderStore, Prepaid.Retry);
        Applications = new InvoiceApplicationService(
            Prepaid.Store, HeaderStore, new NumberSeries("FP", "FP-{yyyy}-{seq:00000}"), DateTimeZone.Utc, new PlainTextInvoiceRenderer(), Prepaid.Clock, Prepaid.Retry);
    }

    public PrepaidHarness Prepaid { get; }

    public InMemoryInvoiceHeaderStore HeaderStore { get; } = new();

    public InvoiceHeaderService Headers { get; }

    public InvoiceApplicationService Applications { get; }

    /// <summary>An account with recharges of the given amounts and a company header.</summary>
    public async Task RechargedAsync(string account, params decimal[] amounts)
    {
        for (var i = 0; i < amounts.Length; i++)
        {
            await Prepaid.FundAsync(account, amounts[i], $"ord-{account}-{i}");
        }

        await Headers.AddAsync($"hdr-{account}", account, Company);
    }
}
