using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;
using static RhvDr.Tests.External.SiteFaultAssertions;

namespace RhvDr.Tests.External;

/// <summary>
/// The console configured for real engines, its primary on an engine that signs in and then answers wrongly (or never),
/// its recovery site on the lab over HTTPS. Each test makes the engine misbehave one way and reads what the console says.
/// </summary>
public sealed class MisbehavingEngineConsoleTests(MisbehavingEngineConsoleTests.RunningConsole running) : IClassFixture<MisbehavingEngineConsoleTests.RunningConsole>
{
    [Fact]
    public async Task Sites_LoginPortalAnswers200Html_PrimarySaysItIsAnHtmlPageNotTheApi()
    {
        var (sites, message) = await PrimaryAfterAsync(EngineMisbehaviour.LoginPortal, "an HTML page");

        Assert.Equal("faulted", Engine(sites, "primary").GetProperty("status").GetString());
        Assert.StartsWith($"Engine {running.Engine.Authority} answered GET /ovirt-engine/api/", message, StringComparison.Ordinal);
        Assert.EndsWith(
            " with an HTML page (HTTP 200 OK, text/html, \"Sign in – Example Corp Access\"), not the oVirt API: " +
            "check that EngineUrl ends in /ovirt-engine/api and that no login portal or proxy is in the way.",
            message, StringComparison.Ordinal);
        await RestOfConsoleWorksAsync(running.Factory, sites, running.Log);
    }

    [Fact]
    public async Task Sites_EngineAnswersEmptyBody_PrimarySaysEmptyBody()
    {
        var (sites, message) = await PrimaryAfterAsync(EngineMisbehaviour.EmptyBody, "empty body");

        Assert.Equal("faulted", Engine(sites, "primary").GetProperty("status").GetString());
        Assert.Contains($"Engine {running.Engine.Authority} answered GET /ovirt-engine/api/", message, StringComparison.Ordinal);
        Assert.Contains(" with an empty body (HTTP 200 OK), not the oVirt API: check that EngineUrl ends in /ovirt-engine/api", message, StringComparison.Ordinal);
        await RestOfConsoleWorksAsync(running.Factory, sites, running.Log);
    }

    [Fact]
    public async Task Sites_EngineAnswersTruncatedJson_PrimarySaysTheJsonBreaksOff()
    {
        var (sites, message) = await PrimaryAfterAsync(EngineMisbehaviour.TruncatedJson, "breaks off");

        Assert.Equal("faulted", Engine(sites, "primary").GetProperty("status").GetString());
        Assert.Contains($"Engine {running.Engine.Authority} answered GET /ovirt-engine/api/", message, StringComparison.Ordinal);
        Assert.Matches(@" with JSON that breaks off after \d+ bytes \(HTTP 200 OK\): the answer was cut short on its way", message);
        await RestOfConsoleWorksAsync(running.Factory, sites, running.Log);
    }

    [Fact]
    public async Task Sites_EngineAnswersTheV3ApiShape_PrimarySaysItReadsOnlyApiV4()
    {
        var (sites, message) = await PrimaryAfterAsync(EngineMisbehaviour.ApiV3Shape, "unexpected value");

        Assert.Equal("faulted", Engine(sites, "primary").GetProperty("status").GetString());
        Assert.Matches(@" with JSON the console cannot read \(unexpected value at \$\.[a-z_]+\[0\]\.status\): it reads only the oVirt API v4 \(oVirt 4\.x, RHV 4\.x\)", message);
        Assert.Contains(running.Engine.Authority, message, StringComparison.Ordinal);
        await RestOfConsoleWorksAsync(running.Factory, sites, running.Log);
    }

    [Fact]
    public async Task Sites_EngineAnswersJsonWithoutTheCollectionKey_PrimarySaysWhatItFoundInstead()
    {
        var (sites, message) = await PrimaryAfterAsync(EngineMisbehaviour.NoCollectionKey, "\"results\"");

        Assert.Equal("faulted", Engine(sites, "primary").GetProperty("status").GetString());
        Assert.Matches(@" with JSON the console cannot read \(""results"" where the list of [a-z]+ belongs\): it reads only the oVirt API v4", message);
        Assert.Contains(running.Engine.Authority, message, StringComparison.Ordinal);
        await RestOfConsoleWorksAsync(running.Factory, sites, running.Log);
    }

