using Billing.Domain.Numbering;

namespace Billing.Domain.Tests.Numbering;

public class NumberSeriesTests
{
    private static readonly LocalDate April2 = new(2026, 4, 2);

    [Theory]
    [InlineData("INV-{yyyy}{MM}-{seq:000000}", 17, "INV-202604-000017")]
    [InlineData("{yy}/{MM}/{dd}-{seq}", 1234567, "26/04/02-1234567")]
    [InlineData("ACME-EU-{seq:0000}", 12345, "ACME-EU-12345")]
    [InlineData("{{{seq:00}}}", 3, "{03}")]
    [InlineData("{seq}", 1, "1")]
    [InlineData("ACME-EE-{seq}", 3, "ACME-EE-3")]
    [InlineData("x{{y-{seq}-}}", 7, "x{y-7-}")]
    public void NumberFor_FillsEveryPlaceholder(string format, long sequence, string expected) =>
        Assert.Equal(expected, new NumberSeries("INV", format).NumberFor(sequence, April2));

    [Theory]
    [InlineData("INV-{yyyy}")]
    [InlineData("{seq}-{seq}")]
    [InlineData("INV-{seq:abc}")]
    [InlineData("INV-{yyyy:00}-{seq}")]
    [InlineData("INV-{month}-{seq}")]
    [InlineData("INV-{seq")]
    [InlineData("INV-}{seq}")]
    [InlineData("{seq}{")]
    [InlineData("{seq}}")]
    [InlineData("{abcd{yy}{seq}")]
    public void BadFormats_AreRefused(string format) =>
        Assert.Throws<ArgumentException>("format", () => new NumberSeries("INV", format));

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>("name", () => new NumberSeries(" ", "{seq}"));
        Assert.Throws<ArgumentOutOfRangeException>("sequence", () => new NumberSeries("INV", "{seq}").NumberFor(0, April2));
    }

    [Fact]
    public void Series_AreEqualByNameAndFormat()
    {
        Assert.Equal(new NumberSeries("INV", "I-{seq}"), new NumberSeries("INV", "I-{seq}"));
        Assert.NotEqual(new NumberSeries("INV", "I-{seq}"), new NumberSeries("INV-2027", "I-{seq}"));
        Assert.Equal(new NumberSeries("INV", "I-{seq}").GetHashCode(), new NumberSeries("INV", "I-{seq}").GetHashCode());
    }

    [Theory]
    [InlineData(2005, "05")]
    [InlineData(2000, "00")]
    [InlineData(2099, "99")]
    public void TwoDigitYear_IsZeroPadded(int year, string expected) =>
        Assert.Equal($"{expected}-7", new NumberSeries("INV", "{yy}-{seq}").NumberFor(7, new LocalDate(year, 1, 9)));

    [Fact]
    public void FourDigitYear_IsZeroPadded() =>
        Assert.Equal("0999-7", new NumberSeries("INV", "{yyyy}-{seq}").NumberFor(7, new LocalDate(999, 1, 9)));

    [Theory]
    [InlineData("INV-}{seq}", "Unbalanced '}' at 4")]
    [InlineData("INV-{month}-{seq}", "Unknown placeholder at 4")]
    [InlineData("INV-{yyyy}", "needs exactly one {seq}")]
    public void BadFormats_SayWhatIsWrong(string format, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>("format", () => new NumberSeries("INV", format)).Message, StringComparison.Ordinal);

    [Fact]
    public void SequenceBelowOne_SaysWhereSequencesStart() =>
        Assert.Contains("Sequences start at 1", Assert.Throws<ArgumentOutOfRangeException>(() => new NumberSeries("INV", "{seq}").NumberFor(0, April2)).Message, StringComparison.Ordinal);
}
