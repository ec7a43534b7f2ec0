namespace Billing.Domain.Tests;

/// <summary>How many cases the properties of this suite check (FsCheck.Xunit's <c>[Property(MaxTest = ...)]</c>); a failure prints its seed for <c>Replay</c>.</summary>
internal static class Laws
{
    /// <summary>The cases of a law over values.</summary>
    public const int Cases = 500;

    /// <summary>The cases of a law over random command sequences, each of which runs many commands.</summary>
    public const int SequenceCases = 150;
}
