using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RhvDr.Lab.Tls;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;
using static RhvDr.Tests.External.SiteFaultAssertions;

namespace RhvDr.Tests.External;

/// <summary>
/// The console on the lab over HTTPS as real engines, with the primary's trust or password wrong: that site says what is
/// wrong, in words, and the recovery site and the pages keep working.
/// </summary>
public sealed class EngineTrustAndSignInTests(EngineTrustAndSignInTests.Lab lab) : IClassFixture<EngineTrustAndSignInTests.Lab>
{
    [Fact]
    public async Task Sites_CaFileOfAnotherCa_PrimarySaysTheCertificateIsNotFromThatCaAndWhoIssuedIt()
    {
        var (console, log) = Console(("RhvDr:Sites:0:CaFile", lab.OtherCaFile));
        using (console)
        {
            using var http = console.CreateApiClient();
            var sites = await WaitForPrimaryAsync(http, m => m.StartsWith("TLS", StringComparison.Ordinal), "the primary to say TLS failed");

            var engine = Engine(sites, "primary");
            Assert.Equal("unreachable", engine.GetProperty("status").GetString());
            Assert.Equal(
                $"TLS with engine {lab.External.Primary.EngineUrl.Authority} failed: the engine's certificate was not issued by the CA in {lab.OtherCaFile} (CN=Some other CA) " +
                "but by CN=RhvDr test engine CA; set CaFile to the engine's own CA, from its /ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA.",
                engine.GetProperty("message").GetString());
            PlainWords(engine.GetProperty("message").GetString()!);
            await RestOfConsoleWorksAsync(console, sites, log);
        }
    }

    [Fact]
    public async Task Sites_CaFingerprintOfAnotherCertificate_PrimarySaysNoCertificateHasThatFingerprint()
    {
        var (console, log) = Console(("RhvDr:Sites:0:CaFile", null), ("RhvDr:Sites:0:CaFingerprint", lab.OtherCaFingerprint));
        using (console)
        {
            using var http = console.CreateApiClient();
            var sites = await WaitForPrimaryAsync(http, m => m.StartsWith("TLS", StringComparison.Ordinal), "the primary to say TLS failed");

            var engine = Engine(sites, "primary");
            var message = engine.GetProperty("message").GetString()!;
            Assert.Equal("unreachable", engine.GetProperty("status").GetString());
            Assert.StartsWith(
                $"TLS with engine {lab.External.Primary.EngineUrl.Authority} failed: neither the engine's certificate (SHA-256 {lab.External.CaFingerprint}) " +
                "nor a CA in its chain has the SHA-256 in CaFingerprint;",
                message, StringComparison.Ordinal);
            Assert.DoesNotContain(lab.OtherCaFingerprint, message, StringComparison.Ordinal);
            PlainWords(message);
            await RestOfConsoleWorksAsync(console, sites, log);
        }
    }

    [Fact]
    public async Task Sites_WrongPassword_PrimarySaysSignInWasRefusedForThatUser()
    {
        const string WrongPassword = "not-the-lab-password-5c1e";
        var (console, log) = Console(("RhvDr:Sites:0:Password", WrongPassword));
        using (console)
        {
            using var http = console.CreateApiClient();
            var sites = await WaitForPrimaryAsync(http, m => m.StartsWith("Authentication failed", StringComparison.Ordinal), "the primary to say authentication failed");

            var engine = Engine(sites, "primary");
            Assert.Equal("authenticationFailed", engine.GetProperty("status").GetString());
            Assert.Equal(
                $"Authentication failed for user {lab.External.Primary.Username} at {lab.External.Primary.EngineUrl.Authority}: " +
                "The username or password is incorrect; check the site's Username and Password.",
                engine.GetProperty("message").GetString());
            Assert.DoesNotContain(WrongPassword, string.Join("\n", log.Lines), StringComparison.Ordinal);
            PlainWords(engine.GetProperty("message").GetString()!);
            await RestOfConsoleWorksAsync(console, sites, log);
        }
    }

    private (ConsoleAppFactory Console, CapturingLoggerProvider Log) Console(params (string Key, string? Value)[] overrides)
    {
        var console = new ConsoleAppFactory();
        var log = new CapturingLoggerProvider();
        foreach (var (key, value) in lab.External.ConsoleSettings())
        {
            console.Settings[key] = value;
        }
        foreach (var (key, value) in overrides)
        {
            console.Settings[key] = value;
        }
        console.ServiceOverrides.Add(services => services.AddSingleton<ILoggerProvider>(log));
        return (console, log);
    }

    /// <summary>The lab over HTTPS, and a second CA that did not issue its certificate.</summary>
    public sealed class Lab : IAsyncLifetime
    {
        public ExternalLab External { get; private set; } = null!;

        /// <summary>PEM of a CA that did not issue the lab's certificate.</summary>
        public string OtherCaFile { get; private set; } = null!;

        /// <summary>SHA-256 of that CA's certificate.</summary>
        public string OtherCaFingerprint { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            External = await ExternalLab.StartAsync();
            using var other = LabCertificates.CreateCa("Some other CA");
            OtherCaFile = Path.Combine(External.Directory, "other-ca.pem");
            await File.WriteAllTextAsync(OtherCaFile, other.ExportCertificatePem() + "\n");
            OtherCaFingerprint = Convert.ToHexString(SHA256.HashData(other.RawData));
        }

        public async Task DisposeAsync() => await External.DisposeAsync();
    }
}
