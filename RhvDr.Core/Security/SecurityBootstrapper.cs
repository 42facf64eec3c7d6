using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RhvDr.Core.Data;

namespace RhvDr.Core.Security;

/// <summary>
/// At start-up, after the schema exists: applies stored engine credentials, and initialises an empty database from
/// <c>RhvDr:Bootstrap</c> (the first administrator, an administrator API token). Without a bootstrap user, an empty
/// database asks the first visitor to set up an administrator.
/// </summary>
public sealed partial class SecurityBootstrapper(
    SchemaMigrator migrator,
    UserService users,
    ApiTokenService tokens,
    EngineCredentialService credentials,
    IOptions<BootstrapOptions> bootstrap,
    ILogger<SecurityBootstrapper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Registered before Core's pollers so stored engine credentials apply to their first call; the migration is
        // idempotent, so running it here as well as in the database initializer costs one query.
        await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await credentials.LoadAsync(cancellationToken).ConfigureAwait(false);
        var options = bootstrap.Value;
        if (await users.CountAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            if (!string.IsNullOrWhiteSpace(options.AdminUser) && !string.IsNullOrEmpty(options.AdminPassword))
            {
                await users.SetUpFirstAdministratorAsync(options.AdminUser, options.AdminPassword, "RhvDr:Bootstrap", cancellationToken).ConfigureAwait(false);
                LogBootstrapped(logger, options.AdminUser.Trim());
            }
            else
            {
                LogSetupNeeded(logger);
            }
        }
        if (!string.IsNullOrEmpty(options.ApiToken) && await tokens.SeedAsync(options.ApiToken, cancellationToken).ConfigureAwait(false))
        {
            LogTokenSeeded(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created administrator {User} from RhvDr:Bootstrap")]
    private static partial void LogBootstrapped(ILogger logger, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No user accounts exist and RhvDr:Bootstrap:AdminUser is not set: open the console's /account/setup page to create the first administrator")]
    private static partial void LogSetupNeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored the administrator API token from RhvDr:Bootstrap:ApiToken")]
    private static partial void LogTokenSeeded(ILogger logger);
}
