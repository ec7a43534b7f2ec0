using System.Runtime.CompilerServices;
using Billing.Domain.Pricing;

namespace Billing.Domain.Charging;

/// <content>
/// The 64-bit kernel, compiled once per rounding mode and rounding scale: the mode and the powers of ten are
/// type parameters, so every division by a power of ten becomes a multiplication by a constant and every
/// rounding decision a single comparison, with no switch left in the loop.
/// </content>
public sealed partial class ChargeBatch
{
    private interface IKernel
    {
        void PerUnit(ChargeBatch batch, ReadOnlySpan<ChargeLineInput> lines, Span<ChargeAmounts> results);

        void PerUnitScaled(ChargeBatch batch, ReadOnlySpan<long> quantities, ReadOnlySpan<long> unitPrices, ReadOnlySpan<long> discounts, Span<long> nets, Span<long> discountAmounts, Span<long> taxes);

        void Graduated(ChargeBatch batch, GraduatedPrice price, ScaledTiers tiers, ReadOnlySpan<decimal> quantities, decimal discountPercent, long discount, Span<ChargeAmounts> results);

        void GraduatedScaled(ChargeBatch batch, ScaledTiers tiers, ReadOnlySpan<long> quantities, long discount, Span<long> nets, Span<long> discountAmounts, Span<long> taxes);
    }

    private interface IConstant<T>
    {
        static abstract T Value { get; }
    }

    // The kernel for this batch's mode and cut (9 minus the rounding scale), or null outside the fast path.
    private static IKernel? KernelFor(RoundingMode mode, int cut) => mode switch
    {
        RoundingMode.HalfToEven => KernelFor<HalfToEven>(cut),
        RoundingMode.HalfAwayFromZero => KernelFor<HalfAwayFromZero>(cut),
        RoundingMode.HalfTowardZero => KernelFor<HalfTowardZero>(cut),
        RoundingMode.HalfUp => KernelFor<HalfUp>(cut),
        RoundingMode.HalfDown => KernelFor<HalfDown>(cut),
        RoundingMode.Ceiling => KernelFor<Ceiling>(cut),
        RoundingMode.Floor => KernelFor<Floor>(cut),
        RoundingMode.AwayFromZero => KernelFor<AwayFromZero>(cut),
        RoundingMode.TowardZero => KernelFor<TowardZero>(cut),
        _ => null,
    };

    private static IKernel? KernelFor<TMode>(int cut)
        where TMode : struct, IConstant<RoundingMode> => cut switch
        {
            3 => new Kernel<TMode, Cut3>(),
            4 => new Kernel<TMode, Cut4>(),
            5 => new Kernel<TMode, Cut5>(),
            6 => new Kernel<TMode, Cut6>(),
            7 => new Kernel<TMode, Cut7>(),
            8 => new Kernel<TMode, Cut8>(),
            9 => new Kernel<TMode, Cut9>(),
            _ => null,
        };

    private sealed class Kernel<TMode, TCut> : IKernel
        where TMode : struct, IConstant<RoundingMode>
        where TCut : struct, IConstant<int>
    {
        public void PerUnit(ChargeBatch batch, ReadOnlySpan<ChargeLineInput> lines, Span<ChargeAmounts> results)
        {
            var scaledTax = batch._scaledTax;
            var scale = (byte)(9 - TCut.Value);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (ScaledDecimal.TryScale(line.Quantity, QuantityScale, MaxScaledQuantity, out var quantity)
                    && ScaledDecimal.TryScale(line.UnitPrice, PriceScale, MaxScaledPrice, out var price)
                    && ScaledDecimal.TryScale(line.DiscountPercent, PercentScale, 1_000_000, out var discount)
                    && Fits(quantity, price)
                    && Units(quantity * price, discount, scaledTax, out var net, out var rounded, out var tax))
                {
                    results[i] = new ChargeAmounts(ScaledDecimal.ToDecimal(net, scale), ScaledDecimal.ToDecimal(rounded - net, scale), ScaledDecimal.ToDecimal(tax, scale));
                }
                else
                {
                    results[i] = batch.Line(line, i, nameof(lines));
                }
            }
        }

        public void PerUnitScaled(
            ChargeBatch batch, ReadOnlySpan<long> quantities, ReadOnlySpan<long> unitPrices, ReadOnlySpan<long> discounts, Span<long> nets, Span<long> discountAmounts, Span<long> taxes)
        {
            var count = quantities.Length;
            for (var i = Run(batch._scaledTax, quantities, unitPrices, discounts, nets, discountAmounts, taxes);
                i < count;
                i += 1 + Run(batch._scaledTax, quantities[(i + 1)..], unitPrices[(i + 1)..], discounts[(i + 1)..], nets[(i + 1)..], discountAmounts[(i + 1)..], taxes[(i + 1)..]))
            {
                (nets[i], discountAmounts[i], taxes[i]) = batch.ScaledLine(quantities[i], unitPrices[i], discounts[i], i, (nameof(quantities), nameof(unitPrices)));
            }
        }

