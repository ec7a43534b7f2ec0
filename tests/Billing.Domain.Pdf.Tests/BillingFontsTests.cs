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
    [InlineData("주식회사 샘플")]
    public void TheShippedFonts_HaveEveryGlyphOfTheSeedsAndOfHeadersInTheirOwnScripts(string text) =>
        Assert.True(BillingFonts.Covers(text));

    [Fact]
    public void ACharacterNoShippedFontHas_IsNotCovered() =>
        Assert.False(BillingFonts.Covers("Acme \U0001FAE8"));   // an emoji of Unicode 15 (2022), newer than every shipped font

    [Fact]
    public void EachCharacter_IsDrawnInTheFirstFontThatHasIt()
    {
        var runs = BillingFonts.Runs("Acme ▲ 上海 주식회사 Ltd").ToList();

        Assert.Equal(
            [(BillingFonts.Sans, "Acme ▲ "), (BillingFonts.Fallback, "上海"), (BillingFonts.Sans, " "), (BillingFonts.Hangul, "주식회사"), (BillingFonts.Sans, " Ltd")],
            runs);
        Assert.Empty(BillingFonts.Runs(""));
    }

    [Fact]
    public void ACoverage_IsReadFromTheFontsCmap()
    {
        var dejavu = FontCoverage.Read(File.ReadAllBytes(FontFile("DejaVuSans.ttf")));
        var droid = FontCoverage.Read(File.ReadAllBytes(FontFile("DroidSansFallbackFull.ttf")));
        var nanum = FontCoverage.Read(File.ReadAllBytes(FontFile("NanumGothic.ttf")));

        Assert.True(dejavu.Covers('A') && dejavu.Covers('▲') && dejavu.Covers('€'));
        Assert.False(dejavu.Covers('中'));
        Assert.True(droid.Covers('中') && droid.Covers('サ'));
        Assert.False(droid.Covers('한'));
        Assert.True(nanum.Covers('한') && nanum.Covers('글'));
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
