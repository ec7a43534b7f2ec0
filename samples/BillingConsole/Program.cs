using Billing.Domain.Hosting;
using Billing.Domain.Invoices;
using Billing.Domain.Pdf;
using Billing.Domain.Sqlite;
using BillingConsole;
using PrepaidPlatform;

// The billing console on the sample host's SQLite file: `dotnet run --project samples/BillingConsole`, then open
// http://localhost:5080. When the data folder (Console:DataFolder, default ./billing-sample) has no database yet, the
// sample month fills it first, exactly as `dotnet run --project samples/PrepaidPlatform` does.
var builder = WebApplication.CreateBuilder(args);
var data = new DataFolder(builder.Configuration.GetSection(DataFolder.SectionName)["DataFolder"] ?? "billing-sample");

builder.Services.AddSingleton(data);
builder.Services.AddBilling(builder.Configuration.GetSection(BillingOptions.SectionName), options => options.Prices = PrepaidMonth.Prices)
    .UseSqlite($"Data Source={data.Database}");
builder.Services.AddSingleton<IInvoiceRenderer, PdfInvoiceRenderer>();   // issued invoices are PDF, rendered once and stored
builder.Services.AddRazorPages();

var app = builder.Build();
await data.EnsureAsync(app.Logger);
app.UseExceptionHandler("/error");
app.MapRazorPages();
app.Run();

/// <summary>The console's entry point; public so that tests start it with WebApplicationFactory.</summary>
public partial class Program;
