using System.Globalization;
using PrepaidPlatform;

// The sample host of Billing.Domain: `dotnet run --project samples/PrepaidPlatform [data-folder]`.
// A short tour of money, periods, the subscription lifecycle and the charge engine, then the main job: one month of
// a prepaid AI-API platform on a SQLite file in the data folder (default: ./billing-sample). Run it twice: the
// second run changes nothing.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;   // the same output on every machine
var dataFolder = args.Length > 0 ? args[0] : Path.Combine(Environment.CurrentDirectory, "billing-sample");
MoneyAndPeriodsTour.Run(Console.Out);
SubscriptionTour.Run(Console.Out);
ChargesTour.Run(Console.Out);
Console.WriteLine();
await PrepaidMonth.RunAsync(Console.Out, dataFolder);