        // The hot loop: every line runs the same straight-line arithmetic, its checks gathered with & into one flag
        // tested once, after it. Returns the first line it could not take (out of range, or needing 128 bits), or
        // the count when it took them all. It calls nothing, so that the JIT keeps the columns in registers instead
        // of spilling them around a call. On a line it does not take the arithmetic computes garbage (unchecked,
        // no exception) that is not written.
        private static int Run(
            long scaledTax, ReadOnlySpan<long> quantities, ReadOnlySpan<long> unitPrices, ReadOnlySpan<long> discounts, Span<long> nets, Span<long> discountAmounts, Span<long> taxes)
        {
            // The caller slices every span to one length: the extra conditions only let the JIT drop the bounds checks.
            // Stryker disable once Equality,Logical : every condition ends the loop at the same i (equivalent)
            for (var i = 0; i < quantities.Length && i < unitPrices.Length && i < discounts.Length && i < nets.Length && i < discountAmounts.Length && i < taxes.Length; i++)
            {
                var (quantity, price, discount) = (quantities[i], unitPrices[i], discounts[i]);
                var fits = ((ulong)quantity <= MaxScaledQuantity) & ((ulong)price <= MaxScaledPrice) & ((ulong)discount <= 1_000_000)
                    & Fits(quantity, price)
                    & Units(quantity * price, discount, scaledTax, out var net, out var rounded, out var tax);
                if (!fits)
                {
                    return i;
                }

                nets[i] = net;
                discountAmounts[i] = rounded - net;
                taxes[i] = tax;
            }

            return quantities.Length;
        }

        public void Graduated(
            ChargeBatch batch, GraduatedPrice price, ScaledTiers tiers, ReadOnlySpan<decimal> quantities, decimal discountPercent, long discount, Span<ChargeAmounts> results)
        {
            var scaledTax = batch._scaledTax;
            var scale = (byte)(9 - TCut.Value);
            for (var i = 0; i < quantities.Length; i++)
            {
                if (ScaledDecimal.TryScale(quantities[i], QuantityScale, MaxScaledQuantity, out var quantity)
                    & tiers.TryPrice(quantity, out var subtotal)
                    & Units(subtotal, discount, scaledTax, out var net, out var rounded, out var tax))
                {
                    results[i] = new ChargeAmounts(ScaledDecimal.ToDecimal(net, scale), ScaledDecimal.ToDecimal(rounded - net, scale), ScaledDecimal.ToDecimal(tax, scale));
                }
                else
                {
                    results[i] = batch.GraduatedLine(price, tiers, quantities[i], discountPercent, discount, i, nameof(quantities));
                }
            }
        }

        public void GraduatedScaled(
            ChargeBatch batch, ScaledTiers tiers, ReadOnlySpan<long> quantities, long discount, Span<long> nets, Span<long> discountAmounts, Span<long> taxes)
        {
            var count = quantities.Length;
            for (var i = RunGraduated(batch._scaledTax, tiers, discount, quantities, nets[..count], discountAmounts[..count], taxes[..count]);
                i < count;
                i += 1 + RunGraduated(batch._scaledTax, tiers, discount, quantities[(i + 1)..], nets[(i + 1)..count], discountAmounts[(i + 1)..count], taxes[(i + 1)..count]))
            {
                (nets[i], discountAmounts[i], taxes[i]) = batch.ScaledGraduatedLine(tiers, quantities[i], discount, i, nameof(quantities));
            }
        }

        // The hot loop of GraduatedScaled, as Run is PerUnitScaled's: returns the first line it could not take, or
        // the count when it took them all; it calls nothing.
        private static int RunGraduated(
            long scaledTax, ScaledTiers tiers, long discount, ReadOnlySpan<long> quantities, Span<long> nets, Span<long> discountAmounts, Span<long> taxes)
        {
            // As in Run: one length, the extra conditions drop the bounds checks.
            // Stryker disable once Equality,Logical : every condition ends the loop at the same i (equivalent)
            for (var i = 0; i < quantities.Length && i < nets.Length && i < discountAmounts.Length && i < taxes.Length; i++)
            {
                var quantity = quantities[i];
                var fits = ((ulong)quantity <= MaxScaledQuantity)
                    & tiers.TryPrice(quantity, out var subtotal)
                    & Units(subtotal, discount, scaledTax, out var net, out var rounded, out var tax);
                if (!fits)
                {
                    return i;
                }

                nets[i] = net;
                discountAmounts[i] = rounded - net;
                taxes[i] = tax;
            }

            return quantities.Length;
        }

