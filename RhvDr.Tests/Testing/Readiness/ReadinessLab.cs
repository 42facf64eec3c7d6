using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RhvDr.Console.Lab;
using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Ovirt;
using RhvDr.Core.Readiness;
using RhvDr.Lab;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Readiness;

/// <summary>
/// The console on the embedded lab with a mapping store and mapping inventory source faked, and helpers to make the lab
/// healthy for readiness (OVF stores updated, no delete protection, a mapping saved) and to break it one way at a time.
/// </summary>
internal sealed class ReadinessLab : IAsyncDisposable
{
    private readonly HttpClient _http;

    public ReadinessLab(Action<ConsoleAppFactory>? configure = null)
    {
        Console = new ConsoleAppFactory();
        Console.Settings["RhvDr:Readiness:MinEvaluationGap"] = "00:00:00.1";

        // Each test stages a change and expects the next evaluation to see it.
        Console.Settings["RhvDr:Readiness:MappingInventoryMaxAge"] = "00:00:00";
        Console.Settings["Lab:VmsPerSite"] = "40";
        Console.Settings["Lab:HostsPerSite"] = "4";
        Console.ServiceOverrides.Add(services =>
        {
            // The staged mapping and the inventory it is checked against come from the same polled snapshot,
            // so each test controls exactly what is mapped.
            services.AddSingleton<IMappingStore>(Mapping);
            services.AddSingleton<IMappingInventorySource, SnapshotMappingInventorySource>();
        });
        configure?.Invoke(Console);
        _http = Console.CreateApiClient();
    }

    public ConsoleAppFactory Console { get; }

    public FakeMappingStore Mapping { get; } = new();

    public HttpClient Http => _http;

    public IInventoryStore Inventory => Console.Services.GetRequiredService<IInventoryStore>();

    public ReadinessEvaluator Evaluator => Console.Services.GetRequiredService<ReadinessEvaluator>();

    /// <summary>Waits for both sites to be polled with their inventory and replication.</summary>
    public Task WaitForInventoryAsync() => WaitFor.ConditionAsync(
        () => Inventory.Current.Sites.All(s => s.Engine.IsReachable && s.Inventory.Vms.Count > 0) && Inventory.Current.Sites.Any(s => s.Replication.Count > 0),
        "both sites polled");

    /// <summary>Asks for an update of every active primary OVF store (the engine logs those), clears delete protection on every VM and saves a mapping generated from the inventories.</summary>
    public async Task MakeHealthyAsync()
    {
        await WaitForInventoryAsync();
        var clients = Console.Services.GetRequiredService<IEngineClientFactory>();
        var primary = await clients.GetClientAsync("primary", CancellationToken.None);
        foreach (var domain in Inventory.Current.Find("primary")!.Inventory.StorageDomains.Where(d => d.Type == "data" && d.Status == "active"))
        {
            await primary.PostActionAsync($"storagedomains/{domain.Id}/updateovfstore", new { }, null);
        }
        foreach (var vm in Inventory.Current.Find("primary")!.Inventory.Vms.Where(v => v.DeleteProtected))
        {
            await PostAsync($"lab/control/sites/primary/vms/{vm.Id}/unprotect");
        }
        await WaitFor.ConditionAsync(() => Inventory.Current.Find("primary")!.Inventory is var inv
            && !inv.Vms.Any(v => v.DeleteProtected)
            && inv.StorageDomains.Where(d => d.Type == "data" && d.Status == "active").All(d => d.LastRequestedOvfUpdate is { } at && inv.Vms.All(v => v.CreatedAt <= at || !v.StorageDomainNames.Contains(d.Name))),
            "the healthy lab to be polled");
        SaveGeneratedMapping();
    }

    public void SaveGeneratedMapping(Func<DrMapping, DrMapping>? change = null)
    {
        var primary = SnapshotMappingInventorySource.From(Inventory.Current.Find("primary")!.Inventory);
        var recovery = SnapshotMappingInventorySource.From(Inventory.Current.Find("recovery")!.Inventory);
        var mapping = MappingGenerator.Generate(primary, recovery, new SiteRef("https://primary/ovirt-engine/api", "admin@internal", "/etc/pki/ovirt-engine/ca.pem"), new SiteRef("https://recovery/ovirt-engine/api", "admin@internal", "/etc/pki/ovirt-engine/ca.pem")).Mapping;
        Mapping.Active = new StoredMapping(new MappingVersionInfo(1, DateTimeOffset.UtcNow, "test", null, false, 0, 0, "generated"), change is null ? mapping : change(mapping), []);
    }

    public async Task PostAsync(string path, object? body = null)
    {
        using var lab = Console.Services.GetRequiredService<LabArraySource>().CreateControlHttp();
        using var response = await lab.PostAsJsonAsync(LabPath(path), body ?? new { });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Evaluates until <paramref name="check"/> reaches a result that satisfies <paramref name="condition"/> (the pollers pick up staged changes).</summary>
    public async Task<ReadinessFinding> WaitForCheckAsync(string check, Func<ReadinessFinding, bool> condition, string what)
    {
        var report = await WaitFor.ValueAsync(
            () => Evaluator.EvaluateAsync(Inventory.Current, CancellationToken.None),
            r => condition(r.Findings.Single(f => f.Id == check)),
            $"{check}: {what}");
        return report.Findings.Single(f => f.Id == check);
    }

    // The console knows where the lab's control port is.
    private string LabPath(string path) => new Uri(LabBase(), path).ToString();

    private Uri LabBase()
    {
        var url = Console.Services.GetRequiredService<LabArraySource>().ArrayBaseUrl ?? throw new InvalidOperationException("The lab array is not known.");
        return new Uri(url.AbsoluteUri.TrimEnd('/') + "/");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Console.DisposeAsync();
    }
}
