using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Tests.Ovirt;

namespace RhvDr.Tests.Core;

public sealed class EngineEventFollowerTests : IAsyncLifetime
{
    private FakeEngine _engine = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _engine = await FakeEngine.StartAsync();
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task HasRelevantChangesAsync_HostEventAfterStart_ReturnsTrueOnceThenFalse()
    {
        var client = new OvirtEngineClient(_http, _engine.Endpoint());
        var follower = new EngineEventFollower(new ThrowingFactory());
        _engine.Set("events?max=1", """{"event":[{"id":"40","code":"30","description":"User admin logged in"}]}""");
        _engine.Set("events?from=40", """{"event":[{"id":"41","code":"30"},{"id":"42","code":"9000","host":{"id":"h1"},"time":"1700000000000"}]}""");
        _engine.Set("events?from=42", "{}");

        var atStart = await follower.HasRelevantChangesAsync("primary", client, CancellationToken.None);
        var afterHostEvent = await follower.HasRelevantChangesAsync("primary", client, CancellationToken.None);
        var quiet = await follower.HasRelevantChangesAsync("primary", client, CancellationToken.None);

        Assert.False(atStart);
        Assert.True(afterHostEvent);
        Assert.False(quiet);
    }

    [Fact]
    public async Task HasRelevantChangesAsync_OnlyLogins_ReturnsFalse()
    {
        var client = new OvirtEngineClient(_http, _engine.Endpoint());
        var follower = new EngineEventFollower(new ThrowingFactory());
        _engine.Set("events?max=1", "{}");
        _engine.Set("events?from=0", """{"event":[{"id":"1","code":"30","description":"User admin logged in"}]}""");

        await follower.HasRelevantChangesAsync("primary", client, CancellationToken.None);
        var changed = await follower.HasRelevantChangesAsync("primary", client, CancellationToken.None);

        Assert.False(changed);
    }

    private sealed class ThrowingFactory : IEngineClientFactory
    {
        public Task<IEngineClient> GetClientAsync(string site, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The tests pass the client directly.");
    }
}
