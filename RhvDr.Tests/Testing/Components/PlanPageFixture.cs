using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RhvDr.Core.Audit;
using RhvDr.Core.Configuration;
using RhvDr.Core.Drills;
using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Plans;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Components;

/// <summary>
/// What the Plans page and the wizard read plans against, for component tests: a primary estate (db1, app1 and web1 on d1;
/// mq1 on d2), a mapping of d1 and d2, and one saved plan "core" (group core = d1) with db1 in group 1 and app1 after it.
/// </summary>
internal static class PlanPageFixture
{
    public static PlanDocument Document { get; } = new()
    {
        ProtectionGroups = [new ProtectionGroup { Name = "core", StorageDomains = ["d1"] }],
        Plans =
        [
            new RecoveryPlanDefinition
            {
                Name = "core",
                ProtectionGroups = ["core"],
                PreSteps = [new PlanStep { Kind = PlanStepKind.Prompt, Message = "Confirm the replication is split." }],
                Vms =
                [
                    new PlanVm { Name = "db1", Priority = 1 },
                    new PlanVm { Name = "app1", Priority = 1, After = ["db1"] },
                    new PlanVm { Name = "web1", Priority = 4, Skip = true },
                ],
            },
        ],
    };

    public static DrMapping Mapping { get; } = new()
    {
        ImportStorages = [.. new[] { "d1", "d2" }.Select(name => new StorageDomainMapping { Primary = new StorageDomainSide { Name = name } })],
    };

    /// <summary>
    /// Saves the mapping as the active one and <see cref="Document"/> as the active plans version, and publishes the primary
    /// estate as the console would have polled it.
    /// </summary>
    public static async Task SeedAsync(IMappingStore mappings, IPlanStore plans, InventoryStore inventory)
    {
        await mappings.SaveAsync(Mapping, [], "test", null);
        await plans.SaveAsync(Document, [], "test", "first");
        inventory.Publish(SiteSnapshotBuilder.For(SiteSnapshotBuilder.Primary)
            .Domain("d1").Domain("d2")
            .Vm("db1", domains: "d1").Vm("app1", domains: "d1").Vm("web1", domains: "d1").Vm("mq1", domains: "d2")
            .Build());
    }

    /// <summary>
    /// Registers a <see cref="PlanService"/> over the stores (seeded or not), with options naming the primary site, and the
    /// drill records and clock the Plans page reads (empty and the system clock unless a test registered its own first).
    /// </summary>
    public static void Add(IServiceCollection services, InventoryStore inventory, IMappingStore mappings, IPlanStore store, IAuditTrail audit)
    {
        services.TryAddSingleton<IDrillStore>(new InMemoryDrillStore());
        services.TryAddSingleton(new DrillClock(TimeProvider.System));
        var options = Options.Create(new RhvDrOptions
        {
            Sites =
            [
                new SiteOptions { Name = "primary", Role = SiteRole.Primary, EngineUrl = "https://engine1/ovirt-engine/api", Username = "admin@internal" },
                new SiteOptions { Name = "recovery", Role = SiteRole.Recovery, EngineUrl = "https://engine2/ovirt-engine/api", Username = "admin@internal" },
            ],
        });
        services.AddSingleton(mappings);
        services.AddSingleton<IOptions<RhvDrOptions>>(options);
        services.AddSingleton(new PlanService(store, mappings, inventory, options, audit, NullLogger<PlanService>.Instance));
    }
}
