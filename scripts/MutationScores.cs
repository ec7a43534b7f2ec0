// Prints the mutation score of each mutated file in Stryker's JSON reports, lowest first, and fails when one is under
// the bar. Run by scripts/mutation-test; by hand: dotnet run scripts/MutationScores.cs -- artifacts/mutation 85
using System.Text.Json;

var folder = args.Length > 0 ? args[0] : "artifacts/mutation";
var bar = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 85.0;
var rows = new List<(string Area, string File, int Killed, int Timeout, int Survived, int NoCoverage, int Ignored)>();
foreach (var report in Directory.GetFiles(folder, "mutation-report.json", SearchOption.AllDirectories).Order())
{
    var area = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(report)))!;
    using var json = JsonDocument.Parse(File.ReadAllText(report));
    foreach (var file in json.RootElement.GetProperty("files").EnumerateObject())
    {
        var statuses = file.Value.GetProperty("mutants").EnumerateArray().Select(m => m.GetProperty("status").GetString()).ToList();
        int Count(string status) => statuses.Count(s => s == status);
        if (Count("Killed") + Count("Timeout") + Count("Survived") + Count("NoCoverage") > 0)
        {
            var name = file.Name.Replace('\\', '/');
            rows.Add((area, name[(name.LastIndexOf("/src/", StringComparison.Ordinal) + 1)..], Count("Killed"), Count("Timeout"), Count("Survived"), Count("NoCoverage"), Count("Ignored")));
        }
    }
}

static double Score((string, string, int Killed, int Timeout, int Survived, int NoCoverage, int) r) =>
    100.0 * (r.Killed + r.Timeout) / (r.Killed + r.Timeout + r.Survived + r.NoCoverage);

Console.WriteLine($"{"area",-13} {"file",-58} {"score",6} {"killed",7} {"timeout",8} {"survived",9} {"no cover",9} {"ignored",8}");
foreach (var r in rows.OrderBy(Score))
{
    Console.WriteLine($"{r.Area,-13} {r.File,-58} {Score(r),5:0.0}% {r.Killed,7} {r.Timeout,8} {r.Survived,9} {r.NoCoverage,9} {r.Ignored,8}{(Score(r) < bar ? "  < " + bar + "%" : "")}");
}

var under = rows.Count(r => Score(r) < bar);
Console.WriteLine(under == 0 ? $"Every file scores at least {bar}%." : $"{under} file(s) under {bar}%.");
return under == 0 ? 0 : 1;
