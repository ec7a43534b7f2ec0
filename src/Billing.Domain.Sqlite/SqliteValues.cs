using System.Globalization;
using Billing.Domain.Periods;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace Billing.Domain.Sqlite;

/// <summary>How values are stored: amounts as invariant decimal text (exact, with their scale; never REAL), currencies by code, instants as nanoseconds since the Unix epoch.</summary>
internal static class SqliteValues
{
    public static object Amount(Money money) => money.Amount.ToString(CultureInfo.InvariantCulture);

    public static object? Amount(Money? money) => money is { } m ? Amount(m) : null;

    public static object? Code(Money? money) => money?.Currency.Code;

    private static readonly Instant Latest = NodaConstants.UnixEpoch + Duration.FromNanoseconds(long.MaxValue);
    private static readonly Instant Earliest = NodaConstants.UnixEpoch + Duration.FromNanoseconds(long.MinValue);

    /// <summary>An instant as stored: nanoseconds since the Unix epoch (years 1677 to 2262).</summary>
    public static object Time(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    /// <summary>An instant as a query bound: clamped to what can be stored, so that Instant.MaxValue means "no bound".</summary>
    public static long Bound(Instant instant) =>
        instant >= Latest ? long.MaxValue : instant <= Earliest ? long.MinValue : (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    public static object? Time(Instant? instant) => instant is { } i ? Time(i) : null;

    /// <summary>A day of a billing period, as an ISO date.</summary>
    public static string Day(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>A billing period stored as two ISO dates.</summary>
    public static BillingPeriod Period(SqliteDataReader reader, string start, string end) =>
        new(LocalDatePattern.Iso.Parse(Required(reader, start)).Value, LocalDatePattern.Iso.Parse(Required(reader, end)).Value);

    public static Money Money(SqliteDataReader reader, string amount, string currency, CurrencyRegistry currencies) =>
        MoneyIn(reader, amount, currencies.FromCode(reader.GetString(reader.GetOrdinal(currency))));

    public static Money MoneyIn(SqliteDataReader reader, string amount, Currency currency) =>
        new(decimal.Parse(reader.GetString(reader.GetOrdinal(amount)), NumberStyles.Number, CultureInfo.InvariantCulture), currency);

    public static Money? OptionalMoney(SqliteDataReader reader, string amount, string currency, CurrencyRegistry currencies) =>
        reader.IsDBNull(reader.GetOrdinal(amount)) ? null : Money(reader, amount, currency, currencies);

    public static Instant Instant(SqliteDataReader reader, string column) => NodaConstants.UnixEpoch + Duration.FromNanoseconds(reader.GetInt64(reader.GetOrdinal(column)));

    public static Instant? OptionalInstant(SqliteDataReader reader, string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : Instant(reader, column);

    public static string? Text(SqliteDataReader reader, string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetString(reader.GetOrdinal(column));

    public static string Required(SqliteDataReader reader, string column) => reader.GetString(reader.GetOrdinal(column));

    public static long Long(SqliteDataReader reader, string column) => reader.GetInt64(reader.GetOrdinal(column));

    public static long? OptionalLong(SqliteDataReader reader, string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetInt64(reader.GetOrdinal(column));

    public static TEnum Enum<TEnum>(SqliteDataReader reader, string column)
        where TEnum : struct, Enum => System.Enum.Parse<TEnum>(reader.GetString(reader.GetOrdinal(column)));

    /// <summary>Runs a statement with named parameters and disposes the command.</summary>
#pragma warning disable CA1068 // The parameters are a params array, which must come last.
    public static async Task<int> ExecAsync(
        SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
#pragma warning restore CA1068

    /// <summary>Refuses a write whose aggregate is not at the version it was read at (0: it must not exist yet).</summary>
    public static async Task ExpectVersionAsync(
        SqliteConnection connection, SqliteTransaction transaction, string aggregate, string table, string key, string id, long expected, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, $"SELECT version FROM {table} WHERE {key} = $id", ("$id", id));
        var stored = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : 0;
        if (stored != expected)
        {
            throw new Storage.ConcurrencyConflictException(aggregate, id, expected, stored);
        }
    }

    /// <summary>Reads a number series' last sequence, 0 when it has none.</summary>
    public static async Task<long> LastSequenceAsync(SqliteConnection connection, SqliteTransaction? transaction, string table, string series, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, $"SELECT last_sequence FROM {table} WHERE series = $series", ("$series", series));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long last ? last : 0;
    }

    /// <summary>Makes a command with named parameters; null values are stored as NULL.</summary>
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
