namespace Billing.Domain.Storage;

/// <summary>A command named an aggregate that is not stored (an order, a ledger, a correction); nothing changed.</summary>
public sealed class NotFoundException : BillingException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "storage.not_found";

    /// <summary>Initializes the exception.</summary>
    /// <param name="aggregate">The kind of aggregate, e.g. <c>prepaid account</c>.</param>
    /// <param name="id">Its id.</param>
    public NotFoundException(string aggregate, string id)
        : base(ErrorCode, $"No {aggregate} {id} is stored.")
    {
        Aggregate = aggregate;
        Id = id;
    }

    /// <summary>Gets the kind of aggregate.</summary>
    public string Aggregate { get; }

    /// <summary>Gets the id asked for.</summary>
    public string Id { get; }
}
