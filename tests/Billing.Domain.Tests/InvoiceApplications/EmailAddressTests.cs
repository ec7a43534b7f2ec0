using Billing.Domain.InvoiceApplications;

namespace Billing.Domain.Tests.InvoiceApplications;

public class EmailAddressTests
{
    [Theory]
    [InlineData("finance@acme.example")]
    [InlineData("first.last+invoices@mail.acme.co.uk")]
    [InlineData("o'brien@acme.example")]
    [InlineData("a!#$%&'*+-/=?^_`{|}~z@acme.example")]
    [InlineData("x@a-b.example")]
    [InlineData("用户@例子.广告")]
    [InlineData("a@b.c1")]
    public void IsValid_PlainAddresses(string address) => Assert.True(EmailAddress.IsValid(address), address);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("finance")]
    [InlineData("@acme.example")]
    [InlineData("finance@")]
    [InlineData("finance@acme")]                       // one label
    [InlineData("finance@acme.example.")]              // trailing dot
    [InlineData("finance@-acme.example")]              // label starts with a hyphen
    [InlineData("finance@acme-.example")]              // label ends with a hyphen
    [InlineData("finance@acme..example")]
    [InlineData("finance@[192.0.2.1]")]                // IP literal
    [InlineData("finance@192.0.2.1")]                  // numeric top-level label
    [InlineData("\"john doe\"@acme.example")]          // quoted local part with a space
    [InlineData("\"john\"@acme.example")]              // quoted local part
    [InlineData("john doe@acme.example")]
    [InlineData(".john@acme.example")]
    [InlineData("john.@acme.example")]
    [InlineData("jo..hn@acme.example")]
    [InlineData("a@b@acme.example")]
    [InlineData("fin\u202Eance@acme.example")]         // bidi override
    [InlineData("fin\u200Bance@acme.example")]         // zero-width space
    [InlineData("fin\0ance@acme.example")]
    [InlineData("finance@acme.example\n")]
    [InlineData("fin(comment)ance@acme.example")]
    public void IsValid_RefusesTheRest(string? address) => Assert.False(EmailAddress.IsValid(address), address);

    [Fact]
    public void IsValid_BoundsTheLengths()
    {
        var local64 = new string('a', 64);
        Assert.True(EmailAddress.IsValid($"{local64}@acme.example"));
        Assert.False(EmailAddress.IsValid($"{local64}a@acme.example"));
        Assert.True(EmailAddress.IsValid($"a@{new string('b', 63)}.example"));
        Assert.False(EmailAddress.IsValid($"a@{new string('b', 64)}.example"));
        var longDomain = string.Join('.', Enumerable.Repeat(new string('c', 60), 5));
        Assert.False(EmailAddress.IsValid($"a@{longDomain}"));   // 308 characters
        var domain252 = string.Join('.', Enumerable.Repeat(new string('c', 61), 4)) + ".exam";   // 4 × 61 + 3 + 5 = 252
        Assert.True(EmailAddress.IsValid($"a@{domain252}"));                 // exactly 254 characters
        Assert.False(EmailAddress.IsValid($"ab@{domain252}"));               // 255
    }
}
