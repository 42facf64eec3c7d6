using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RhvDr.Core.Audit;

namespace RhvDr.Core.Security;

/// <summary>Registers accounts, API tokens, stored engine credentials and the start-up bootstrap.</summary>
public static class SecurityServiceExtensions
{
    public static IHostApplicationBuilder AddRhvDrSecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>());
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BootstrapOptions>, BootstrapOptionsValidator>());

        services.TryAddSingleton<IUserStore, SqliteUserStore>();
        services.TryAddSingleton<IApiTokenStore, SqliteApiTokenStore>();
        services.TryAddSingleton<IEngineCredentialStore, SqliteEngineCredentialStore>();
        services.TryAddSingleton<UserService>();
        services.TryAddSingleton<ApiTokenService>();
        services.TryAddSingleton<EngineCredentialService>();
        services.TryAddSingleton<DeniedAccessRecorder>();
        services.AddHostedService<DeniedAccessSweeper>();

        // Call before AddRhvDrCore: hosted services start in order, and stored engine credentials must apply before the first poll.
        services.AddHostedService<SecurityBootstrapper>();
        return builder;
    }
}
