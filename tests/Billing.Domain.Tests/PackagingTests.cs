using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text.RegularExpressions;
using Billing.Domain.Tests.Shared;

namespace Billing.Domain.Tests;

/// <summary>
/// What the packages carry: each its own README with links that work on a package page, and symbol packages whose
/// PDBs hold no path of the machine that built them. CI points <c>BILLING_DOMAIN_PACKAGES</c> at the packages it
/// packed; without it the test packs them itself into a temporary folder.
/// </summary>
public partial class PackagingTests
{
    private static readonly string[] PackageNames =
    [
        "Billing.Domain", "Billing.Domain.Testing", "Billing.Domain.Testing.Xunit", "Billing.Domain.Testing.XunitV3", "Billing.Domain.Relational", "Billing.Domain.Sqlite",
        "Billing.Domain.PostgreSql", "Billing.Domain.Hosting", "Billing.Domain.AspNetCore", "Billing.Domain.Pdf",
    ];

    public static TheoryData<string> Packages => [.. PackageNames];

    private static readonly Lazy<string> Packed = new(PackedFolder);

    [Theory]
    [MemberData(nameof(Packages))]
    public void APackage_CarriesItsOwnReadme_WithAnInstallAnExampleAndAbsoluteLinks(string package)
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "src", package, "README.md"));

        Assert.StartsWith($"# {package}\n", readme, StringComparison.Ordinal);
        Assert.Contains($"dotnet add package {package}", readme, StringComparison.Ordinal);
        Assert.Contains("```csharp", readme, StringComparison.Ordinal);
        var links = LinkTargets().Matches(readme).Select(m => m.Groups["target"].Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, target => Assert.StartsWith("https://", target, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void APackedPackage_HoldsItsReadme_AndSymbolsWithoutBuildMachinePaths(string package)
    {
        var nupkg = Single(Packed.Value, $"{package}.*.nupkg", package);
        var snupkg = Single(Packed.Value, $"{package}.*.snupkg", package);

        using (var archive = ZipFile.OpenRead(nupkg))
        {
            using var reader = new StreamReader(archive.GetEntry("README.md")!.Open());
            Assert.Equal(File.ReadAllText(Path.Combine(Repository.Root, "src", package, "README.md")), reader.ReadToEnd());
        }

        using var symbols = ZipFile.OpenRead(snupkg);
        var pdbs = symbols.Entries.Where(e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, pdbs.Count);   // net8.0 and net10.0
        foreach (var pdb in pdbs)
        {
            using var stream = new MemoryStream();
            using (var entry = pdb.Open())
            {
                entry.CopyTo(stream);
            }

            stream.Position = 0;
            using var provider = MetadataReaderProvider.FromPortablePdbStream(stream);
            var metadata = provider.GetMetadataReader();
            var documents = metadata.Documents.Select(handle => metadata.GetString(metadata.GetDocument(handle).Name)).ToList();
            Assert.NotEmpty(documents);
            Assert.All(documents, document =>
            {
                Assert.StartsWith("/_/", document, StringComparison.Ordinal);
                Assert.DoesNotContain(Repository.Root, document, StringComparison.Ordinal);
            });
        }
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkTargets();

    private static string Single(string folder, string pattern, string package)
    {
        var files = Directory.GetFiles(folder, pattern).Where(f => Regex.IsMatch(Path.GetFileName(f), $@"^{Regex.Escape(package)}\.\d")).ToList();
        Assert.True(files.Count == 1, $"Expected one {pattern} of {package} in {folder}, found {files.Count}.");
        return files[0];
    }

    // CI's packages, or the packages packed here as CI packs them (Release, a continuous-integration build).
    private static string PackedFolder()
    {
        if (Environment.GetEnvironmentVariable("BILLING_DOMAIN_PACKAGES") is { Length: > 0 } ci)
        {
            return ci;
        }

        // Rebuilt, not packed from what is there: a Release build already in the clone (a benchmark run's) is up to
        // date for MSBuild and would be packed as it is, with this machine's paths in its PDBs.
        var folder = Directory.CreateTempSubdirectory("billing-packages-").FullName;
        foreach (var package in PackageNames)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "msbuild", Path.Combine(Repository.Root, "src", package, package + ".csproj"), "-restore", "-t:Rebuild;Pack", "-p:Configuration=Release", "-p:ContinuousIntegrationBuild=true", $"-p:PackageOutputPath={folder}" })
            {
                info.ArgumentList.Add(argument);
            }

            using var pack = Process.Start(info)!;
            var output = pack.StandardOutput.ReadToEndAsync();
            var error = pack.StandardError.ReadToEndAsync();
            Assert.True(pack.WaitForExit(TimeSpan.FromMinutes(5)), $"dotnet pack of {package} did not finish in 5 minutes.");
            Assert.True(pack.ExitCode == 0, $"dotnet pack of {package} failed: {output.Result}{error.Result}");
        }

        return folder;
    }
}
