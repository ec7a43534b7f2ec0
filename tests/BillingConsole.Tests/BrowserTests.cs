using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using UglyToad.PdfPig;

namespace BillingConsole.Tests;

/// <summary>
/// Seed 002 end to end in a real browser: Debian's chromium, headless, driven by Selenium through chromium-driver, on
/// the console served by Kestrel on loopback. scripts/test installs both (scripts/with-chromium) and names them in
/// BILLING_DOMAIN_CHROMIUM and BILLING_DOMAIN_CHROMEDRIVER.
/// </summary>
public sealed class BrowserTests : IAsyncLifetime
{
    private readonly string _downloads = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"billing-console-downloads-{Guid.NewGuid():N}")).FullName;
    private ConsoleSession _console = null!;
    private ChromeDriver _browser = null!;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _console = await ConsoleSession.StartAsync(factory => factory.UseKestrel(0));
        _console.Factory.StartServer();
        _address = new Uri(_console.Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        _browser = StartBrowser(_downloads);
    }

    public async Task DisposeAsync()
    {
        _browser?.Quit();
        _browser?.Dispose();
        await _console.DisposeAsync();
        Directory.Delete(_downloads, recursive: true);
    }

    [Fact]
    public void ApplyForAnInvoice_SeeItPending_HaveItApprovedAndIssued_AndDownloadItsPdf()
    {
        Open("/accounts/acc-42/invoice");
        Assert.Equal("40.00 USD", _browser.FindElement(By.Id("invoiceable")).Text);
        _browser.FindElement(By.CssSelector("select[name='Form.HeaderId'] option[value='hdr-1']")).Click();
        _browser.FindElement(By.Name("Form.Amount")).SendKeys("12.34");
        _browser.FindElement(By.Name("Form.Email")).SendKeys("finance@acme.example");
        _browser.FindElement(By.Name("Form.Remarks")).SendKeys("April recharges");
        _browser.FindElement(By.CssSelector("#apply button[type=submit]")).Click();

        var applied = Wait(By.Id("applied")).Text;
        var id = applied.Split(' ')[1];
        Assert.Equal("Pending", Cell(id, "status"));
        Assert.Equal("27.66 USD", _browser.FindElement(By.Id("invoiceable")).Text);

        Open("/accounts/acc-42/invoice/review");
        _browser.FindElement(By.CssSelector($"tr[data-application='{id}'] button.approve")).Click();
        WaitForText(By.Id("done"), $"{id} approved.");
        _browser.FindElement(By.CssSelector($"tr[data-application='{id}'] button.issue")).Click();
        WaitForText(By.Id("done"), $"{id} issued as FP-2026-00002.");

        Open("/accounts/acc-42/invoice?status=issued");
        Assert.Equal("Issued", Cell(id, "status"));
        _browser.FindElement(By.CssSelector($"tr[data-application='{id}'] a.download")).Click();
        var pdf = WaitForDownload("FP-2026-00002.pdf");
        using var document = PdfDocument.Open(pdf);
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        Assert.Contains("FP-2026-00002", text, StringComparison.Ordinal);
        Assert.Contains("12.34", text, StringComparison.Ordinal);
    }

    private static ChromeDriver StartBrowser(string downloads)
    {
        var chromium = Environment.GetEnvironmentVariable("BILLING_DOMAIN_CHROMIUM") ?? "/usr/bin/chromium";
        var driver = Environment.GetEnvironmentVariable("BILLING_DOMAIN_CHROMEDRIVER") ?? "/usr/bin/chromedriver";
        if (!File.Exists(chromium) || !File.Exists(driver))
        {
            Assert.Fail(
                $"The browser test needs chromium ({chromium}) and chromium-driver ({driver}): run it through scripts/test, which installs Debian's " +
                "chromium and chromium-driver (scripts/with-chromium), or install them (apt-get install chromium chromium-driver), or name them in " +
                "BILLING_DOMAIN_CHROMIUM and BILLING_DOMAIN_CHROMEDRIVER.");
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage");
        options.AddUserProfilePreference("download.default_directory", downloads);
        options.AddUserProfilePreference("download.prompt_for_download", false);
        options.AddUserProfilePreference("plugins.always_open_pdf_externally", true);   // save a PDF, never open it in the viewer
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    private void Open(string path) => _browser.Navigate().GoToUrl(new Uri(_address, path));

    private IWebElement Wait(By what) => new WebDriverWait(_browser, TimeSpan.FromSeconds(30)).Until(d => d.FindElements(what).FirstOrDefault());

    // A form posts and the next page replaces this one: waits for the next page's element, not this one's (stale once it goes).
    private void WaitForText(By what, string text)
    {
        var wait = new WebDriverWait(_browser, TimeSpan.FromSeconds(30)) { Message = $"no {what} reading \"{text}\"" };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
        wait.Until(d => d.FindElements(what).Any(e => e.Text == text));
    }

    private string Cell(string applicationId, string cell) => _browser.FindElement(By.CssSelector($"tr[data-application='{applicationId}'] .{cell}")).Text;

    // The browser writes a download under a temporary name and renames it when complete.
    private byte[] WaitForDownload(string fileName)
    {
        var path = Path.Combine(_downloads, fileName);
        for (var waited = TimeSpan.Zero; !File.Exists(path); waited += TimeSpan.FromMilliseconds(100))
        {
            Assert.True(waited < TimeSpan.FromSeconds(30), $"the browser did not download {fileName} within 30 s; the folder holds: {string.Join(", ", Directory.GetFiles(_downloads).Select(Path.GetFileName))}");
            Thread.Sleep(100);
        }

        return File.ReadAllBytes(path);
    }
}
