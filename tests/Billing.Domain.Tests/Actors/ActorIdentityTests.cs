using Billing.Domain.Actors;
using Billing.Domain.Corrections;
using Billing.Domain.Tests.Prepaid;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Actors;

public class ActorIdentityTests
{
    public static TheoryData<string> SpellingsOfAlice => new()
    {
        "Alice",
        "ALICE",
        "alice ",
        " alice",
        "\uFF41\uFF4C\uFF49\uFF43\uFF45",   // fullwidth ａｌｉｃｅ
        "\u0430lice",                       // Cyrillic а
        "\u0430l\u0456\u0441\u0435",        // Cyrillic а, і, с, е
        "\u03B1lice",                       // Greek α
    };

    public static TheoryData<string> InvisibleOrControlNames => new()
    {
        "al\u200Bice",          // zero-width space
        "\u202Ealice",          // right-to-left override
        "ali\u2066ce",          // left-to-right isolate
        "\uFEFFalice",          // byte order mark
        "ali\0ce",              // NUL
        "ali\nce",              // line feed
        "ali\u2028ce",          // line separator
    };

    [Theory]
    [MemberData(nameof(SpellingsOfAlice))]
    public void Same_AllSpellingsOfOnePerson_AreOnePerson(string spelling) => Assert.True(ActorIdentity.Same("alice", spelling), spelling);

    [Theory]
    [InlineData("alicia")]
    [InlineData("bob")]
    [InlineData("al ice")]
    public void Same_OtherPeople_AreNot(string other) => Assert.False(ActorIdentity.Same("alice", other));

    [Theory]
    [MemberData(nameof(InvisibleOrControlNames))]
    public void InvisibleOrControlCharacters_AreRefused(string name)
    {
        Assert.False(ActorIdentity.IsValid(name));
        Assert.Throws<ArgumentException>("name", () => ActorIdentity.Canonical(name));
    }

    [Fact]
    public void EmptyOrTooLongNames_AreRefused()
    {
        Assert.False(ActorIdentity.IsValid(null));
        Assert.False(ActorIdentity.IsValid("   "));
        Assert.False(ActorIdentity.IsValid(new string('a', 257)));
        Assert.True(ActorIdentity.IsValid(new string('a', 256)));
        Assert.Throws<ArgumentNullException>("name", () => ActorIdentity.Canonical(null!));
    }

    [Theory]
    [MemberData(nameof(SpellingsOfAlice))]
    public async Task ACorrection_IsNeverApprovedByItsRequester_UnderAnotherSpelling(string spelling)
    {
        var h = await RequestedByAliceAsync();

        await Assert.ThrowsAsync<SelfApprovalException>(() => h.Corrections.ApproveAsync("acc", "c-1", spelling));
        await Assert.ThrowsAsync<SelfApprovalException>(() => h.Corrections.RejectAsync("acc", "c-1", spelling, "no"));

        Assert.Equal(CorrectionStatus.Requested, (await h.Store.FindCorrectionAsync("c-1"))!.Status);
        Assert.Equal(Dollars(10m), (await h.Accounts.GetAsync("acc")).Balance);
    }

    [Theory]
    [MemberData(nameof(InvisibleOrControlNames))]
    public async Task ACorrection_DecidedByAnInvisibleOrControlName_IsRefused_AndNothingWritten(string name)
    {
        var h = await RequestedByAliceAsync();

        await Assert.ThrowsAsync<ArgumentException>("manager", () => h.Corrections.ApproveAsync("acc", "c-1", name));
        await Assert.ThrowsAsync<ArgumentException>("requestedBy", () => h.Corrections.RequestAsync("c-2", "acc", Dollars(5m), "Goodwill", name));

        Assert.Equal(CorrectionStatus.Requested, (await h.Store.FindCorrectionAsync("c-1"))!.Status);
        Assert.Null(await h.Store.FindCorrectionAsync("c-2"));
    }

    [Fact]
    public async Task ADecider_IsStoredTrimmed()
    {
        var h = new PrepaidHarness();
        await h.FundAsync("acc", 10m);
        await h.Corrections.RequestAsync("c-1", "acc", Dollars(5m), "Goodwill", " alice ");

        var approved = await h.Corrections.ApproveAsync("acc", "c-1", "  bob ");

        Assert.Equal(("alice", "bob"), (approved.Correction.RequestedBy, approved.Correction.DecidedBy));
    }

    // A funded account with correction c-1 of 5.00 requested by alice.
    private static async Task<PrepaidHarness> RequestedByAliceAsync()
    {
        var h = new PrepaidHarness();
        await h.FundAsync("acc", 10m);
        await h.Corrections.RequestAsync("c-1", "acc", Dollars(5m), "Goodwill", "alice");
        return h;
    }
}
