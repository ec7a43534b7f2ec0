using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Invoices;

/// <summary>A row of the invoice's Corrections table (seed 001).</summary>
/// <param name="Number">The serial number of the correction in the invoice, from 1.</param>
/// <param name="CorrectionId">The correction's id.</param>
/// <param name="Description">The correction's description.</param>
/// <param name="BalanceChanged">The signed amount: negative shows ▼ and a minus, positive ▲.</param>
/// <param name="ApprovedAt">When a manager approved it.</param>
public sealed record InvoiceCorrection(int Number, string CorrectionId, string Description, Money BalanceChanged, Instant ApprovedAt)
{
    /// <summary>Gets the correction's id.</summary>
    public string CorrectionId { get; } = Preconditions.CheckNotNull(CorrectionId);

    /// <summary>Gets the correction's description.</summary>
    public string Description { get; } = Preconditions.CheckNotNull(Description);

    /// <summary>Gets the triangle the document shows: ▼ for a negative correction, ▲ for a positive one.</summary>
    public string Direction => BalanceChanged.Amount < 0m ? "▼" : "▲";
}