    [Fact]
    public async Task Sites_EngineAnswers503_PrimarySaysServiceUnavailableOnceWithTheEngineDetail()
    {
        var (sites, message) = await PrimaryAfterAsync(EngineMisbehaviour.ServiceUnavailable, "503");

        Assert.Equal("faulted", Engine(sites, "primary").GetProperty("status").GetString());
        Assert.Contains($"Engine {running.Engine.Authority} answered GET /ovirt-engine/api/", message, StringComparison.Ordinal);
        Assert.EndsWith(" with HTTP 503 Service Unavailable: [The engine is still starting; try again in a minute]; check that the ovirt-engine service is running on it and read its engine.log.", message, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(message, "Service Unavailable"));
        await RestOfConsoleWorksAsync(running.Factory, sites, running.Log);
    }

    [Fact]
    public async Task Sites_ProxyAnswers502Html_PrimarySaysAProxyAnsweredNotTheEngine()
    {
        var (sites, message) = await PrimaryAfterAsync(EngineMisbehaviour.ProxyBadGateway, "502");

        Assert.Equal("faulted", Engine(sites, "primary").GetProperty("status").GetString());
        Assert.EndsWith(
            " with HTTP 502 Bad Gateway, an HTML page from a web server or proxy in front of it, not from the oVirt API: " +
            "the engine service behind it is down, starting, or out of the proxy's reach.",
            message, StringComparison.Ordinal);
        Assert.DoesNotContain("nginx", message, StringComparison.Ordinal);
        await RestOfConsoleWorksAsync(running.Factory, sites, running.Log);
    }

    [Fact]
    public async Task Sites_EngineNeverAnswers_PrimarySaysItTookLongerThanTheEngineTimeout()
    {
        var (sites, message) = await PrimaryAfterAsync(EngineMisbehaviour.Hang, "took longer");

        Assert.Equal("unreachable", Engine(sites, "primary").GetProperty("status").GetString());
        Assert.Equal($"Engine {running.Engine.Authority} took longer than 00:00:02 to answer; check that the engine is running and not overloaded, and the network between the console and it, or raise RhvDr:EngineTimeout.", message);
        await RestOfConsoleWorksAsync(running.Factory, sites, running.Log);
    }

    private async Task<(System.Text.Json.JsonElement[] Sites, string Message)> PrimaryAfterAsync(EngineMisbehaviour misbehaviour, string words)
    {
        running.Engine.Misbehaviour = misbehaviour;
        using var http = running.Factory.CreateApiClient();
        var sites = await WaitForPrimaryAsync(http, m => m.Contains(words, StringComparison.Ordinal), $"the primary to say \"{words}\"");
        var message = Engine(sites, "primary").GetProperty("message").GetString()!;
        PlainWords(message);
        return (sites, message);
    }

    /// <summary>One console for the class: primary on the misbehaving engine (plain http), recovery on the lab over HTTPS, a 2 s engine timeout.</summary>
    public sealed class RunningConsole : IAsyncLifetime
    {
        private ExternalLab _lab = null!;

        public ConsoleAppFactory Factory { get; } = new();

        public CapturingLoggerProvider Log { get; } = new();

        public MisbehavingEngine Engine { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _lab = await ExternalLab.StartAsync();
            Engine = await MisbehavingEngine.StartAsync(EngineMisbehaviour.LoginPortal);
            foreach (var (key, value) in _lab.ConsoleSettings())
            {
                Factory.Settings[key] = value;
            }
            Factory.Settings["RhvDr:Sites:0:EngineUrl"] = Engine.ApiUrl.ToString();
            Factory.Settings["RhvDr:Sites:0:CaFile"] = null;
            Factory.Settings["RhvDr:Sites:0:Password"] = "any";
            Factory.Settings["RhvDr:EngineTimeout"] = "00:00:02";
            Factory.ServiceOverrides.Add(services => services.AddSingleton<ILoggerProvider>(Log));
            _ = Factory.BaseAddress;
        }

        public async Task DisposeAsync()
        {
            await Factory.DisposeAsync();
            await Engine.DisposeAsync();
            await _lab.DisposeAsync();
        }
    }
}
