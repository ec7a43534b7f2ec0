using System.Globalization;

namespace Billing.Domain.Tests;

/// <summary>Sets the current culture to the invariant culture until disposed, for tests of text that interpolation formats.</summary>
internal sealed class InvariantCultureScope : IDisposable
{
    private readonly CultureInfo _previous = CultureInfo.CurrentCulture;

    public InvariantCultureScope() => CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

    public void Dispose() => CultureInfo.CurrentCulture = _previous;
}
