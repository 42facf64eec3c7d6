using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RhvDr.Console.Lab;
using RhvDr.Core.Configuration;
using RhvDr.Core.Mapping;
using RhvDr.Core.Recovery;
using RhvDr.Core.Replication;

namespace RhvDr.Tests.Hosting;

/// <summary>The lab array reaches Core only through the console's lab module; Core alone offers manual and command.</summary>
public sealed class LabArrayReplicationTests
{
    private static readonly Dictionary<string, string?> LabSites = new()
    {
        ["RhvDr:Sites:0:Name"] = "primary",
        ["RhvDr:Sites:0:Role"] = "Primary",
        ["RhvDr:Sites:0:EngineUrl"] = "lab:primary",
        ["RhvDr:Sites:1:Name"] = "recovery",
        ["RhvDr:Sites:1:Role"] = "Recovery",
        ["RhvDr:Sites:1:EngineUrl"] = "lab:recovery",
        ["Lab:TimeScale"] = "0.5",
    };

    private static readonly Dictionary<string, string?> HttpsSites = new()
    {
        ["RhvDr:Sites:0:Name"] = "primary",
        ["RhvDr:Sites:0:Role"] = "Primary",
        ["RhvDr:Sites:0:EngineUrl"] = "https://engine1.example/ovirt-engine/api",
        ["RhvDr:Sites:1:Name"] = "recovery",
        ["RhvDr:Sites:1:Role"] = "Recovery",
        ["RhvDr:Sites:1:EngineUrl"] = "https://engine2.example/ovirt-engine/api",
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LabSites_WithTheLabModule_LabArrayDrivesReadsAndPresentsReplicasWhicheverIsRegisteredFirst(bool labModuleFirst)
    {
        using var host = Build(LabSites, withLabModule: true, labModuleFirst);

        var replication = host.Services.GetRequiredService<IReplicationController>();
        Assert.Equal("lab", replication.Name);
        Assert.IsType<LabArrayReplicationController>(replication);
        Assert.IsType<LabArrayReplicationMonitor>(host.Services.GetRequiredService<IReplicationMonitor>());
        Assert.IsType<LabArrayReplicaEndpointSource>(host.Services.GetRequiredService<IReplicaEndpointSource>());
        Assert.Same(replication, host.Services.GetRequiredService<IReplicatedVolumeSource>());
        // The 80 s sanlock wait on the lab's clock.
        Assert.Equal(TimeSpan.FromSeconds(40), host.Services.GetRequiredService<IOptions<RecoveryOptions>>().Value.SanlockWait);
    }

    [Fact]
    public void LabSites_ReplicationManualConfigured_ManualDrivesAndTheLabArrayIsStillRead()
    {
        using var host = Build(new(LabSites) { ["RhvDr:Recovery:Replication"] = "Manual", ["RhvDr:Recovery:SanlockWait"] = "00:00:03" }, withLabModule: true);

        Assert.IsType<ManualReplicationController>(host.Services.GetRequiredService<IReplicationController>());
        Assert.IsType<LabArrayReplicationController>(host.Services.GetRequiredService<IReplicatedVolumeSource>());
        Assert.Equal(TimeSpan.FromSeconds(3), host.Services.GetRequiredService<IOptions<RecoveryOptions>>().Value.SanlockWait);
    }

    [Fact]
    public async Task HttpsSites_WithTheLabModule_ManualByDefaultNoMonitorAndNoArrayToRead()
    {
        using var host = Build(HttpsSites, withLabModule: true);

        Assert.IsType<ManualReplicationController>(host.Services.GetRequiredService<IReplicationController>());
        Assert.IsType<NoReplicationMonitor>(host.Services.GetRequiredService<IReplicationMonitor>());
        Assert.Equal(RecoveryServiceExtensions.DefaultSanlockWait, host.Services.GetRequiredService<IOptions<RecoveryOptions>>().Value.SanlockWait);
        // No lab has registered its array: nothing to read, and nothing fails.
        Assert.Empty(await host.Services.GetRequiredService<IReplicatedVolumeSource>().ReadVolumesAsync(CancellationToken.None));
        Assert.Empty(await host.Services.GetRequiredService<IReplicaEndpointSource>().GetAsync());
    }

    [Fact]
    public void CoreAlone_ReplicationLab_StartFailsNamingTheKeyAndTheAdaptersThereAre()
    {
        using var host = Build(new(HttpsSites) { ["RhvDr:Recovery:Replication"] = "lab" }, withLabModule: false);

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<RecoveryOptions>>().Value);
        Assert.Contains("RhvDr:Recovery:Replication 'lab' is unknown; use manual or command.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CoreAlone_LabSites_ManualByDefaultAndNoArray()
    {
        using var host = Build(LabSites, withLabModule: false);

        Assert.IsType<ManualReplicationController>(host.Services.GetRequiredService<IReplicationController>());
        Assert.IsType<NoReplicatedVolumeSource>(host.Services.GetRequiredService<IReplicatedVolumeSource>());
        Assert.Null(host.Services.GetService<IReplicaEndpointSource>());
    }

    private static IHost Build(Dictionary<string, string?> settings, bool withLabModule, bool labModuleFirst = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings) { ["RhvDr:DatabasePath"] = Path.Combine(Path.GetTempPath(), $"rhvdr-{Guid.NewGuid():N}.db") });
        if (withLabModule && labModuleFirst)
        {
            builder.AddLabArrayReplication();
        }

        builder.Services.AddLabEngineScheme();
        builder.AddRhvDrCore();
        builder.AddRhvDrMapping();
        builder.AddRhvDrRecovery();
        if (withLabModule && !labModuleFirst)
        {
            builder.AddLabArrayReplication();
        }

        return builder.Build();
    }
}
