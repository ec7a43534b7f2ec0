using Billing.Domain.Invoices;
using Billing.Domain.Utility;

namespace Billing.Domain.InvoiceApplications;

/// <summary>
/// An invoice a tax authority's system issued for an application (as China's fapiao or Italy's SdI do): its official
/// number and file, which the application is issued with instead of a rendered document.
/// </summary>
public sealed record OfficialInvoice
{
    /// <summary>Initializes an official invoice.</summary>
    /// <param name="number">The number the authority gave it.</param>
    /// <param name="document">The file the authority issued.</param>
    /// <exception cref="ArgumentException">The number is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public OfficialInvoice(string number, RenderedDocument document)
    {
        Number = Preconditions.CheckId(number);
        Document = Preconditions.CheckNotNull(document);
    }

    /// <summary>Gets the official number.</summary>
    public string Number { get; }

    /// <summary>Gets the official file.</summary>
    public RenderedDocument Document { get; }
}
