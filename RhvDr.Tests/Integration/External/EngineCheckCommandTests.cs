using System.Diagnostics;
using System.Text.Json;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RhvDr.Console.Hosting.Commands;
using RhvDr.Core.Configuration;
using RhvDr.Core.Engines;
using RhvDr.Core.Ovirt;
using RhvDr.Lab.Tls;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.External;

/// <summary>
/// <c>RhvDr.Console check</c> against the lab served over HTTPS as engines the console does not own, configured as the
/// README's "Real engines" section says; the command runs in process with that configuration, as its entry method.
/// </summary>
public sealed class EngineCheckCommandTests(EngineCheckCommandTests.HttpsLab fixture) : IClassFixture<EngineCheckCommandTests.HttpsLab>
{
    private static readonly string[] MissingForUserRole =
        ["create_storage_domain", "manipulate_storage_domain", "delete_storage_domain", "import_export_vm", "create_vm", "migrate_vm", "manipulate_host"];

    private ExternalLab Lab => fixture.Lab;

    [Fact]
    public async Task Check_BothHttpsEnginesWithCaFile_EverySiteOkExitZero()
    {
        var result = await RunAsync();

        Assert.Equal(0, result.ExitCode);
        foreach (var site in new[] { Lab.Primary, Lab.Recovery })
        {
            var block = result.Block(site.Name);
            Assert.Contains($"OK    reachable    {site.EngineUrl.Authority} answered in ", block, StringComparison.Ordinal);
            Assert.Contains("OK    tls          issuer CN=RhvDr test engine CA, subject CN=127.0.0.1, expires ", block, StringComparison.Ordinal);
            Assert.Contains($"; pinned by CA file {Lab.CaFile}", block, StringComparison.Ordinal);
            Assert.Contains("OK    sign-in      signed in as admin@internal", block, StringComparison.Ordinal);
            Assert.Contains("OK    version      oVirt Engine 4.5.5-1.el8, API v4 (supported: RHV/oVirt 4.3 to 4.5, REST API v4)", block, StringComparison.Ordinal);
            Assert.Contains("OK    permissions  all 10 permits a DR run needs, from SuperUser on the system", block, StringComparison.Ordinal);
            Assert.Contains("  => usable", block, StringComparison.Ordinal);
        }
        Assert.EndsWith("2 of 2 sites usable; exit code 0", result.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain(Lab.Primary.Password, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Json_CarriesTheFactsForPipelines()
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await RunAsync(args: "--json");
        var elapsed = stopwatch.ElapsedMilliseconds;

        Assert.Equal(0, result.ExitCode);
        var report = JsonDocument.Parse(result.Output).RootElement;
        Assert.True(report.GetProperty("usable").GetBoolean());
        Assert.Equal(0, report.GetProperty("exitCode").GetInt32());
        var primary = report.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("site").GetString() == "primary");
        Assert.Equal("ok", primary.GetProperty("status").GetString());
        Assert.True(primary.GetProperty("reachable").GetBoolean());
        // Measured within the command: no longer than the whole command took.
        Assert.InRange(primary.GetProperty("responseMilliseconds").GetInt64(), 0, elapsed);
        var tls = primary.GetProperty("tls");
        Assert.Equal("caFile", tls.GetProperty("trust").GetString());
        Assert.Equal(Lab.CaFile, tls.GetProperty("trustSource").GetString());
        Assert.Equal("CN=RhvDr test engine CA", tls.GetProperty("certificate").GetProperty("issuer").GetString());
        Assert.Equal(Lab.CaFingerprint, tls.GetProperty("certificate").GetProperty("sha256").GetString()!.Replace(":", "", StringComparison.Ordinal));
        Assert.True(tls.GetProperty("certificate").GetProperty("daysLeft").GetInt32() > 30);
        Assert.True(primary.GetProperty("signedIn").GetBoolean());
        Assert.Equal("admin@internal", primary.GetProperty("user").GetString());
        var product = primary.GetProperty("product");
        Assert.Equal("oVirt Engine", product.GetProperty("name").GetString());
        Assert.Equal("4.5.5-1.el8", product.GetProperty("version").GetString());
        Assert.Equal(5, product.GetProperty("minor").GetInt32());
        Assert.True(product.GetProperty("supported").GetBoolean());
        var permissions = primary.GetProperty("permissions");
        Assert.Equal("admin@internal-authz", permissions.GetProperty("userName").GetString());
        Assert.Equal(0, permissions.GetProperty("missing").GetArrayLength());
        var grant = Assert.Single(permissions.GetProperty("grants").EnumerateArray());
        Assert.Equal("SuperUser", grant.GetProperty("role").GetString());
        Assert.Equal("system", grant.GetProperty("scope").GetString());
        Assert.DoesNotContain(Lab.Primary.Password, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_PinnedFingerprint_SaysPinnedByFingerprint()
    {
        var result = await RunAsync(s =>
        {
            s["RhvDr:Sites:0:CaFile"] = null;
            s["RhvDr:Sites:0:CaFingerprint"] = Lab.CaFingerprint;
        });

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"; pinned by fingerprint {Lab.CaFingerprint}", result.Block("primary"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WrongPassword_SiteFailsSignInRefusedExitNonZero()
    {
        var result = await RunAsync(s => s["RhvDr:Sites:1:Password"] = "not-the-password");

        Assert.Equal(1, result.ExitCode);
        var recovery = result.Block("recovery");
        Assert.Contains("FAIL  sign-in      sign-in refused for admin@internal: The username or password is incorrect", recovery, StringComparison.Ordinal);
        Assert.Contains("fix: Check RhvDr:Sites:1:Username and RhvDr:Sites:1:Password", recovery, StringComparison.Ordinal);
        Assert.Contains("  => NOT usable", recovery, StringComparison.Ordinal);
        Assert.DoesNotContain("version", recovery, StringComparison.Ordinal);
        Assert.Contains("  => usable", result.Block("primary"), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_CaFileOfAnotherCa_SiteFailsWithTheTlsReason()
    {
        var otherCa = Path.Combine(Lab.Directory, "other-ca.pem");
        using (var ca = LabCertificates.CreateCa("Some other CA"))
        {
            await File.WriteAllTextAsync(otherCa, ca.ExportCertificatePem() + "\n");
        }

        var result = await RunAsync(s => s["RhvDr:Sites:0:CaFile"] = otherCa);

        Assert.Equal(1, result.ExitCode);
        var primary = result.Block("primary");
        Assert.Contains($"OK    reachable    {Lab.Primary.EngineUrl.Authority} answered the TLS handshake", primary, StringComparison.Ordinal);
        Assert.Contains(
            $"FAIL  tls          TLS refused: the certificate (issuer CN=RhvDr test engine CA, subject CN=127.0.0.1) is not issued by the CA in {otherCa} (CN=Some other CA)",
            primary, StringComparison.Ordinal);
        Assert.Contains("fix: Put the engine's own CA in RhvDr:Sites:0:CaFile: download it from https://127.0.0.1:", primary, StringComparison.Ordinal);
        Assert.DoesNotContain("sign-in", primary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UserWithOnlyUserRole_SiteFailsNamingEachMissingPermit()
    {
        var result = await RunAsync(s =>
        {
            s["RhvDr:Sites:0:Username"] = Lab.ReadOnlyUser;
            s["RhvDr:Sites:0:Password"] = Lab.ReadOnlyPassword;
        }, "--json");

        Assert.Equal(1, result.ExitCode);
        var primary = JsonDocument.Parse(result.Output).RootElement.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("site").GetString() == "primary");
        Assert.False(primary.GetProperty("usable").GetBoolean());
        Assert.True(primary.GetProperty("signedIn").GetBoolean());
        Assert.Equal(MissingForUserRole, primary.GetProperty("permissions").GetProperty("missing").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var line = primary.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("topic").GetString() == "permissions");
        Assert.Equal("fail", line.GetProperty("level").GetString());
        Assert.Equal($"readonly@internal holds UserRole on the system; missing 7 of 10 permits a DR run needs: {string.Join(", ", MissingForUserRole)}", line.GetProperty("message").GetString());
        var details = line.GetProperty("details").EnumerateArray().Select(d => d.GetString()!).ToList();
        Assert.Equal(MissingForUserRole, details.Select(d => d[..d.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Equal("create_storage_domain: import the replicated storage domains and log hosts in to their iSCSI targets; the engine checks it on the system only", details[0]);
        Assert.StartsWith("Grant readonly@internal the SuperUser role on the system", line.GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_EngineNotListening_SiteFailsUnreachable()
    {
        var result = await RunAsync(s => s["RhvDr:Sites:1:EngineUrl"] = "https://127.0.0.1:9/ovirt-engine/api");

        Assert.Equal(1, result.ExitCode);
        var recovery = result.Block("recovery");
        Assert.Contains("FAIL  reachable    127.0.0.1:9 is unreachable: connection refused", recovery, StringComparison.Ordinal);
        Assert.Contains("fix: Check that 127.0.0.1:9 answers from this machine", recovery, StringComparison.Ordinal);
        Assert.DoesNotContain("tls", recovery, StringComparison.Ordinal);
        Assert.EndsWith("1 of 2 sites usable; exit code 1", result.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checker_CertificateEndsInTenDays_TlsWarnsAndTheSiteStaysUsable()
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Lab.Directory, "engine.pem"));
        var notAfter = certificate.NotAfter.ToUniversalTime();
        var options = new RhvDrOptions();
        new ConfigurationBuilder().AddInMemoryCollection(Lab.ConsoleSettings()).Build().GetSection(RhvDrOptions.SectionName).Bind(options);
        var settings = Options.Create(options);
        var checker = new EngineChecker(settings, new EngineEndpointRegistry(settings), new FakeTimeProvider(new DateTimeOffset(notAfter, TimeSpan.Zero).AddDays(-10)));

        var report = await checker.CheckAsync();

        Assert.True(report.Usable);
        var tls = report.Sites[0].Lines.Single(l => l.Topic == "tls");
        Assert.Equal(EngineCheckLevel.Warn, tls.Level);
        Assert.Contains("(in 10 days); pinned by CA file", tls.Message, StringComparison.Ordinal);
        Assert.StartsWith("Renew the engine's certificate before it expires", tls.Fix, StringComparison.Ordinal);
        Assert.Equal(10, report.Sites[0].Tls!.Certificate!.DaysLeft);
    }

    [Fact]
    public async Task Check_ConfigurationInvalid_SaysTheKeyAndExitsTwo()
    {
        var result = await RunAsync(s => s["RhvDr:Sites:0:Password"] = "");

        Assert.Equal(EngineCheckCommand.InvalidConfiguration, result.ExitCode);
        Assert.Contains("RhvDr:Sites:0:Password is empty", result.Errors, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Process_CheckSubcommand_RunsWithoutTheWebHostAndExitsWithTheResult()
    {
        // The console's own appsettings.json (two lab sites), one site pointed by argument at an engine that is not there.
        var console = Path.Combine(AppContext.BaseDirectory, "RhvDr.Console.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { console, "check", "--json", "--RhvDr:Sites:0:EngineUrl=https://127.0.0.1:9/ovirt-engine/api", "--RhvDr:Sites:0:Password=secret-in-arguments" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 1, $"exit {process.ExitCode}: {await output} {await errors}");
        var report = JsonDocument.Parse(await output).RootElement;
        var sites = report.GetProperty("sites").EnumerateArray().ToList();
        Assert.False(sites[0].GetProperty("reachable").GetBoolean());
        Assert.Equal("embedded engine (lab:recovery): nothing to check; the console hosts it itself",
            sites[1].GetProperty("lines")[0].GetProperty("message").GetString());
        Assert.DoesNotContain("Now listening", await output + await errors, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-in-arguments", await output, StringComparison.Ordinal);
    }

    private async Task<CheckRun> RunAsync(Action<Dictionary<string, string?>>? change = null, params string[] args)
    {
        var settings = Lab.ConsoleSettings();
        change?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await EngineCheckCommand.RunAsync(args, configuration, output, errors, CancellationToken.None);
        return new CheckRun(exit, output.ToString(), errors.ToString());
    }

    private sealed record CheckRun(int ExitCode, string Output, string Errors)
    {
        /// <summary>The lines of one site's block in the text report, from its heading to its verdict.</summary>
        public string Block(string site)
        {
            var start = Output.IndexOf($"\n{site} (", StringComparison.Ordinal);
            Assert.True(start >= 0, $"no block for {site} in:\n{Output}");
            var end = Output.IndexOf("  => ", start, StringComparison.Ordinal);
            var verdictEnd = Output.IndexOf('\n', end);
            return Output[start..verdictEnd];
        }
    }

    /// <summary>One HTTPS lab for the class: the tests only read from it.</summary>
    public sealed class HttpsLab : IAsyncLifetime
    {
        public ExternalLab Lab { get; private set; } = null!;

        public async Task InitializeAsync() => Lab = await ExternalLab.StartAsync();

        public async Task DisposeAsync() => await Lab.DisposeAsync();
    }
}
