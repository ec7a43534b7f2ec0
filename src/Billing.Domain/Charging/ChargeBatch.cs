using Billing.Domain.Pricing;
using System.Runtime.CompilerServices;
using Billing.Domain.Utility;

namespace Billing.Domain.Charging;

/// <summary>
/// Calculates many simple charge lines at once into a caller's span, allocating nothing per line: the hot path
/// of a billing run.
/// </summary>
/// <remarks>
/// <para>
/// Every line is calculated exactly as <see cref="ChargeEngine"/> calculates the same line (price, percentage
/// discount, one exclusive tax rounded per line, the batch's rounding): a property test holds the two equal to
/// the minor unit over hundreds of thousands of random lines.
/// </para>
/// <para>
/// Lines whose quantity has up to 3 decimals, unit price up to 6, percentages up to 4, price at most
/// 10^12 and rounding scale at most 6 are computed in scaled integers (64-bit where every step fits, 128-bit
/// otherwise); within those bounds every decimal step of the engine is exact too, which is why the two agree.
/// Any other line falls back to the engine's decimal arithmetic. Invalid input throws for the first bad line; the lines before it have been
/// written.
/// </para>
/// </remarks>
public sealed partial class ChargeBatch
{
    private const int QuantityScale = 3;
    private const int PriceScale = 6;
    private const int PercentScale = 4;
    private const long MaxScaledQuantity = 1_000_000_000_000_000;   // 10^15 at scale 3
    private const long MaxScaledPrice = 1_000_000_000_000_000;      // 10^12 at scale 6
    private const int MaxFastScale = 6;                             // 10^12 at scale 6 still fits a long
    private static readonly Int128 MaxScaledSubtotal = Int128.Parse("1000000000000000000000", System.Globalization.CultureInfo.InvariantCulture); // 10^12 at scale 9

    private readonly RoundingMode _mode;
    private readonly int _scale;
    private readonly decimal _taxPercent;
    private readonly long _scaledTax;
    private readonly bool _fast;
    private readonly IKernel? _kernel;

    // Lines this thread has calculated off the 64-bit kernel. The exact paths compute the same amounts, so a kernel
    // that refuses a line it could take is visible only here (and in the benchmarks): tests read it to hold the
    // kernel to the bounds it claims.
    [field: ThreadStatic]
    internal static int LinesOffTheKernel { get; private set; }

    /// <summary>Initializes a batch in one currency with one tax rate and one rounding.</summary>
    /// <param name="currency">The currency of every price.</param>
    /// <param name="rounding">How nets and taxes are rounded.</param>
    /// <param name="tax">The exclusive tax on every line; none when null.</param>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is <c>default(Currency)</c>.</exception>
    public ChargeBatch(Currency currency, RoundingPolicy rounding, TaxRate? tax = null)
    {
        Currency = Preconditions.CheckInitialized(currency);
        Rounding = rounding;
        Tax = tax;
        _mode = rounding.Mode;
        _scale = rounding.ScaleFor(currency);
        _taxPercent = tax?.Percent ?? 0m;
        _fast = ScaledDecimal.TryScale(_taxPercent, PercentScale, 1_000_000, out _scaledTax) && _scale <= MaxFastScale;
        _kernel = _fast ? KernelFor(_mode, 9 - _scale) : null;
    }

    /// <summary>Gets the currency of every line.</summary>
    public Currency Currency { get; }

    /// <summary>Gets how amounts are rounded.</summary>
    public RoundingPolicy Rounding { get; }

    /// <summary>Gets the exclusive tax on every line, if any.</summary>
    public TaxRate? Tax { get; }

    /// <summary>Calculates quantity × unit price less the discount, and its tax, for every line.</summary>
    /// <param name="lines">The lines.</param>
    /// <param name="results">Where to write each line's amounts; at least as long as <paramref name="lines"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="results"/> is shorter than <paramref name="lines"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A line has a negative quantity or price, a quantity with more than three decimals, or a discount outside 0 to 100.</exception>
    public void PerUnit(ReadOnlySpan<ChargeLineInput> lines, Span<ChargeAmounts> results)
    {
        Preconditions.CheckArgument(results.Length >= lines.Length, nameof(results), "The results span is shorter than the lines.");
        if (_kernel is not null)
        {
            _kernel.PerUnit(this, lines, results);
            return;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            results[i] = Line(lines[i], i, nameof(lines));
        }
    }

