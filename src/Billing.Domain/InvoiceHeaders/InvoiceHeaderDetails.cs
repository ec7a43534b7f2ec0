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
    private readonly string _title = Preconditions.CheckNotNull(Title);

    /// <summary>Gets the person's or company's name.</summary>
    public string Title
    {
        get => _title;
        init => _title = Preconditions.CheckNotNull(value);
    }

    /// <summary>Checks every field: a title (a name: no control or invisible character), a tax id for a company, lengths within bounds, no blank optional field, no control character.</summary>
    /// <returns>The same details.</returns>
    /// <exception cref="ArgumentException">A field is invalid; the message names it.</exception>
    internal InvoiceHeaderDetails Checked()
    {
        Preconditions.CheckArgument(Enum.IsDefined(Type), nameof(Type), $"{Type} is not a header type.");
        Preconditions.CheckLength(Preconditions.CheckId(Title, nameof(Title)), InvoiceHeader.MaxTextLength, nameof(Title));
        Preconditions.CheckArgument(Type != InvoiceHeaderType.Company || !string.IsNullOrWhiteSpace(TaxId), nameof(TaxId), "A company header needs a tax id.");
        foreach (var (value, name) in new[] { (TaxId, nameof(TaxId)), (Address, nameof(Address)), (Phone, nameof(Phone)), (Bank, nameof(Bank)), (BankAccount, nameof(BankAccount)) })
        {
            Preconditions.CheckArgument(value is null || value.Trim().Length > 0, name, $"{name} is blank: leave it out instead.");
            Preconditions.CheckLength(value is null ? null : Preconditions.CheckText(value, name), InvoiceHeader.MaxTextLength, name);
        }

        return this;
    }
}
