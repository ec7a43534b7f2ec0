namespace Billing.Domain;

/// <summary>
/// How <see cref="Money.Allocate(AllocationStyle, ReadOnlySpan{decimal}, RoundingMode)"/> and
/// <see cref="Money.Split(int, AllocationStyle, RoundingMode)"/> turn exact shares into minor units. Every style sums
/// to the whole; they differ in where the leftover units go, so a host moving from another money library picks that
/// library's style and gets its numbers to the unit.
/// </summary>
public enum AllocationStyle
{
    /// <summary>
    /// The default: each share is its exact share of the amount's magnitude rounded down, and the units left over go
    /// one each to the largest remainders, the earlier share first on a tie (Hamilton's method); a negative amount is
    /// shared as its absolute value and every share negated.
    /// </summary>
    LargestRemainder = 0,

    /// <summary>
    /// easymoney's and moneyphp's <c>allocate</c>: each share is its exact share floored (towards negative infinity,
    /// so a negative share goes one unit further from zero), and the units left over go one each to the largest
    /// fractional parts, the earlier share first on a tie. The same as <see cref="LargestRemainder"/> for an amount
    /// of zero or more; −0.05 over 7 : 3 gives −0.03 and −0.02 where <see cref="LargestRemainder"/> gives −0.04 and −0.01.
    /// </summary>
    FlooredLargestFraction = 1,

    /// <summary>
    /// NodaMoney's <c>SafeDivide</c>: every share but the last is its exact share rounded to a minor unit by the
    /// rounding mode given (banker's rounding unless another is given), and the last share takes what is left. The
    /// last share can differ from its exact share by more than a unit, or even have the other sign
    /// (0.05 in eight equal shares gives seven of 0.01 and −0.02), as NodaMoney's does.
    /// </summary>
    RoundedRemainderLast = 2,
}
