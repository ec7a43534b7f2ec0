namespace Billing.Domain.Tests.EInvoicing;

/// <summary>
/// The official EN 16931 UBL example files (github.com/ConnectingEurope/eInvoicing-EN16931, ubl/examples, at commit
/// b6c9e06) as data: each document's lines (their stated net amounts and VAT categories), document-level allowances
/// and charges, paid amount and VAT breakdown, and its stated totals; and every line whose stated net follows from its
/// quantity, price, base quantity and line allowances and charges. Written by a script from the files; not edited.
/// </summary>
internal static class En16931Examples
{
    /// <summary>Gets each document: file, currency, lines, document allowances and charges, paid amount, VAT breakdown, and BT-106, BT-107, BT-108, BT-109, BT-110, BT-112, BT-115.</summary>
    public static TheoryData<string, string, (string Id, decimal Net, string Category, decimal Rate)[], (bool IsCharge, decimal Amount, string Category, decimal Rate)[], decimal, (string Category, decimal Rate, decimal Taxable, decimal Tax)[], decimal[]> Documents => new()
    {
        {
            "ubl-tc434-creditnote1.xml", "EUR",
            [("1", 100.11m, "E", 0.00m)],
            [],
            0m,
            [("E", 0.00m, 100.11m, 0.00m)],
            [100.11m, 0m, 0m, 100.11m, 0.00m, 100.11m, 100.11m]
        },
        {
            "ubl-tc434-example1.xml", "EUR",
            [("1", 19.90m, "S", 6m), ("2", 9.85m, "S", 6m), ("3", 8.29m, "S", 6m), ("4", 14.46m, "S", 6m), ("5", 35.00m, "S", 6m), ("6", 35.00m, "S", 6m), ("7", 10.65m, "S", 6m), ("8", 1.55m, "S", 6m), ("9", 14.37m, "S", 6m), ("10", 8.29m, "S", 6m), ("11", 16.58m, "S", 6m), ("12", 9.95m, "S", 6m), ("13", 3.30m, "S", 6m), ("14", 10.80m, "S", 21m), ("15", 3.90m, "S", 6m), ("16", 7.60m, "S", 21m), ("17", 9.34m, "S", 21m), ("18", 18.63m, "S", 21m), ("19", 102.12m, "S", 6m), ("20", -109.98m, "S", 6m)],
            [],
            0m,
            [("S", 6m, 183.23m, 10.99m), ("S", 21m, 46.37m, 9.74m)],
            [229.60m, 0m, 0m, 229.60m, 20.73m, 250.33m, 250.33m]
        },
        {
            "ubl-tc434-example10.xml", "EUR",
            [("1", 19.90m, "S", 6m), ("2", 9.85m, "S", 6m), ("3", 8.29m, "S", 6m), ("4", 14.46m, "S", 6m), ("5", 35.00m, "S", 6m), ("6", 35.00m, "S", 6m), ("7", 10.65m, "S", 6m), ("8", 1.55m, "S", 6m), ("9", 14.37m, "S", 6m), ("10", 8.29m, "S", 6m), ("11", 16.58m, "S", 6m), ("12", 9.95m, "S", 6m), ("13", 3.30m, "S", 6m), ("14", 10.80m, "S", 21m), ("15", 3.90m, "S", 6m), ("16", 7.60m, "S", 21m), ("17", 9.34m, "S", 21m), ("18", 18.63m, "S", 21m), ("19", 102.12m, "S", 6m), ("20", -109.98m, "S", 6m)],
            [],
            0m,
            [("S", 6m, 183.23m, 10.99m), ("S", 21m, 46.37m, 9.74m)],
            [229.60m, 0m, 0m, 229.60m, 20.73m, 250.33m, 250.33m]
        },
        {
            "ubl-tc434-example2.xml", "NOK",
            [("1", 1273.00m, "S", 25m), ("2", -3.96m, "S", 15m), ("3", 4.96m, "S", 15m), ("4", -25.00m, "E", 0m), ("5", 187.50m, "S", 25m)],
            [(false, 100.00m, "S", 25m), (true, 100.00m, "S", 25m)],
            1000.00m,
            [("S", 25m, 1460.50m, 365.13m), ("S", 15m, 1.00m, 0.15m), ("E", 0m, -25.00m, 0.00m)],
            [1436.50m, 100.00m, 100.00m, 1436.50m, 365.28m, 1801.78m, 801.78m]
        },
        {
            "ubl-tc434-example3.xml", "DKK",
            [("1", 800.00m, "S", 25m), ("2", 800.00m, "S", 10m)],
            [(true, 100.00m, "S", 25m)],
            0m,
            [("S", 25m, 900.00m, 225.00m), ("S", 10m, 800.00m, 80.00m)],
            [1600.00m, 0m, 100.00m, 1700.00m, 305.00m, 2005.00m, 2005.00m]
        },
        {
            "ubl-tc434-example4.xml", "DKK",
            [("1", 1000.00m, "S", 25m), ("2", 500.00m, "S", 25m), ("3", 2500.00m, "S", 12m)],
            [],
            0m,
            [("S", 25m, 1500.00m, 375.00m), ("S", 12m, 2500.00m, 300.00m)],
            [4000.00m, 0m, 0m, 4000.00m, 675.00m, 4675.00m, 4675.00m]
        },
        {
            "ubl-tc434-example5.xml", "DKK",
            [("1", 1000.00m, "S", 25m), ("2", 500.00m, "S", 25m), ("3", 2500.00m, "S", 12m)],
            [(false, 150.00m, "S", 25m), (true, 150.00m, "S", 25m)],
            2337.50m,
            [("S", 25m, 1500.00m, 375.00m), ("S", 12m, 2500.00m, 300.00m)],
            [4000.00m, 150.00m, 150.00m, 4000.00m, 675.00m, 4675.00m, 2337.50m]
        },
        {
            "ubl-tc434-example6.xml", "DKK",
            [("1", 1000.00m, "S", 25m), ("2", 500.00m, "S", 25m), ("3", 2500.00m, "S", 12m)],
            [],
            0m,
            [("S", 25m, 1500.00m, 375.00m), ("S", 12m, 2500.00m, 300.00m)],
            [4000.00m, 0m, 0m, 4000.00m, 675.00m, 4675.00m, 4675.00m]
        },
        {
            "ubl-tc434-example7.xml", "SEK",
            [("1", 2500.00m, "O", 0m), ("2", 700.00m, "O", 0m)],
            [],
            0m,
            [("O", 0m, 3200.00m, 0.00m)],
            [3200.00m, 0m, 0m, 3200.00m, 0.00m, 3200.00m, 3200.00m]
        },
        {
            "ubl-tc434-example8.xml", "EUR",
            [("1", 140.80m, "S", 21m), ("2", 16.16m, "S", 21m), ("3", 167.64m, "S", 21m), ("4", 88.74m, "S", 21m), ("5", 36.75m, "S", 21m), ("6", 56.50m, "S", 21m), ("7", 83.34m, "S", 21m), ("8", 190.31m, "S", 21m), ("9", 64.21m, "S", 21m), ("10", 64.46m, "S", 21m)],
            [],
            0m,
            [("S", 21m, 908.91m, 190.87m)],
            [908.91m, 0m, 0m, 908.91m, 190.87m, 1099.78m, 1099.78m]
        },
        {
            "ubl-tc434-example9.xml", "EUR",
            [("1", 147.00m, "S", 21m)],
            [],
            0m,
            [("S", 21m, 147.00m, 30.87m)],
            [147.00m, 0m, 0m, 147.00m, 30.87m, 177.87m, 177.87m]
        },
        {
            "sample-discount-price.xml", "EUR",
            [("1", 12.12m, "S", 25m)],
            [],
            0m,
            [("S", 25m, 12.12m, 3.03m)],
            [12.12m, 0m, 0m, 12.12m, 3.03m, 15.15m, 15.15m]
        },
        {
            "BIS3_Invoice_positive.XML", "DKK",
            [("1", 625743.54m, "S", 25m)],
            [],
            0m,
            [("S", 25m, 625743.54m, 156435.89m)],
            [625743.54m, 0m, 0m, 625743.54m, 156435.89m, 782179.43m, 782179.43m]
        },
        {
            "BIS3_Invoice_negativ.XML", "DKK",
            [("1", -625743.54m, "S", 25m)],
            [],
            0m,
            [("S", 25m, -625743.54m, -156435.89m)],
            [-625743.54m, 0m, 0m, -625743.54m, -156435.89m, -782179.43m, -782179.43m]
        },
    };

