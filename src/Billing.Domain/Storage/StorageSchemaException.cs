namespace Billing.Domain.Storage;

/// <summary>
/// A store's schema is not one its adapter can work with: its version table is damaged or says a version this adapter
/// does not know, or a table the version promises is missing. Nothing was written; the file or database needs a person.
/// </summary>
public sealed class StorageSchemaException : BillingException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "storage.schema_invalid";

    /// <summary>Initializes the exception.</summary>
    /// <param name="store">The store, as its adapter names it.</param>
    /// <param name="table">The table at fault, such as <c>schema_version</c>.</param>
    /// <param name="problem">What is wrong, in a sentence.</param>
    /// <param name="innerException">The database's own error, if any.</param>
    public StorageSchemaException(string store, string table, string problem, Exception? innerException = null)
        : base(ErrorCode, $"{store}: table {table}: {problem}", innerException)
    {
        Store = store;
        Table = table;
    }

    /// <summary>Gets the store at fault.</summary>
    public string Store { get; }

    /// <summary>Gets the table at fault.</summary>
    public string Table { get; }
}
