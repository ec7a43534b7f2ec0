using System.Data.Common;
using System.Globalization;
using Billing.Domain.Periods;
using Billing.Domain.Storage;
using NodaTime;
using NodaTime.Text;

namespace Billing.Domain.Relational;

/// <summary>
/// How values are stored on every engine: amounts as exact decimals with their scale (the dialect's type; never a
/// float), currencies by code, instants as nanoseconds since the Unix epoch, days of periods as ISO dates.
/// </summary>
internal static class RelationalValues
{
    public static decimal Amount(Money money) => money.Amount;

    public static decimal? Amount(Money? money) => money?.Amount;

    public static string? Code(Money? money) => money?.Currency.Code;

    private static readonly Instant Latest = NodaConstants.UnixEpoch + Duration.FromNanoseconds(long.MaxValue);
    private static readonly Instant Earliest = NodaConstants.UnixEpoch + Duration.FromNanoseconds(long.MinValue);

    /// <summary>An instant as stored: nanoseconds since the Unix epoch (years 1677 to 2262).</summary>
    public static long Time(Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    /// <summary>An instant as a query bound: clamped to what can be stored, so that Instant.MaxValue means "no bound".</summary>
    public static long Bound(Instant instant) =>
        instant >= Latest ? long.MaxValue : instant <= Earliest ? long.MinValue : (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    public static long? Time(Instant? instant) => instant is { } i ? Time(i) : null;

    /// <summary>The lower bound of a range as stored, the earliest storable instant when it has none.</summary>
    public static long From(InstantRange range) => range.Start is { } start ? Bound(start) : long.MinValue;

    /// <summary>The upper bound of a range as stored, the latest storable instant when it has none.</summary>
    public static long To(InstantRange range) => range.End is { } end ? Bound(end) : long.MaxValue;

    /// <summary>A day of a billing period, as an ISO date.</summary>
    public static string Day(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>A billing period stored as two ISO dates.</summary>
    public static BillingPeriod Period(DbDataReader reader, string start, string end) =>
        new(LocalDatePattern.Iso.Parse(Required(reader, start)).Value, LocalDatePattern.Iso.Parse(Required(reader, end)).Value);

    public static Money Money(DbDataReader reader, string amount, string currency, CurrencyRegistry currencies) =>
        MoneyIn(reader, amount, currencies.FromCode(Required(reader, currency)));

    public static Money MoneyIn(DbDataReader reader, string amount, Currency currency) => new(Decimal(reader, reader.GetOrdinal(amount)), currency);

    public static Money? OptionalMoney(DbDataReader reader, string amount, string currency, CurrencyRegistry currencies) =>
        reader.IsDBNull(reader.GetOrdinal(amount)) ? null : Money(reader, amount, currency, currencies);

    public static Instant Instant(DbDataReader reader, string column) => NodaConstants.UnixEpoch + Duration.FromNanoseconds(reader.GetInt64(reader.GetOrdinal(column)));

    public static Instant? OptionalInstant(DbDataReader reader, string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : Instant(reader, column);

    public static string? Text(DbDataReader reader, string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetString(reader.GetOrdinal(column));

    public static string Required(DbDataReader reader, string column) => reader.GetString(reader.GetOrdinal(column));

    public static long Long(DbDataReader reader, string column) => reader.GetInt64(reader.GetOrdinal(column));

    public static long? OptionalLong(DbDataReader reader, string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetInt64(reader.GetOrdinal(column));

    public static TEnum Enum<TEnum>(DbDataReader reader, string column)
        where TEnum : struct, Enum => System.Enum.Parse<TEnum>(Required(reader, column));

    // An exact decimal: text on engines without one (parsed invariantly, keeping its scale), the engine's own otherwise.
    private static decimal Decimal(DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(string)
            ? decimal.Parse(reader.GetString(ordinal), NumberStyles.Number, CultureInfo.InvariantCulture)
            : reader.GetDecimal(ordinal);
}