    /// <summary>Prices every quantity with graduated tiers, less one discount, and its tax.</summary>
    /// <param name="price">The graduated tiers, in the batch's currency.</param>
    /// <param name="quantities">The quantities: 0 or more, up to three decimals.</param>
    /// <param name="discountPercent">The percentage off every line, 0 to 100.</param>
    /// <param name="results">Where to write each line's amounts; at least as long as <paramref name="quantities"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="price"/> is null.</exception>
    /// <exception cref="ArgumentException">The tiers are in another currency, or <paramref name="results"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A quantity is negative or has more than three decimals, or the discount is outside 0 to 100.</exception>
    public void Graduated(GraduatedPrice price, ReadOnlySpan<decimal> quantities, decimal discountPercent, Span<ChargeAmounts> results)
    {
        CheckTiers(price);
        Preconditions.CheckArgument(results.Length >= quantities.Length, nameof(results), "The results span is shorter than the quantities.");
        CheckDiscount(discountPercent, nameof(discountPercent), line: null);
        var tiers = _kernel is null ? null : ScaledTiers.TryCreate(price);
        if (tiers is not null && ScaledDecimal.TryScale(discountPercent, PercentScale, 1_000_000, out var discount))
        {
            _kernel!.Graduated(this, price, tiers, quantities, discountPercent, discount, results);
            return;
        }

        for (var i = 0; i < quantities.Length; i++)
        {
            results[i] = GraduatedLine(price, null, quantities[i], discountPercent, 0, i, nameof(quantities));
        }
    }

    /// <summary>
    /// Prices every quantity, given in thousandths, with graduated tiers, less one discount, and its tax, writing
    /// minor units: the same amounts as <see cref="Graduated"/>, for a billing run that reads and stores integer columns.
    /// </summary>
    /// <param name="price">The graduated tiers, in the batch's currency: bounds with up to 3 decimals and at most 10^12, prices and flat fees with up to 6 decimals and at most 10^9.</param>
    /// <param name="quantities">Each quantity in thousandths (1.5 is 1500); 0 to 10^15.</param>
    /// <param name="discount">The discount on every line in ten-thousandths of a percent (12.5 % is 125000); 0 to 1,000,000.</param>
    /// <param name="nets">Where to write each net, in units of 10^-<see cref="RoundingScale"/>.</param>
    /// <param name="discountAmounts">Where to write each discount amount, in the same units.</param>
    /// <param name="taxes">Where to write each tax, in the same units.</param>
    /// <exception cref="InvalidOperationException"><see cref="SupportsScaled"/> is false.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="price"/> is null.</exception>
    /// <exception cref="ArgumentException">The tiers are in another currency or outside the bounds stated, or an output span is shorter than the quantities.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The discount is out of range, or a quantity is, or its price is above 10^12; the lines before it have been written.</exception>
    public void GraduatedScaled(GraduatedPrice price, ReadOnlySpan<long> quantities, long discount, Span<long> nets, Span<long> discountAmounts, Span<long> taxes)
    {
        CheckScaled();
        CheckTiers(price);
        var tiers = ScaledTiers.TryCreate(price)
            ?? throw new ArgumentException("A tier's bound has more than 3 decimals or is above 10^12, or a price or flat fee has more than 6 or is above 10^9: use Graduated.", nameof(price));
        if ((ulong)discount > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(discount), discount, "A discount is between 0 and 1,000,000 ten-thousandths of a percent.");
        }

