using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RhvDr.Core.Notifications;

namespace RhvDr.Tests.Notifications;

public sealed class NotificationOptionsValidatorTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";

    private readonly NotificationOptionsValidator _validator = new();

    [Fact]
    public void Validate_SignedWebhookForTwoEvents_Succeeds()
    {
        var result = _validator.Validate(null, Options(new WebhookOptions
        {
            Url = "https://hooks.example.com/rhvdr",
            Events = ["incident.opened", "Run.Status"],
            Secret = Secret,
        }));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("x", "RhvDr:Notifications:Webhooks:0:Url 'x' is not an absolute http(s) URL; use e.g. https://hooks.example.com/rhvdr")]
    [InlineData("ftp://hooks.example.com/rhvdr", "RhvDr:Notifications:Webhooks:0:Url 'ftp://hooks.example.com/rhvdr' is not an absolute http(s) URL; use e.g. https://hooks.example.com/rhvdr")]
    [InlineData("", "RhvDr:Notifications:Webhooks:0:Url is empty; give the receiver's address, e.g. https://hooks.example.com/rhvdr")]
    public void Validate_BadUrl_NamesTheKey(string url, string expected)
    {
        var result = _validator.Validate(null, Options(new WebhookOptions { Url = url }));

        Assert.Equal([expected], result.Failures!);
    }

    [Fact]
    public void Validate_UrlWithPassword_NamesTheKeyWithoutEchoingIt()
    {
        var result = _validator.Validate(null, Options(new WebhookOptions { Url = "https://noc:hunter2-password@hooks.example.com/rhvdr" }));

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("RhvDr:Notifications:Webhooks:0:Url carries a user name or password", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownEvent_NamesTheKeyAndTheKnownEvents()
    {
        var result = _validator.Validate(null, Options(new WebhookOptions { Url = "https://hooks.example.com/", Events = ["run.status", "incident.open"] }));

        Assert.Equal(
            ["RhvDr:Notifications:Webhooks:0:Events:1 'incident.open' is not an event; use incident.opened, incident.acknowledged, incident.closed, run.status, drill.failed, drill.skipped (or no Events for all of them)"],
            result.Failures!);
    }

    [Fact]
    public void Validate_ShortSecret_SaysHowLongWithoutEchoingIt()
    {
        var result = _validator.Validate(null, Options(
            new WebhookOptions { Url = "https://hooks.example.com/a", Secret = Secret },
            new WebhookOptions { Url = "https://hooks.example.com/b", Secret = "tooshort" }));

        Assert.Equal(["RhvDr:Notifications:Webhooks:1:Secret is 8 characters; use 16 to 1024 (e.g. the output of openssl rand -hex 32)"], result.Failures!);
    }

    [Fact]
    public void Validate_TimeoutAndRetryDelayOutOfRange_NameTheirKeys()
    {
        var options = Options(new WebhookOptions { Url = "https://hooks.example.com/", Timeout = TimeSpan.Zero });
        options.RetryDelay = TimeSpan.Zero;

        var result = _validator.Validate(null, options);

        Assert.Equal(
            [
                "RhvDr:Notifications:RetryDelay '00:00:00' must be positive and at most 00:01:00, e.g. 00:00:01",
                "RhvDr:Notifications:Webhooks:0:Timeout '00:00:00' must be between 00:00:01 and 00:05:00",
            ],
            result.Failures!);
    }

    [Fact]
    public async Task StartAsync_InvalidWebhookUrl_StopsStartUpNamingTheKey()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RhvDr:Notifications:Webhooks:0:Url"] = "https://hooks.example.com/rhvdr",
            ["RhvDr:Notifications:Webhooks:1:Url"] = "hooks.example.com/rhvdr",
        });
        builder.AddRhvDrNotifications();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("RhvDr:Notifications:Webhooks:1:Url 'hooks.example.com/rhvdr' is not an absolute http(s) URL", error.Message, StringComparison.Ordinal);
    }

    private static NotificationOptions Options(params WebhookOptions[] webhooks) => new() { Webhooks = [.. webhooks] };
}
