using RhvDr.Console.Lab;
using Microsoft.Extensions.Configuration;
using RhvDr.Core.Configuration;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Core;

public sealed class RhvDrOptionsValidatorTests
{
    private readonly RhvDrOptionsValidator _validator = new([EmbeddedLabModule.Scheme]);

    [Fact]
    public void Validate_LabSites_Succeeds()
    {
        var result = _validator.Validate(null, ValidOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_SiteWithAnUnknownRole_SaysAnEntryWasLeftOutAndWhereToLook()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RhvDr:Sites:0:Name"] = "prod",
            ["RhvDr:Sites:0:Role"] = "Primary",
            ["RhvDr:Sites:0:EngineUrl"] = "lab:primary",
            ["RhvDr:Sites:1:Name"] = "dr",
            ["RhvDr:Sites:1:Role"] = "Secondary",
            ["RhvDr:Sites:1:EngineUrl"] = "lab:recovery",
        }).Build();
        var options = configuration.GetSection("RhvDr").Get<RhvDrOptions>()!;

        var result = _validator.Validate(null, options);

        var failure = Assert.Single(result.Failures!, f => f.StartsWith("RhvDr:Sites has 1 site(s)", StringComparison.Ordinal));
        Assert.Contains("a Role other than Primary or Recovery", failure, StringComparison.Ordinal);
        Assert.Contains("check each RhvDr:Sites:N entry", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MalformedEngineUrl_NamesTheKeyAndSuggestsForms()
    {
        var options = ValidOptions();
        options.Sites[1].EngineUrl = "htp:/x";

        var result = _validator.Validate(null, options);

        Assert.Contains(
            "RhvDr:Sites:1:EngineUrl 'htp:/x' is not an absolute http(s) URL; use https://ENGINE/ovirt-engine/api or lab:recovery",
            result.Failures!);
    }

    [Fact]
    public void Validate_LabAddressNamingNoLabEngine_ListsTheEnginesTheLabHosts()
    {
        var options = ValidOptions();
        options.Sites[1].EngineUrl = "lab:secondary";

        var result = _validator.Validate(null, options);

        Assert.Equal(
            ["RhvDr:Sites:1:EngineUrl 'lab:secondary' names no engine of the embedded lab; use one of lab:primary, lab:recovery, lab:stretch"],
            result.Failures!);
    }

    [Fact]
    public void Validate_NoModuleHostsLabEngines_LabAddressIsNotAnEngineUrl()
    {
        var options = ValidOptions();

        var result = new RhvDrOptionsValidator().Validate(null, options);

        Assert.Contains(
            "RhvDr:Sites:0:EngineUrl 'lab:primary' is not an absolute http(s) URL; use https://ENGINE/ovirt-engine/api",
            result.Failures!);
    }

    [Theory]
    [InlineData("lab:primary", "lab", "primary")]
    [InlineData(" LAB: recovery ", "lab", "recovery")]
    [InlineData("lab:", "lab", "")]
    [InlineData("https://engine.example/ovirt-engine/api", null, null)]
    [InlineData("engine.example.com:443", null, null)]
    [InlineData("primary", null, null)]
    public void EmbeddedEngineAddress_TryParse_ReadsSchemeAndNameOfEmbeddedAddressesOnly(string url, string? scheme, string? name)
    {
        var parsed = EmbeddedEngineAddress.TryParse(url, out var address);

        Assert.Equal(scheme is not null, parsed);
        if (parsed)
        {
            Assert.Equal(new EmbeddedEngineAddress(scheme!, name!), address);
        }
    }

    [Fact]
    public void Validate_UrlWithoutApiPath_NamesTheKey()
    {
        var options = ValidOptions();
        options.Sites[0] = RealSite("primary", SiteRole.Primary, "https://engine1.example/");

        var result = _validator.Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("RhvDr:Sites:0:EngineUrl 'https://engine1.example/' does not end in /ovirt-engine/api", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(RhvDrOptions.MaxWorkerThreads + 1)]
    public void Validate_MinWorkerThreadsOutOfRange_NamesTheKeyAndTheRange(int threads)
    {
        var options = ValidOptions();
        options.MinWorkerThreads = threads;

        var result = _validator.Validate(null, options);

        Assert.Contains($"RhvDr:MinWorkerThreads '{threads}' must be between 0 (automatic: 4 per core, at least 16) and 1024", result.Failures!);
    }

    [Theory]
    [InlineData(0, 2, 16)]
    [InlineData(0, 8, 32)]
    [InlineData(24, 2, 24)]
    public void EffectiveMinWorkerThreads_ZeroIsFourPerCoreAndAtLeastSixteen(int setting, int cores, int expected)
    {
        var options = new RhvDrOptions { MinWorkerThreads = setting };

        Assert.Equal(expected, options.EffectiveMinWorkerThreads(cores));
    }

    [Fact]
    public void Validate_OneSite_RequiresTwo()
    {
        var options = ValidOptions();
        options.Sites.RemoveAt(1);

        var result = _validator.Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("RhvDr:Sites has 1 site(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DuplicateNamesAndRoles_NamesBothProblems()
    {
        var options = ValidOptions();
        options.Sites[1].Name = "PRIMARY";
        options.Sites[1].Role = SiteRole.Primary;

        var result = _validator.Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("RhvDr:Sites:1:Name 'PRIMARY' is used by another site", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("RhvDr:Sites need one site with Role Primary and one with Role Recovery", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PollIntervalUnderOneSecond_NamesTheKey()
    {
        var options = ValidOptions();
        options.PollInterval = TimeSpan.FromMilliseconds(500);

        var result = _validator.Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("RhvDr:PollInterval '00:00:00.5000000' is shorter than 1 second", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MissingCaFileAndNoPassword_NamesKeysWithoutEchoingSecrets()
    {
        var options = ValidOptions();
        var site = RealSite("recovery", SiteRole.Recovery, "https://engine2.example/ovirt-engine/api");
        site.Password = "";
        site.CaFile = "/nonexistent/ca.pem";
        options.Sites[1] = site;

        var result = _validator.Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("RhvDr:Sites:1:CaFile '/nonexistent/ca.pem' does not exist", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("RhvDr:Sites:1:Password is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CaFileIsALoginPage_NamesTheKeyAndWhereToGetTheCa()
    {
        var caFile = Path.Combine(Path.GetTempPath(), $"rhvdr-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(caFile, "<!DOCTYPE html><html><head><title>Sign in</title></head></html>");
        try
        {
            var options = ValidOptions();
            var site = RealSite("recovery", SiteRole.Recovery, "https://engine2.example/ovirt-engine/api");
            site.CaFile = caFile;
            options.Sites[1] = site;

            var result = _validator.Validate(null, options);

            Assert.Contains(
                $"RhvDr:Sites:1:CaFile '{caFile}' holds no PEM certificate (-----BEGIN CERTIFICATE-----); " +
                "download the engine CA from https://engine2.example/ovirt-engine/services/pki-resource?resource=ca-certificate&format=X509-PEM-CA",
                result.Failures!);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [Fact]
    public void Validate_BadFingerprint_NamesTheKey()
    {
        var options = ValidOptions();
        var site = RealSite("recovery", SiteRole.Recovery, "https://engine2.example/ovirt-engine/api");
        site.CaFingerprint = "abc";
        options.Sites[1] = site;

        var result = _validator.Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("RhvDr:Sites:1:CaFingerprint 'abc' is not a SHA-256 fingerprint", StringComparison.Ordinal));
    }

    [Fact]
    public void ToDescriptor_RealSite_CarriesNoCredentials()
    {
        var descriptor = RealSite("primary", SiteRole.Primary, "https://engine1.example/ovirt-engine/api").ToDescriptor();

        Assert.Equal(new SiteDescriptor("primary", "primary", SiteRole.Primary, "https://engine1.example/ovirt-engine/api", false), descriptor);
        Assert.DoesNotContain("pw-123", descriptor.ToString(), StringComparison.Ordinal);
    }

    internal static RhvDrOptions ValidOptions() => new()
    {
        Sites =
        [
            new SiteOptions { Name = "primary", DisplayName = "Prod (Brno)", Role = SiteRole.Primary, EngineUrl = "lab:primary" },
            new SiteOptions { Name = "recovery", DisplayName = "DR (Ostrava)", Role = SiteRole.Recovery, EngineUrl = "lab:recovery" },
        ],
    };

    private static SiteOptions RealSite(string name, SiteRole role, string url) =>
        new() { Name = name, Role = role, EngineUrl = url, Username = "admin@internal", Password = "pw-123" };
}
