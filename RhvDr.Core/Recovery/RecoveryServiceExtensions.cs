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
        services.AddOptions<RecoveryOptions>().BindConfiguration(RecoveryOptions.SectionName).ValidateOnStart();
        // The runner reads the four-eyes rules; bound here too so a host without the console's sign-in still honours them.
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecoveryOptions>, RecoveryOptionsValidator>());
        services.AddOptions<RecoveryOptions>().PostConfigure<IEnumerable<IRecoveryDefaults>>((o, defaults) =>
        {
            foreach (var moduleDefaults in defaults)
            {
                moduleDefaults.Apply(o);
            }

            o.Replication = string.IsNullOrWhiteSpace(o.Replication) ? "manual" : o.Replication.Trim().ToLowerInvariant();
            o.SanlockWait ??= DefaultSanlockWait;
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IRunStore, SqliteRunStore>();
        services.AddSingleton<IRunNotifier, RunNotifier>();
        services.AddReplicationController<ManualReplicationController>("manual");
        services.AddReplicationController<CommandReplicationController>("command");
        services.AddSingleton(sp => sp.GetRequiredKeyedService<IReplicationController>(sp.GetRequiredService<IOptions<RecoveryOptions>>().Value.Replication));
        services.TryAddSingleton<IReplicatedVolumeSource, NoReplicatedVolumeSource>();
        // Readiness registers NoRecoveryHistory with TryAdd; the run store's history replaces it whichever is registered first.
        services.RemoveAll<IRecoveryHistory>();
        services.AddSingleton<IRecoveryHistory, RunStoreRecoveryHistory>();
        services.AddSingleton<RecoveryPlanner>();
        services.AddSingleton<IRunPreviewer, RunPreviewer>();
        services.AddSingleton<ReIpPreviewer>();
        services.AddSingleton<RunAdmission>();
        // A plan's HTTP steps: timed per step by the runner; no redirects (a POST must not turn into a GET elsewhere) and no
        // HttpClient logging (it writes the whole URL).
        services.AddHttpClient(PlanStepRunner.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .UseSocketsHandler(_ => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
        services.AddSingleton<PlanStepRunner>();
        services.AddSingleton<RunProcedures>();
        services.AddSingleton<RecoveryRunner>();
        services.AddSingleton<IRecoveryRunner>(sp => sp.GetRequiredService<RecoveryRunner>());
        services.AddHostedService<RecoveryRunnerService>();
        return builder;
    }
}