    /// <summary>Gets each priced line: file, line, currency, quantity, net price, base quantity, line allowances (false) and charges (true), VAT category and rate, stated net (BT-131).</summary>
    public static TheoryData<string, string, string, decimal, decimal, decimal, (bool IsCharge, decimal Amount)[], string, decimal, decimal> PricedLines => new()
    {
        { "ubl-tc434-creditnote1.xml", "1", "EUR", 1.00m, 100.11m, 1m, [], "E", 0.00m, 100.11m },
        { "ubl-tc434-example1.xml", "1", "EUR", 2m, 9.95m, 1m, [], "S", 6m, 19.90m },
        { "ubl-tc434-example1.xml", "2", "EUR", 1m, 9.85m, 1m, [], "S", 6m, 9.85m },
        { "ubl-tc434-example1.xml", "3", "EUR", 1m, 8.29m, 1m, [], "S", 6m, 8.29m },
        { "ubl-tc434-example1.xml", "4", "EUR", 2m, 7.23m, 1m, [], "S", 6m, 14.46m },
        { "ubl-tc434-example1.xml", "5", "EUR", 1m, 35.00m, 1m, [], "S", 6m, 35.00m },
        { "ubl-tc434-example1.xml", "6", "EUR", 1m, 35.00m, 1m, [], "S", 6m, 35.00m },
        { "ubl-tc434-example1.xml", "7", "EUR", 1m, 10.65m, 1m, [], "S", 6m, 10.65m },
        { "ubl-tc434-example1.xml", "8", "EUR", 1m, 1.55m, 1m, [], "S", 6m, 1.55m },
        { "ubl-tc434-example1.xml", "9", "EUR", 3m, 4.79m, 1m, [], "S", 6m, 14.37m },
        { "ubl-tc434-example1.xml", "10", "EUR", 1m, 8.29m, 1m, [], "S", 6m, 8.29m },
        { "ubl-tc434-example1.xml", "11", "EUR", 2m, 8.29m, 1m, [], "S", 6m, 16.58m },
        { "ubl-tc434-example1.xml", "12", "EUR", 1m, 9.95m, 1m, [], "S", 6m, 9.95m },
        { "ubl-tc434-example1.xml", "13", "EUR", 2m, 1.65m, 1m, [], "S", 6m, 3.30m },
        { "ubl-tc434-example1.xml", "14", "EUR", 1m, 10.80m, 1m, [], "S", 21m, 10.80m },
        { "ubl-tc434-example1.xml", "15", "EUR", 1m, 3.90m, 1m, [], "S", 6m, 3.90m },
        { "ubl-tc434-example1.xml", "16", "EUR", 2m, 3.80m, 1m, [], "S", 21m, 7.60m },
        { "ubl-tc434-example1.xml", "17", "EUR", 2m, 4.67m, 1m, [], "S", 21m, 9.34m },
        { "ubl-tc434-example1.xml", "18", "EUR", 1m, 18.63m, 1m, [], "S", 21m, 18.63m },
        { "ubl-tc434-example1.xml", "19", "EUR", 6m, 17.02m, 1m, [], "S", 6m, 102.12m },
        { "ubl-tc434-example10.xml", "1", "EUR", 2m, 9.95m, 1m, [], "S", 6m, 19.90m },
        { "ubl-tc434-example10.xml", "2", "EUR", 1m, 9.85m, 1m, [], "S", 6m, 9.85m },
        { "ubl-tc434-example10.xml", "3", "EUR", 1m, 8.29m, 1m, [], "S", 6m, 8.29m },
        { "ubl-tc434-example10.xml", "4", "EUR", 2m, 7.23m, 1m, [], "S", 6m, 14.46m },
        { "ubl-tc434-example10.xml", "5", "EUR", 1m, 35.00m, 1m, [], "S", 6m, 35.00m },
        { "ubl-tc434-example10.xml", "6", "EUR", 1m, 35.00m, 1m, [], "S", 6m, 35.00m },
        { "ubl-tc434-example10.xml", "7", "EUR", 1m, 10.65m, 1m, [], "S", 6m, 10.65m },
        { "ubl-tc434-example10.xml", "8", "EUR", 1m, 1.55m, 1m, [], "S", 6m, 1.55m },
        { "ubl-tc434-example10.xml", "9", "EUR", 3m, 4.79m, 1m, [], "S", 6m, 14.37m },
        { "ubl-tc434-example10.xml", "10", "EUR", 1m, 8.29m, 1m, [], "S", 6m, 8.29m },
        { "ubl-tc434-example10.xml", "11", "EUR", 2m, 8.29m, 1m, [], "S", 6m, 16.58m },
        { "ubl-tc434-example10.xml", "12", "EUR", 1m, 9.95m, 1m, [], "S", 6m, 9.95m },
        { "ubl-tc434-example10.xml", "13", "EUR", 2m, 1.65m, 1m, [], "S", 6m, 3.30m },
        { "ubl-tc434-example10.xml", "14", "EUR", 1m, 10.80m, 1m, [], "S", 21m, 10.80m },
        { "ubl-tc434-example10.xml", "15", "EUR", 1m, 3.90m, 1m, [], "S", 6m, 3.90m },
        { "ubl-tc434-example10.xml", "16", "EUR", 2m, 3.80m, 1m, [], "S", 21m, 7.60m },
        { "ubl-tc434-example10.xml", "17", "EUR", 2m, 4.67m, 1m, [], "S", 21m, 9.34m },
        { "ubl-tc434-example10.xml", "18", "EUR", 1m, 18.63m, 1m, [], "S", 21m, 18.63m },
        { "ubl-tc434-example10.xml", "19", "EUR", 6m, 17.02m, 1m, [], "S", 6m, 102.12m },
        { "ubl-tc434-example2.xml", "2", "NOK", -1m, 3.96m, 1m, [], "S", 15m, -3.96m },
        { "ubl-tc434-example2.xml", "3", "NOK", 2m, 2.48m, 1m, [], "S", 15m, 4.96m },
        { "ubl-tc434-example2.xml", "4", "NOK", -1m, 25.00m, 1m, [], "E", 0m, -25.00m },
        { "ubl-tc434-example2.xml", "5", "NOK", 250m, 0.75m, 1m, [], "S", 25m, 187.50m },
        { "ubl-tc434-example4.xml", "1", "DKK", 1000m, 1.00m, 1m, [], "S", 25m, 1000.00m },
        { "ubl-tc434-example4.xml", "2", "DKK", 100m, 5.00m, 1m, [], "S", 25m, 500.00m },
        { "ubl-tc434-example4.xml", "3", "DKK", 500m, 5.00m, 1m, [], "S", 12m, 2500.00m },
        { "ubl-tc434-example5.xml", "1", "DKK", 1000m, 1.00m, 1m, [(false, 100.00m), (true, 100.00m)], "S", 25m, 1000.00m },
        { "ubl-tc434-example5.xml", "2", "DKK", 100m, 5.00m, 1m, [], "S", 25m, 500.00m },
        { "ubl-tc434-example5.xml", "3", "DKK", 500m, 5.00m, 1m, [], "S", 12m, 2500.00m },
        { "ubl-tc434-example6.xml", "1", "DKK", 1000m, 1.00m, 1m, [], "S", 25m, 1000.00m },
        { "ubl-tc434-example6.xml", "2", "DKK", 100m, 5.00m, 1m, [], "S", 25m, 500.00m },
        { "ubl-tc434-example6.xml", "3", "DKK", 500m, 5.00m, 1m, [], "S", 12m, 2500.00m },
        { "ubl-tc434-example7.xml", "1", "SEK", 1m, 2500.00m, 1m, [], "O", 0m, 2500.00m },
        { "ubl-tc434-example7.xml", "2", "SEK", 1m, 700.00m, 1m, [], "O", 0m, 700.00m },
        { "ubl-tc434-example8.xml", "1", "EUR", 16000m, 0.00880m, 1m, [], "S", 21m, 140.80m },
        { "ubl-tc434-example8.xml", "2", "EUR", 16000m, 0.00101m, 1m, [], "S", 21m, 16.16m },
        { "ubl-tc434-example8.xml", "3", "EUR", 132m, 15.24m, 12m, [], "S", 21m, 167.64m },
        { "ubl-tc434-example8.xml", "4", "EUR", 58m, 1.53m, 1m, [], "S", 21m, 88.74m },
        { "ubl-tc434-example8.xml", "5", "EUR", 1m, 441.00m, 12m, [], "S", 21m, 36.75m },
        { "ubl-tc434-example8.xml", "6", "EUR", 1m, 678.00m, 12m, [], "S", 21m, 56.50m },
        { "ubl-tc434-example8.xml", "7", "EUR", 1m, 83.34m, 1m, [], "S", 21m, 83.34m },
        { "ubl-tc434-example8.xml", "8", "EUR", 1m, 190.31m, 1m, [], "S", 21m, 190.31m },
        { "ubl-tc434-example8.xml", "9", "EUR", 1m, 64.21m, 1m, [], "S", 21m, 64.21m },
        { "ubl-tc434-example8.xml", "10", "EUR", 1m, 64.46m, 1m, [], "S", 21m, 64.46m },
        { "ubl-tc434-example9.xml", "1", "EUR", 3m, 49.00m, 1m, [], "S", 21m, 147.00m },
        { "sample-discount-price.xml", "1", "EUR", 100.000m, 0.1212m, 1m, [], "S", 25m, 12.12m },
        { "BIS3_Invoice_positive.XML", "1", "DKK", 1m, 625743.54m, 1m, [], "S", 25m, 625743.54m },
        { "BIS3_Invoice_negativ.XML", "1", "DKK", -1m, 625743.54m, 1m, [], "S", 25m, -625743.54m },
    };
}
