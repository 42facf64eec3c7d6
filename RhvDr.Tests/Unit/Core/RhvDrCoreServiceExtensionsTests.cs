using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Replication;

namespace RhvDr.Tests.Core;

public sealed class RhvDrCoreServiceExtensionsTests
{
    /// <summary>Engines a module of the host would run in-process; Core knows them only through this declaration.</summary>
    private static readonly EmbeddedEngineScheme Simulated = new("sim", "the simulated estate", ["primary", "recovery", "east"]);

    [Fact]
    public void AddRhvDrCore_EmbeddedEngines_RegistersStoreWithBothSitesAndNoArrayOfItsOwn()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["RhvDr:PollInterval"] = "00:00:02",
            ["RhvDr:Sites:0:Name"] = "primary",
            ["RhvDr:Sites:0:Role"] = "Primary",
            ["RhvDr:Sites:0:EngineUrl"] = "sim:primary",
            ["RhvDr:Sites:1:Name"] = "recovery",
            ["RhvDr:Sites:1:Role"] = "Recovery",
            ["RhvDr:Sites:1:EngineUrl"] = "sim:recovery",
        });

        var store = host.Services.GetRequiredService<IInventoryStore>();

        Assert.Equal(["primary", "recovery"], store.Current.Sites.Select(s => s.Site.Name));
        Assert.True(store.Current.Sites.All(s => s.Site.IsEmbedded));
        Assert.Equal(TimeSpan.FromSeconds(2), host.Services.GetRequiredService<IOptions<RhvDrOptions>>().Value.PollInterval);
        // An array is read by the module that knows it (the console's lab module reads the lab's), never by Core.
        Assert.IsType<NoReplicationMonitor>(host.Services.GetRequiredService<IReplicationMonitor>());
        Assert.Same(host.Services.GetRequiredService<EngineEndpointRegistry>(), host.Services.GetRequiredService<IEngineEndpointResolver>());
    }

    [Fact]
    public void AddRhvDrCore_BadEngineUrl_OptionsFailNamingTheKey()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["RhvDr:Sites:0:Name"] = "primary",
            ["RhvDr:Sites:0:Role"] = "Primary",
            ["RhvDr:Sites:0:EngineUrl"] = "sim:primary",
            ["RhvDr:Sites:1:Name"] = "recovery",
            ["RhvDr:Sites:1:Role"] = "Recovery",
            ["RhvDr:Sites:1:EngineUrl"] = "htp:/x",
        });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<RhvDrOptions>>().Value);

        Assert.Contains("RhvDr:Sites:1:EngineUrl 'htp:/x' is not an absolute http(s) URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EngineEndpointRegistry_EmbeddedEngineRegisteredLater_WaitCompletes()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["RhvDr:Sites:0:Name"] = "primary",
            ["RhvDr:Sites:0:Role"] = "Primary",
            ["RhvDr:Sites:0:EngineUrl"] = "sim:east",
            ["RhvDr:Sites:1:Name"] = "recovery",
            ["RhvDr:Sites:1:Role"] = "Recovery",
            ["RhvDr:Sites:1:EngineUrl"] = "https://engine2.example/ovirt-engine/api",
            ["RhvDr:Sites:1:Username"] = "admin@internal",
            ["RhvDr:Sites:1:Password"] = "pw",
        });
        var registry = host.Services.GetRequiredService<EngineEndpointRegistry>();
        var endpoint = new EngineEndpoint(new Uri("http://127.0.0.1:5000/ovirt-engine/api"), "admin@internal", "lab", EngineTlsOptions.SystemTrust);
        var waiting = registry.WaitForAsync("primary", CancellationToken.None);

        registry.Register("east", endpoint);

        Assert.Same(endpoint, await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("https://engine2.example/ovirt-engine/api", (await registry.WaitForAsync("recovery", CancellationToken.None)).ApiUrl.AbsoluteUri);
    }

    [Fact]
    public void AddRhvDrCore_EngineHttpClient_OneHandlerWhoseConnectionsAreRenewed()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["RhvDr:Sites:0:Name"] = "primary",
            ["RhvDr:Sites:0:Role"] = "Primary",
            ["RhvDr:Sites:0:EngineUrl"] = "https://engine1.example/ovirt-engine/api",
            ["RhvDr:Sites:0:Username"] = "admin@internal",
            ["RhvDr:Sites:0:Password"] = "pw",
            ["RhvDr:Sites:1:Name"] = "recovery",
            ["RhvDr:Sites:1:Role"] = "Recovery",
            ["RhvDr:Sites:1:EngineUrl"] = "https://engine2.example/ovirt-engine/api",
            ["RhvDr:Sites:1:Username"] = "admin@internal",
            ["RhvDr:Sites:1:Password"] = "pw",
        });
        var name = OvirtHttpClientNames.ForSite("primary");

        var options = host.Services.GetRequiredService<IOptionsMonitor<Microsoft.Extensions.Http.HttpClientFactoryOptions>>().Get(name);
        var handler = host.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(name);

        // The factory never swaps the handler (whose timer would outlive a stopped host); the handler renews connections itself,
        // so an engine name that DNS moves after a failover is followed.
        Assert.Equal(Timeout.InfiniteTimeSpan, options.HandlerLifetime);
        var sockets = Assert.IsType<SocketsHttpHandler>(Innermost(handler));
        Assert.Equal(SocketsHandlerExtensions.ConnectionLifetime, sockets.PooledConnectionLifetime);
        Assert.NotNull(sockets.SslOptions.RemoteCertificateValidationCallback);
    }

    private static HttpMessageHandler Innermost(HttpMessageHandler handler)
    {
        while (handler is DelegatingHandler delegating && delegating.InnerHandler is { } inner)
        {
            handler = inner;
        }
        return handler;
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(Simulated);
        builder.AddRhvDrCore();
        return builder.Build();
    }
}
