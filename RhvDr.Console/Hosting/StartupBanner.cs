using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using RhvDr.Core.Security;

namespace RhvDr.Console.Hosting;

/// <summary>Prints where the console listens once it does, so a new user knows which URL to open.</summary>
/// <remarks>On a database without users it also says where to create the first administrator.</remarks>
public sealed class StartupBanner(IServer server, IHostApplicationLifetime lifetime, UserService users, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // AnnounceAsync observes its own failures: the banner is a courtesy and never stops the console.
        lifetime.ApplicationStarted.Register(() => _ = AnnounceAsync());
        return Task.CompletedTask;
    }

    private async Task AnnounceAsync()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        bool setUp;
        try
        {
            setUp = await users.CountAsync(lifetime.ApplicationStopping) > 0;
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // The addresses are still worth printing; whether to point at first-run setup is unknown.
            logger.LogError(ex, "Could not read the user store: cannot tell whether an administrator exists yet");
            setUp = true;
        }

        foreach (var address in addresses)
        {
            logger.LogInformation("RhvDr console is up at {Url}", address);
            if (!setUp)
            {
                logger.LogWarning("No one can sign in yet: open {Url}/account/setup to create the first administrator", address.TrimEnd('/'));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
