using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Billing.Domain.Grants;
using NodaTime;

namespace Billing.Domain.Relational;

/// <summary>
/// The nested parts of a ledger head and its entries as JSON text: the grants on the books, the grant an entry opened
/// and the grants it moved, the automatic top-up. Amounts as exact decimal text (in the account's currency unless
/// named), instants as nanoseconds since the Unix epoch (as every column stores them).
/// </summary>
internal static class RelationalLedgerJson
{
    private const string None = "[]";

    /// <summary>The grants on an account's books: an array, empty for none.</summary>
    public static string Write(IReadOnlyList<CreditGrant> grants) => grants.Count == 0 ? None : Json(writer =>
    {
        writer.WriteStartArray();
        foreach (var g in grants)
        {
            writer.WriteStartObject();
            writer.WriteString("id", g.GrantId);
            WriteTerms(writer, g.Terms);
            writer.WriteString("granted", Text(g.Granted.Amount));
            writer.WriteString("remaining", Text(g.Remaining.Amount));
            writer.WriteNumber("sequence", g.Sequence);
            writer.WriteNumber("credited", RelationalValues.Time(g.CreditedAt));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    public static IReadOnlyList<CreditGrant> Read(string json, Currency currency)
    {
        if (json == None)
        {
            return [];   // most heads on the hot path of accounts without grants: nothing to parse
        }

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(g => new CreditGrant(
            g.GetProperty("id").GetString()!, ReadTerms(g), Amount(g, "granted", currency), Amount(g, "remaining", currency), g.GetProperty("sequence").GetInt64(),
            At(g.GetProperty("credited"))))];
    }

    /// <summary>The terms of the grant an entry opens, or null.</summary>
    public static string? WriteOpened(GrantTerms? terms) => terms is null ? null : Json(writer =>
    {
        writer.WriteStartObject();
        WriteTerms(writer, terms);
        writer.WriteEndObject();
    });

    public static GrantTerms? ReadOpened(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return ReadTerms(document.RootElement);
    }

    /// <summary>How an entry moved grants: an array of [id, amount], or null for none (most debits of accounts without grants).</summary>
    public static string? WriteMovements(IReadOnlyList<GrantMovement> movements) => movements.Count == 0 ? null : Json(writer =>
    {
        writer.WriteStartArray();
        foreach (var m in movements)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(m.GrantId);
            writer.WriteStringValue(Text(m.Amount.Amount));
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    });

    public static IReadOnlyList<GrantMovement> ReadMovements(string? json, Currency currency)
    {
        if (json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(m => new GrantMovement(m[0].GetString()!, new Money(Parse(m[1].GetString()!), currency)))];
    }

    /// <summary>An automatic top-up, or null.</summary>
    public static string? WriteAutoTopUp(TopUps.AutoTopUp? autoTopUp) => autoTopUp is null ? null : Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("threshold", Text(autoTopUp.Threshold.Amount));
        writer.WriteString("amount", Text(autoTopUp.Amount.Amount));
        writer.WriteString("payment", Text(autoTopUp.PaymentAmount.Amount));
        writer.WriteString("paymentCurrency", autoTopUp.PaymentAmount.Currency.Code);
        writer.WriteString("method", autoTopUp.PaymentMethod);
        writer.WriteEndObject();
    });

    public static TopUps.AutoTopUp? ReadAutoTopUp(string? json, Currency currency, CurrencyRegistry currencies)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        var e = document.RootElement;
        return new TopUps.AutoTopUp(
            Amount(e, "threshold", currency), Amount(e, "amount", currency), Amount(e, "payment", currencies.FromCode(e.GetProperty("paymentCurrency").GetString()!)),
            e.GetProperty("method").GetString()!);
    }

    private static void WriteTerms(Utf8JsonWriter writer, GrantTerms terms)
    {
        writer.WriteString("source", terms.Source.ToString());
        writer.WriteNumber("effective", RelationalValues.Time(terms.EffectiveAt));
        if (terms.ExpiresAt is { } expires)
        {
            writer.WriteNumber("expires", RelationalValues.Time(expires));
        }

        writer.WriteNumber("priority", terms.Priority);
    }

    private static GrantTerms ReadTerms(JsonElement e) =>
        new(
            Enum.Parse<CreditSource>(e.GetProperty("source").GetString()!), At(e.GetProperty("effective")),
            e.TryGetProperty("expires", out var expires) ? At(expires) : null, e.GetProperty("priority").GetInt32());

    private static Money Amount(JsonElement e, string name, Currency currency) => new(Parse(e.GetProperty(name).GetString()!), currency);

    private static Instant At(JsonElement e) => NodaConstants.UnixEpoch + Duration.FromNanoseconds(e.GetInt64());

    private static string Text(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
