using FsCheck;

namespace Billing.Domain.Tests;

/// <summary>How every property of this suite is checked: many cases, and a shrunk counterexample on failure.</summary>
internal static class Laws
{
    public static Config Config { get; } = Config.QuickThrowOnFailure.WithMaxTest(500);
}
