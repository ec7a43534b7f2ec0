using Billing.Domain.Utility;

namespace Billing.Domain.InvoiceHeaders;

/// <summary>What an invoice header puts on the invoice.</summary>
/// <param name="Type">Personal or company.</param>
/// <param name="Title">The person's or company's name.</param>
/// <param name="TaxId">The tax id; required for a company.</param>
/// <param name="Address">The address.</param>
/// <param name="Phone">The phone number.</param>
/// <param name="Bank">The bank's name.</param>
/// <param name="BankAccount">The bank account number.</param>
public sealed record InvoiceHeaderDetails(
    InvoiceHeaderType Type, string Title, string? TaxId = null, string? Address = null, string? Phone = null, string? Bank = null, string? BankAccount = null)
{
    /// <summary>Checks every field: a title, a tax id for a company, lengths within bounds, no blank optional field.</summary>
    /// <returns>The same details.</returns>
    /// <exception cref="ArgumentException">A field is invalid; the message names it.</exception>
    internal InvoiceHeaderDetails Checked()
    {
        Preconditions.CheckArgument(Enum.IsDefined(Type), nameof(Type), $"{Type} is not a header type.");
        Preconditions.CheckLength(Preconditions.CheckText(Title, nameof(Title)), InvoiceHeader.MaxTextLength, nameof(Title));
        Preconditions.CheckArgument(Type != InvoiceHeaderType.Company || !string.IsNullOrWhiteSpace(TaxId), nameof(TaxId), "A company header needs a tax id.");
        foreach (var (value, name) in new[] { (TaxId, nameof(TaxId)), (Address, nameof(Address)), (Phone, nameof(Phone)), (Bank, nameof(Bank)), (BankAccount, nameof(BankAccount)) })
        {
            Preconditions.CheckArgument(value is null || value.Trim().Length > 0, name, $"{name} is blank: leave it out instead.");
            Preconditions.CheckLength(value, InvoiceHeader.MaxTextLength, name);
        }

        return this;
    }
}
