using Billing.Domain.Utility;

namespace Billing.Domain.InvoiceHeaders;

/// <summary>
/// An invoice header (seed 002): the party an invoice is made out to: type, title, tax id, address, phone, bank
/// and account. An account keeps several and one default. Immutable.
/// </summary>
public sealed record InvoiceHeader
{
    /// <summary>The longest title, address or bank name accepted.</summary>
    public const int MaxTextLength = 200;

    private InvoiceHeader(string headerId, string accountId, InvoiceHeaderDetails details)
    {
        HeaderId = headerId;
        AccountId = accountId;
        Details = details;
    }

    /// <summary>Gets the header's id.</summary>
    public string HeaderId { get; }

    /// <summary>Gets the account it belongs to.</summary>
    public string AccountId { get; }

    /// <summary>Gets what the invoice shows.</summary>
    public InvoiceHeaderDetails Details { get; private init; }

    /// <summary>Gets the title: the person's or company's name, as the application list shows it.</summary>
    public string Title => Details.Title;

    /// <summary>Gets a value indicating whether this is the account's default header.</summary>
    public bool IsDefault { get; private init; }

    /// <summary>Gets the stored version: 0 until first saved; stores check and advance it on every write.</summary>
    public long Version { get; init; }

    /// <summary>Creates a header.</summary>
    /// <param name="headerId">The header's id.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="details">What the invoice shows.</param>
    /// <returns>The header, not default.</returns>
    /// <exception cref="ArgumentException">An id is empty or the details are invalid.</exception>
    public static InvoiceHeader Create(string headerId, string accountId, InvoiceHeaderDetails details) =>
        new(Preconditions.CheckId(headerId), Preconditions.CheckId(accountId), Preconditions.CheckNotNull(details).Checked());

    /// <summary>Rebuilds a header from the fields a storage adapter stored (each property of the same name), checked as <see cref="Create"/> checks them.</summary>
    /// <param name="headerId">The header's id.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="details">What the invoice shows, checked as <see cref="Create"/> checks them.</param>
    /// <param name="isDefault">Whether it is the account's default header.</param>
    /// <param name="version">The stored version, 1 or more.</param>
    /// <returns>The header, equal to the one that was saved.</returns>
    /// <exception cref="ArgumentException">An id is empty or the details are invalid.</exception>
    /// <exception cref="ArgumentNullException">An id or <paramref name="details"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The version is below 1.</exception>
    public static InvoiceHeader Restore(string headerId, string accountId, InvoiceHeaderDetails details, bool isDefault, long version) =>
        Create(headerId, accountId, details) with { IsDefault = isDefault, Version = Preconditions.CheckStoredVersion(version) };

    /// <summary>Replaces what the invoice shows.</summary>
    /// <param name="details">The new details.</param>
    /// <returns>The edited header.</returns>
    /// <exception cref="ArgumentException">The details are invalid.</exception>
    public InvoiceHeader Edit(InvoiceHeaderDetails details) => this with { Details = Preconditions.CheckNotNull(details).Checked() };

    /// <summary>Makes this the default header, or not.</summary>
    /// <param name="isDefault">True for the default.</param>
    /// <returns>The header.</returns>
    public InvoiceHeader AsDefault(bool isDefault) => this with { IsDefault = isDefault };
}
