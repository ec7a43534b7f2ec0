namespace Billing.Domain.Hosting;

/// <summary>The settings of a gapless number series: see <see cref="Numbering.NumberSeries"/>.</summary>
public sealed class NumberSeriesOptions
{
    /// <summary>Gets or sets the series' name, the key its counter is stored under.</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the series' format, with a <c>{seq}</c> and optional date parts, such as <c>INV-{yyyy}{MM}-{seq:000000}</c>.</summary>
    public string Format { get; set; } = "";
}
