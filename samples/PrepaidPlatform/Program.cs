using PrepaidPlatform;

// The sample host of Billing.Domain: `dotnet run --project samples/PrepaidPlatform`.
// For now it tours money, billing periods and the subscription lifecycle; it grows into a whole billing
// month of a prepaid AI-API platform.
MoneyAndPeriodsTour.Run(Console.Out);
SubscriptionTour.Run(Console.Out);
