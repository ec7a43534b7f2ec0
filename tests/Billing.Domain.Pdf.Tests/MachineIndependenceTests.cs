namespace Billing.Domain.Pdf.Tests;

/// <summary>The bytes do not depend on the machine's time zone: the dates are the invoice's, in UTC (a local date would carry the machine's offset).</summary>
[Collection(nameof(MachineTimeZone))]
public sealed class MachineIndependenceTests
{
    [Fact]
    public async Task AnInvoice_RendersToTheSameBytes_InEveryMachineTimeZone()
    {
        var invoice = await new Documents().PrepayInvoiceAsync("acc-1");
        var renderer = new PdfInvoiceRenderer();

        var inUtc = await MachineTimeZone.InAsync("UTC", () => renderer.RenderAsync(invoice));
        var inTokyo = await MachineTimeZone.InAsync("Asia/Tokyo", () => renderer.RenderAsync(invoice));
        var inNewYork = await MachineTimeZone.InAsync("America/New_York", () => renderer.RenderAsync(invoice));

        Assert.True(inUtc.Content.Span.SequenceEqual(inTokyo.Content.Span));
        Assert.True(inUtc.Content.Span.SequenceEqual(inNewYork.Content.Span));
    }
}

/// <summary>Runs code with the process's local time zone set, alone: no other test runs meanwhile.</summary>
[CollectionDefinition(nameof(MachineTimeZone), DisableParallelization = true)]
public sealed class MachineTimeZone
{
    public static async Task<T> InAsync<T>(string zone, Func<Task<T>> run)
    {
        var before = Environment.GetEnvironmentVariable("TZ");
        Environment.SetEnvironmentVariable("TZ", zone);
        TimeZoneInfo.ClearCachedData();
        try
        {
            Assert.Equal(zone, TimeZoneInfo.Local.Id);
            return await run();
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", before);
            TimeZoneInfo.ClearCachedData();
        }
    }
}