        // subtotal at scale 9; discount at scale 4 of a percentage (10^6 = 100 %). Stays in 64 bits: the subtotal
        // is split into whole units at the rounding scale and a remainder, each discounted apart, so that no
        // intermediate needs 128 bits; false when one would not fit. Branch-free: the overflow checks are
        // gathered into the result, never returned early, so a batch's loop runs one straight line per line.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool Units(long subtotal, long discount, long scaledTax, out long net, out long rounded, out long tax)
        {
            var cutPower = ScaledDecimal.Power(TCut.Value);
            var units = ScaledDecimal.DividePowerOfTen(subtotal, TCut.Value);   // subtotal = units × 10^cut + rest
            var rest = subtotal - (units * cutPower);
            rounded = units + (ScaledDecimal.RoundUp(rest, cutPower, (units & 1) == 0, TMode.Value) ? 1 : 0);

            // net = (units × keep × 10^cut + rest × keep) / 10^(cut + 6), keep = 10^6 - discount. Computed for every
            // line, also without a discount (then it equals rounded): no branch on the data.
            // From a cut of 7 (rounding to cents or coarser) units < 2^63 / 10^7, so units × keep (keep at most
            // 10^6) always fits 64 bits; the check folds away for those instantiations.
            // Stryker disable once Equality : a cut of 7 passes the check too (equivalent)
            var wide = TCut.Value < 7;
            var keep = 1_000_000 - discount;
            var kept = units * keep;
            var fits = !wide || Fits(units, keep);

            var whole = ScaledDecimal.DividePowerOfTen(kept, 6);
            var part = ((kept - (whole * 1_000_000)) * cutPower) + (rest * keep);
            var carry = ScaledDecimal.DividePowerOfTen(part, TCut.Value + 6);
            var remainder = part - (carry * ScaledDecimal.Power(TCut.Value + 6));
            net = whole + carry;
            net += ScaledDecimal.RoundUp(remainder, ScaledDecimal.Power(TCut.Value + 6), (net & 1) == 0, TMode.Value) ? 1 : 0;

            // net × tax fits whenever units × keep does: the carry is at most 1 and rounding adds at most 1, so
            // net ≤ units × keep / 10^6 + 2; with tax ≤ 10^6, net × tax ≤ units × keep + 2 × 10^6, and Fits leaves
            // more than that below 2^63.
            tax = ScaledDecimal.RoundDivide(net * scaledTax, 6, TMode.Value);
            return fits;
        }
    }

    // Whether the product of two non-negative values surely fits a long, estimated in doubles: no 128-bit multiply,
    // whose low half .NET returns through memory. Each conversion and the product are off by at most 2^-53 of their
    // value, so an estimate under 9 × 10^18 means a product under 2^63 (9.22 × 10^18). A product between the two is
    // refused though it fits: the caller then takes its exact 128-bit path.
    // Stryker disable once Equality : a product of exactly 9 × 10^18 fits too (equivalent)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Fits(long left, long right) => (double)left * right < 9e18;

    private struct HalfToEven : IConstant<RoundingMode>
    {
        public static RoundingMode Value => RoundingMode.HalfToEven;
    }

    private struct HalfAwayFromZero : IConstant<RoundingMode>
    {
        public static RoundingMode Value => RoundingMode.HalfAwayFromZero;
    }

    private struct HalfTowardZero : IConstant<RoundingMode>
    {
        public static RoundingMode Value => RoundingMode.HalfTowardZero;
    }

    private struct HalfUp : IConstant<RoundingMode>
    {
        public static RoundingMode Value => RoundingMode.HalfUp;
    }

    private struct HalfDown : IConstant<RoundingMode>
    {
        public static RoundingMode Value => RoundingMode.HalfDown;
    }

    private struct Ceiling : IConstant<RoundingMode>
    {
        public static RoundingMode Value => RoundingMode.Ceiling;
    }

    private struct Floor : IConstant<RoundingMode>
    {
        public static RoundingMode Value => RoundingMode.Floor;
    }

    private struct AwayFromZero : IConstant<RoundingMode>
    {
        public static RoundingMode Value => RoundingMode.AwayFromZero;
    }

    private struct TowardZero : IConstant<RoundingMode>
    {
        public static RoundingMode Value => RoundingMode.TowardZero;
    }

    private struct Cut3 : IConstant<int>
    {
        public static int Value => 3;
    }

    private struct Cut4 : IConstant<int>
    {
        public static int Value => 4;
    }

    private struct Cut5 : IConstant<int>
    {
        public static int Value => 5;
    }

    private struct Cut6 : IConstant<int>
    {
        public static int Value => 6;
    }

    private struct Cut7 : IConstant<int>
    {
        public static int Value => 7;
    }

    private struct Cut8 : IConstant<int>
    {
        public static int Value => 8;
    }

    private struct Cut9 : IConstant<int>
    {
        public static int Value => 9;
    }
}
