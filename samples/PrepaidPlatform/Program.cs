using PrepaidPlatform;

// The sample host of Billing.Domain: `dotnet run --project samples/PrepaidPlatform`.
// For now it tours money, billing periods, the subscription lifecycle, the charge engine and the prepaid balance
// (in memory); it grows into a whole billing month of a prepaid AI-API platform on a SQLite file.
MoneyAndPeriodsTour.Run(Console.Out);
SubscriptionTour.Run(Console.Out);
ChargesTour.Run(Console.Out);
await PrepaidTour.RunAsync(Console.Out);
