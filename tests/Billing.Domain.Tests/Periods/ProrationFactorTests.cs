using Billing.Domain.Periods;

namespace Billing.Domain.Tests.Periods;

public class ProrationFactorTests
{
    [Fact]
    public void Constructor_ReducesToLowestTerms()
    {
        var factor = new ProrationFactor(10, 30);

        Assert.Equal(1, factor.Numerator);
        Assert.Equal(3, factor.Denominator);
        Assert.Equal("1/3", factor.ToString());
        Assert.Equal(new ProrationFactor(0, 1), new ProrationFactor(0, 7));
    }

    [Fact]
    public void Constructor_NegativeOrZeroDenominator_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>("numerator", () => new ProrationFactor(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>("denominator", () => new ProrationFactor(1, 0));
    }

    [Fact]
    public void Apply_KeepsEveryDecimalUntilRounded()
    {
        var usd = Currency.FromCode("USD");
        var third = new ProrationFactor(1, 3);

        Assert.Equal(new Money(3.3333333333333333333333333333m, usd), third.Apply(new Money(10m, usd)));
        Assert.Equal(new Money(3.33m, usd), third.Apply(new Money(10m, usd), RoundingPolicy.Bankers));
    }

    [Fact]
    public void ToDecimal_RoundsForDisplay()
    {
        Assert.Equal(0.548m, new ProrationFactor(17, 31).ToDecimal(3));
        Assert.Equal(1.5m, new ProrationFactor(3, 2).ToDecimal());
    }

    [Fact]
    public void One_IsOne()
    {
        Assert.True(ProrationFactor.One.IsOne);
        Assert.False(new ProrationFactor(2, 3).IsOne);
        Assert.True(new ProrationFactor(2, 3) != ProrationFactor.One);
    }

    [Fact]
    public void Equality_ComparesNumeratorAndDenominator_InLowestTerms()
    {
        Assert.NotEqual(new ProrationFactor(1, 2), new ProrationFactor(1, 3));
        Assert.NotEqual(new ProrationFactor(1, 3), new ProrationFactor(2, 3));
        Assert.True(new ProrationFactor(1, 2) != new ProrationFactor(1, 3));
        Assert.False(new ProrationFactor(1, 2) == new ProrationFactor(1, 3));
        Assert.False(new ProrationFactor(1, 2).Equals((object)new ProrationFactor(1, 3)));
        Assert.False(new ProrationFactor(1, 2).Equals("1/2"));
        Assert.True(new ProrationFactor(2, 4) == new ProrationFactor(1, 2));
        Assert.True(new ProrationFactor(2, 4).Equals((object)new ProrationFactor(1, 2)));
        Assert.Equal(new ProrationFactor(2, 4).GetHashCode(), new ProrationFactor(1, 2).GetHashCode());
    }

    [Fact]
    public void Constructor_TakesTermsUpToMaxTerm()
    {
        Assert.Equal((1L, 1L), (new ProrationFactor(ProrationFactor.MaxTerm, ProrationFactor.MaxTerm).Numerator, new ProrationFactor(ProrationFactor.MaxTerm, ProrationFactor.MaxTerm).Denominator));
        Assert.Equal(ProrationFactor.MaxTerm, new ProrationFactor(1, ProrationFactor.MaxTerm).Denominator);
        Assert.Equal(ProrationFactor.MaxTerm, new ProrationFactor(ProrationFactor.MaxTerm, 1).Numerator);
        Assert.Throws<ArgumentOutOfRangeException>("numerator", () => new ProrationFactor(ProrationFactor.MaxTerm + 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>("denominator", () => new ProrationFactor(1, ProrationFactor.MaxTerm + 1));
    }

    [Fact]
    public void DivideBy_MultipliesByTheInverse_AndRefusesZero()
    {
        Assert.Equal(new ProrationFactor(3, 2), new ProrationFactor(1, 2).DivideBy(new ProrationFactor(1, 3)));
        Assert.Equal(new ProrationFactor(ProrationFactor.MaxTerm, 1), new ProrationFactor(ProrationFactor.MaxTerm, 1).DivideBy(ProrationFactor.One));
        Assert.Throws<ArgumentOutOfRangeException>("numerator", () => new ProrationFactor(ProrationFactor.MaxTerm, 1).DivideBy(new ProrationFactor(1, 2)));
        Assert.Throws<ArgumentException>("divisor", () => ProrationFactor.One.DivideBy(new ProrationFactor(0, 1)));
    }
}
