using System.Globalization;
using PrepaidPlatform;

// The sample host of Billing.Domain: `dotnet run --project samples/PrepaidPlatform`.
// For now it tours money, billing periods, the subscription lifecycle, the charge engine, and the prepaid side in
// memory (top-ups, calls, a correction, the month's invoice, invoice applications); it grows into a whole billing
// month of a prepaid AI-API platform on a SQLite file.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;   // the same output on every machine
MoneyAndPeriodsTour.Run(Console.Out);
SubscriptionTour.Run(Console.Out);
ChargesTour.Run(Console.Out);
await PrepaidTour.RunAsync(Console.Out);
