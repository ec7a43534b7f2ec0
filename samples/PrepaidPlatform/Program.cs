using PrepaidPlatform;

// The sample host of Billing.Domain: `dotnet run --project samples/PrepaidPlatform`.
// For now it tours money, billing periods, the subscription lifecycle and the charge engine; it grows into a
// whole billing month of a prepaid AI-API platform on a SQLite file.
MoneyAndPeriodsTour.Run(Console.Out);
SubscriptionTour.Run(Console.Out);
ChargesTour.Run(Console.Out);
