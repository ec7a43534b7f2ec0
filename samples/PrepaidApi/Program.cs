using Billing.Domain.AspNetCore;
using Billing.Domain.Hosting;
using Billing.Domain.Invoices;
using Billing.Domain.Json;
using Billing.Domain.Payments;
using Billing.Domain.Pdf;
using Billing.Domain.Sqlite;
using PrepaidApi;

// An AI-API platform's billing API: accounts with prepaid balances topped up by bank transfer, each API call debited,
// the billing records and consumption customers reconcile with, the month-end close and invoice applications.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddBilling(builder.Configuration.GetSection(BillingOptions.SectionName), options => options.Prices = PriceList.Current)
    .UseSqlite(builder.Configuration.GetConnectionString("Billing") ?? "Data Source=prepaid-api.db")
    .SendIssuedInvoices<FolderInvoiceDelivery>()   // seed 002: issued invoices are sent; here, to a folder
    .DispatchEvents(TimeSpan.FromSeconds(1));
builder.Services.AddOptions<MailOptions>().Bind(builder.Configuration.GetSection(MailOptions.SectionName));
builder.Services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection(WebhookOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<IPaymentGateway, BankTransferGateway>();
builder.Services.AddSingleton<IInvoiceRenderer, PdfInvoiceRenderer>();   // issued invoices are PDF, stored at issue
builder.Services.AddHealthChecks().AddBillingStores();
builder.Services.AddBillingProblemDetails();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.ConfigureForBilling());

var app = builder.Build();
app.UseExceptionHandler();
app.MapHealthChecks("/health");
app.MapAccounts();
app.MapTopUps();
app.MapConsumption();
app.MapInvoicing();
app.Run();

/// <summary>The API's entry point; public so that tests start it with WebApplicationFactory.</summary>
public partial class Program;