        CheckOutputs(quantities.Length, nets, discountAmounts, taxes);
        _kernel!.GraduatedScaled(this, tiers, quantities, discount, nets, discountAmounts, taxes);
    }

    /// <summary>Gets a value indicating whether <see cref="PerUnitScaled"/> can be used: the tax has at most 4 decimals and the rounding scale is at most 6.</summary>
    public bool SupportsScaled => _fast;

    /// <summary>Gets the number of decimals of the minor units <see cref="PerUnitScaled"/> writes: the rounding policy's scale for the currency.</summary>
    public int RoundingScale => _scale;

    /// <summary>
    /// Calculates lines given as scaled integers, writing minor units: the same amounts as
    /// <see cref="PerUnit"/>, for a billing run that reads and stores integer columns.
    /// </summary>
    /// <param name="quantities">Each quantity in thousandths (1.5 is 1500); 0 to 10^15.</param>
    /// <param name="unitPrices">Each unit price in millionths (0.125 is 125000); 0 to 10^15.</param>
    /// <param name="discounts">Each discount in ten-thousandths of a percent (12.5 % is 125000); 0 to 1,000,000.</param>
    /// <param name="nets">Where to write each net, in units of 10^-<see cref="RoundingScale"/>.</param>
    /// <param name="discountAmounts">Where to write each discount amount, in the same units.</param>
    /// <param name="taxes">Where to write each tax, in the same units.</param>
    /// <exception cref="InvalidOperationException"><see cref="SupportsScaled"/> is false.</exception>
    /// <exception cref="ArgumentException">The spans' lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range; the lines before it have been written.</exception>
    public void PerUnitScaled(
        ReadOnlySpan<long> quantities, ReadOnlySpan<long> unitPrices, ReadOnlySpan<long> discounts, Span<long> nets, Span<long> discountAmounts, Span<long> taxes)
    {
        CheckScaled();
        var count = quantities.Length;
        Preconditions.CheckArgument(unitPrices.Length == count && discounts.Length == count, nameof(unitPrices), "The input spans have different lengths.");
        CheckOutputs(count, nets, discountAmounts, taxes);
        _kernel!.PerUnitScaled(this, quantities, unitPrices, discounts, nets, discountAmounts, taxes);
    }

    private static void CheckOutputs(int count, Span<long> nets, Span<long> discountAmounts, Span<long> taxes) =>
        Preconditions.CheckArgument(nets.Length >= count && discountAmounts.Length >= count && taxes.Length >= count, nameof(nets), "An output span is shorter than the input.");

    private void CheckScaled()
    {
        if (!_fast)
        {
            throw new InvalidOperationException("This batch's tax has more than 4 decimals or its rounding scale is above 6: use the decimal methods.");
        }
    }

    private void CheckTiers(GraduatedPrice price)
    {
        Preconditions.CheckNotNull(price);
        Preconditions.CheckArgument(price.Currency == Currency, nameof(price), $"The tiers are in {price.Currency.Code}, the batch in {Currency.Code}.");
    }

    // One line off the kernel's 64-bit path: in 128 bits when its scaled values fit, else in decimals.
    private ChargeAmounts Line(in ChargeLineInput line, int index, string paramName)
    {
        LinesOffTheKernel++;
        if (_fast
            && ScaledDecimal.TryScale(line.Quantity, QuantityScale, MaxScaledQuantity, out var quantity)
            && ScaledDecimal.TryScale(line.UnitPrice, PriceScale, MaxScaledPrice, out var price)
            && ScaledDecimal.TryScale(line.DiscountPercent, PercentScale, 1_000_000, out var discount)
            && (Int128)quantity * price is var subtotal && subtotal <= MaxScaledSubtotal)
        {
            return Wide(subtotal, discount);
        }

        Check(line.Quantity, line.DiscountPercent, index, paramName);
        if (line.UnitPrice is < 0m or > Money.MaxAmount)
        {
            throw new ArgumentOutOfRangeException(paramName, line.UnitPrice, $"Line {index}: a unit price is 0 to {Money.MaxAmount:N0}.");
        }

        return Slow(CheckSubtotal(line.Quantity * line.UnitPrice, index, paramName), line.DiscountPercent);
    }

    // One scaled line off the kernel's 64-bit path: in 128 bits, or refused when out of range.
    private (long Net, long DiscountAmount, long Tax) ScaledLine(long quantity, long price, long discount, int index, (string Values, string Prices) paramNames)
    {
        LinesOffTheKernel++;
        if ((ulong)quantity > MaxScaledQuantity || (ulong)price > MaxScaledPrice || (ulong)discount > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(paramNames.Values, $"Line {index}: quantity {quantity}, unit price {price} or discount {discount} is out of range.");
        }

        return ScaledUnits((Int128)quantity * price, discount, index, paramNames.Prices);
    }

    // One graduated scaled line off the kernel's 64-bit path: in 128 bits, or refused when out of range.
    private (long Net, long DiscountAmount, long Tax) ScaledGraduatedLine(ScaledTiers tiers, long quantity, long discount, int index, string paramName)
    {
        LinesOffTheKernel++;
        if ((ulong)quantity > MaxScaledQuantity)
        {
            throw new ArgumentOutOfRangeException(paramName, quantity, $"Line {index}: a quantity is 0 to 10^15 thousandths.");
        }

        return ScaledUnits(tiers.Price(quantity), discount, index, paramName);
    }

    private (long Net, long DiscountAmount, long Tax) ScaledUnits(Int128 subtotal, long discount, int index, string paramName)
    {
        if (subtotal > MaxScaledSubtotal)
        {
            throw new ArgumentOutOfRangeException(paramName, $"Line {index}: the line's price is above 10^12; use the decimal methods, which fall back to decimals.");
        }

        var (net, rounded, tax) = WideUnits(subtotal, discount);
        return (net, rounded - net, tax);
    }

    // One graduated line off the kernel's 64-bit path: in 128 bits when its scaled values fit, else in decimals.
    private ChargeAmounts GraduatedLine(GraduatedPrice price, ScaledTiers? tiers, decimal quantity, decimal discountPercent, long discount, int index, string paramName)
    {
        LinesOffTheKernel++;
        if (tiers is not null
            && ScaledDecimal.TryScale(quantity, QuantityScale, MaxScaledQuantity, out var scaled)
            && tiers.Price(scaled) is var subtotal && subtotal <= MaxScaledSubtotal)
        {
            return Wide(subtotal, discount);
        }

        Check(quantity, discountPercent, index, paramName);
        return Slow(CheckSubtotal(price.Price(quantity).Amount, index, paramName), discountPercent);
    }

    // The same computation in 128 bits, for lines whose intermediates do not fit 64.
    private ChargeAmounts Wide(Int128 subtotal, long discount)
    {
        var (net, rounded, tax) = WideUnits(subtotal, discount);
        var scale = (byte)_scale;
        return new ChargeAmounts(ScaledDecimal.ToDecimal(net, scale), ScaledDecimal.ToDecimal(rounded - net, scale), ScaledDecimal.ToDecimal(tax, scale));
    }

    private (long Net, long Rounded, long Tax) WideUnits(Int128 subtotal, long discount)
    {
        var rounded = ScaledDecimal.RoundDivide(subtotal, 9 - _scale, _mode);
        // Stryker disable once Conditional : without a discount the division below gives rounded itself (equivalent)
        var net = discount == 0 ? rounded : ScaledDecimal.RoundDivide(subtotal * (1_000_000 - discount), 15 - _scale, _mode);
        return (net, rounded, ScaledDecimal.RoundDivide((Int128)net * _scaledTax, 6, _mode));
    }

    // The engine's decimal steps, for lines outside the fast path's bounds.
    private ChargeAmounts Slow(decimal subtotal, decimal discountPercent)
    {
        var running = subtotal - (subtotal * discountPercent / 100m);
        var net = Rounding.Round(running, _scale);
        var tax = Rounding.Round(net * _taxPercent / 100m, _scale);
        return new ChargeAmounts(net, Rounding.Round(subtotal, _scale) - net, tax);
    }

    // A line comes to at most ChargeEngine.MaxLineAmount, as the engine's lines do.
    private static decimal CheckSubtotal(decimal subtotal, int index, string paramName) =>
        subtotal <= ChargeEngine.MaxLineAmount
            ? subtotal
            : throw new ArgumentOutOfRangeException(paramName, subtotal, $"Line {index} comes to {subtotal}: a line is at most {ChargeEngine.MaxLineAmount:N0}.");

    private static void Check(decimal quantity, decimal discountPercent, int index, string paramName)
    {
        if (quantity < 0m || quantity > Pricing.PriceComponent.MaxQuantity || decimal.Round(quantity, QuantityScale) != quantity)
        {
            throw new ArgumentOutOfRangeException(paramName, quantity, $"Line {index}: a quantity is 0 to 10^12 with up to three decimals.");
        }

        CheckDiscount(discountPercent, paramName, index);
    }

    // line: the index of the line the discount is on, or null for a discount on every line.
    private static void CheckDiscount(decimal discountPercent, string paramName, int? line)
    {
        if (discountPercent is < 0m or > 100m)
        {
            throw new ArgumentOutOfRangeException(paramName, discountPercent, $"{(line is { } index ? $"Line {index}: a" : "A")} discount is between 0 and 100 %.");
        }
    }

    // Graduated tiers at fixed scales: bounds at 3, unit prices at 6, flat fees at 9 (the subtotal's scale).
    private sealed class ScaledTiers
    {
        private readonly long[] _bounds;
        private readonly long[] _prices;
        private readonly long[] _fees;
        private readonly long _zeroFee;   // what a quantity of zero costs: the first tier's fee, or nothing, as the price's policy says

        private ScaledTiers(long[] bounds, long[] prices, long[] fees, long zeroFee)
        {
            _bounds = bounds;
            _prices = prices;
            _fees = fees;
            _zeroFee = zeroFee;
        }

        public static ScaledTiers? TryCreate(GraduatedPrice price)
        {
            var count = price.Tiers.Count;
            var bounds = new long[count];
            var prices = new long[count];
            var fees = new long[count];
            for (var i = 0; i < count; i++)
            {
                var tier = price.Tiers[i];
                if (!ScaledDecimal.TryScale(tier.UpTo ?? 0m, QuantityScale, MaxScaledQuantity, out bounds[i])
                    || !ScaledDecimal.TryScale(tier.UnitPrice.Amount, PriceScale, MaxScaledPrice, out prices[i])
                    || !ScaledDecimal.TryScale(tier.FlatFee.Amount, PriceScale, MaxScaledPrice, out var fee))
                {
                    return null;
                }

                bounds[i] = tier.UpTo is null ? long.MaxValue : bounds[i];
                fees[i] = fee * 1_000;   // at most 10^18
            }

            return new ScaledTiers(bounds, prices, fees, price.ZeroQuantity == ZeroQuantityPolicy.ChargesFirstTierFlatFee ? fees[0] : 0);
        }

        // The price at scale 9 in 64 bits; false when it does not fit. Branch-free: every tier is visited, reached or
        // not, and the minimum, the clamp at zero and the fee of a reached tier are sign masks, not comparisons.
        // Random quantities reach a random number of tiers; a branch on it would be mispredicted every other line.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryPrice(long quantity, out long subtotal)
        {
            ulong total = 0;
            var below = 0L;
            var fits = true;
            var (bounds, prices, fees) = (_bounds, _prices, _fees);
            // The three arrays have one length: the extra conditions only let the JIT drop the bounds checks.
            // Stryker disable once Equality,Logical : every condition ends the loop at the same i (equivalent)
            for (var i = 0; i < bounds.Length && i < prices.Length && i < fees.Length; i++)
            {
                var bound = bounds[i];
                var over = bound - quantity;
                var inTier = quantity + (over & (over >> 63)) - below;   // min(bound, quantity) - below
                inTier &= ~(inTier >> 63);                                // 0 when the quantity does not reach the tier
                var reached = (below - quantity) >> 63;                   // all ones when it does
                fits &= Fits(inTier, prices[i]);
                total += (ulong)(inTier * prices[i]);
                fits &= total <= long.MaxValue;
                total += (ulong)(fees[i] & reached);
                fits &= total <= long.MaxValue;
                below = bound;
            }

            subtotal = (long)total + (_zeroFee & ((quantity - 1) >> 63));   // quantities are never negative: all ones only for zero
            return fits;
        }

        // The price at scale 9 in 128 bits.
        public Int128 Price(long quantity)
        {
            Int128 total = quantity == 0 ? _zeroFee : 0;
            var below = 0L;
            // The last tier is open-ended (bound long.MaxValue, which no quantity passes): the loop never runs off the tiers.
            for (var i = 0; quantity > below; i++)
            {
                // Stryker disable once Equality : when the two are equal either is the minimum (equivalent)
                var top = _bounds[i] < quantity ? _bounds[i] : quantity;
                total += ((Int128)(top - below) * _prices[i]) + _fees[i];
                below = _bounds[i];
            }

            return total;
        }
    }
}
