using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using RhvDr.Core.Readiness;
using RhvDr.Core.Replication;

using RhvDr.Core.Security;

namespace RhvDr.Core.Recovery;

/// <summary>Registers the run engine: options, store, notifier, replication adapter, planner, runner.</summary>
public static class RecoveryServiceExtensions
{
    /// <summary>The sanlock lease timeout of a real host (DESIGN §1).</summary>
    public static readonly TimeSpan DefaultSanlockWait = TimeSpan.FromSeconds(80);

    public static IHostApplicationBuilder AddRhvDrRecovery(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<RecoveryOptions>().BindConfiguration(RecoveryOptions.SectionName).ValidateOnStart();
        // The runner reads the four-eyes rules; bound here too so a host without the console's sign-in still honours them.
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecoveryOptions>, RecoveryOptionsValidator>());
        services.PostConfigure<RecoveryOptions>(o =>
        {
            var sites = configuration.GetSection(RhvDrOptions.SectionName).Get<RhvDrOptions>()?.Sites ?? [];
            var lab = sites.Count > 0 && sites.All(s => s.IsLab);
            o.Replication = string.IsNullOrWhiteSpace(o.Replication) ? (lab ? "lab" : "manual") : o.Replication.Trim().ToLowerInvariant();

            // Lab sites live on the lab's clock: the 80 s wait shrinks with its time scale (to nothing in tests).
            o.SanlockWait ??= lab && double.TryParse(configuration["Lab:TimeScale"], NumberStyles.Float, CultureInfo.InvariantCulture, out var scale)
                ? DefaultSanlockWait * Math.Max(0, scale)
                : DefaultSanlockWait;
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IRunStore, SqliteRunStore>();
        services.AddSingleton<IRunNotifier, RunNotifier>();
        services.AddSingleton<LabArrayReplicationController>();
        services.AddSingleton<ManualReplicationController>();
        services.AddSingleton<CommandReplicationController>();
        services.AddSingleton<IReplicationController>(sp => sp.GetRequiredService<IOptions<RecoveryOptions>>().Value.Replication switch
        {
            "lab" => sp.GetRequiredService<LabArrayReplicationController>(),
            "command" => sp.GetRequiredService<CommandReplicationController>(),
            _ => sp.GetRequiredService<ManualReplicationController>(),
        });
        // Readiness registers NoRecoveryHistory with TryAdd; the run store's history replaces it whichever is registered first.
        services.RemoveAll<IRecoveryHistory>();
        services.AddSingleton<IRecoveryHistory, RunStoreRecoveryHistory>();
        services.AddSingleton<RecoveryPlanner>();
        services.AddSingleton<IRunPreviewer, RunPreviewer>();
        services.AddSingleton<RunAdmission>();
        services.AddSingleton<RunProcedures>();
        services.AddSingleton<RecoveryRunner>();
        services.AddSingleton<IRecoveryRunner>(sp => sp.GetRequiredService<RecoveryRunner>());
        services.AddHostedService<RecoveryRunnerService>();
        return builder;
    }
}
