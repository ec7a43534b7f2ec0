namespace Billing.Domain.Pdf.Tests;

public sealed class BillingFontsTests
{
    [Theory]
    [InlineData("▲ ▼")]
    [InlineData("€ £ ¥ ₽ ₹ ₩ ₺ $")]
    [InlineData("Größe, façade, Ærøskøbing")]
    [InlineData("Ελληνικά, Русский")]
    [InlineData("上海示例科技有限公司")]
    [InlineData("株式会社サンプル")]
    public void TheShippedFonts_HaveEveryGlyphOfTheSeedsAndOfHeadersInTheirOwnScripts(string text) =>
        Assert.True(BillingFonts.Covers(text));

    [Fact]
    public void Hangul_IsNotCovered_AsTheDocsSay() =>
        Assert.False(BillingFonts.Covers("주식회사"));

    [Fact]
    public void EachCharacter_IsDrawnInTheFirstFontThatHasIt()
    {
        var runs = BillingFonts.Runs("Acme ▲ 上海 Ltd").ToList();

        Assert.Equal(
            [(BillingFonts.Sans, "Acme ▲ "), (BillingFonts.Fallback, "上海"), (BillingFonts.Sans, " Ltd")],
            runs);
        Assert.Empty(BillingFonts.Runs(""));
    }

    [Fact]
    public void ACoverage_IsReadFromTheFontsCmap()
    {
        var dejavu = FontCoverage.Read(File.ReadAllBytes(FontFile("DejaVuSans.ttf")));
        var droid = FontCoverage.Read(File.ReadAllBytes(FontFile("DroidSansFallbackFull.ttf")));

        Assert.True(dejavu.Covers('A') && dejavu.Covers('▲') && dejavu.Covers('€'));
        Assert.False(dejavu.Covers('中'));
        Assert.True(droid.Covers('中') && droid.Covers('サ'));
        Assert.False(dejavu.Covers(0x10FFFF));
        Assert.Throws<InvalidDataException>(() => FontCoverage.Read(new byte[64]));
    }

    private static string FontFile(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Billing.Domain.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "src", "Billing.Domain.Pdf", "Fonts", name);
    }
}
