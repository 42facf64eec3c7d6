using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Sites;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;
using Xunit;

namespace RhvDr.Tests.Plans;

/// <summary>
/// The console with the embedded lab as plan-run tests drive it over HTTP: save a plans document, wait for the estate, run
/// to the end. <see cref="AppsPlans"/> writes a document whose one plan recovers two of the lab's replicated domains,
/// neither the primary's master.
/// </summary>
public sealed class PlanRunConsole : IAsyncDisposable
{
    /// <summary>The domains of the protection group "apps".</summary>
    public static readonly string[] AppsDomains = ["path2", "scsi_domain2"];

    /// <summary>How long a plan run of the small lab may take before a test gives up on it.</summary>
    public static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    private HttpClient? _http;

    /// <param name="vmsPerSite">The lab's size; a small estate keeps a run short.</param>
    public PlanRunConsole(int vmsPerSite)
    {
        Factory.Settings["Lab:VmsPerSite"] = vmsPerSite.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Factory.Settings["Lab:HostsPerSite"] = "4";
    }

    public ConsoleAppFactory Factory { get; } = new();

    /// <summary>The administrator's API client (created on first use, which starts the console).</summary>
    public HttpClient Http => _http ??= Factory.CreateApiClient();

    /// <summary>A plans document with the group "apps" and one plan of it; <paramref name="rest"/> is the plan's indented remainder.</summary>
    public static string AppsPlans(string plan, string rest) => $"""
        protection_groups:
        - name: "apps"
          storage_domains: [{string.Join(", ", AppsDomains.Select(d => $"\"{d}\""))}]
        plans:
        - name: "{plan}"
          protection_groups: ["apps"]
        {rest}
        """;

    /// <summary>Saves <paramref name="yaml"/> and asserts it became the active version.</summary>
    public async Task SavePlansAsync(string yaml)
    {
        using var response = await Http.PutAsync("/api/plans", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.False(JsonDocument.Parse(body).RootElement.GetProperty("isDraft").GetBoolean(), body);
    }

    /// <summary>Both sites polled and the primary's estate read: plans are checked against it.</summary>
    public async Task<SiteInventory> PrimaryInventoryAsync()
    {
        await WaitFor.ValueAsync(() => Http.GetFromJsonAsync<JsonElement>("/api/sites"),
            s => s.GetArrayLength() == 2 && s.EnumerateArray().All(x => x.GetProperty("engine").GetProperty("reachable").GetBoolean() && x.GetProperty("vms").GetProperty("total").GetInt32() > 0),
            "both sites polled");
        var inventory = Factory.Services.GetRequiredService<IInventoryStore>();
        await WaitFor.ConditionAsync(() => inventory.Current.Find("primary")?.Inventory.Vms.Count > 0, "the primary site's inventory");

        // Plans are checked against the active mapping, which the lab's first one becomes shortly after the estate is read.
        var mappings = Factory.Services.GetRequiredService<RhvDr.Core.Mapping.IMappingStore>();
        await WaitFor.ValueAsync(() => mappings.GetActiveAsync(CancellationToken.None), m => m is not null, "the lab's first DR mapping");
        return inventory.Current.Find("primary")!.Inventory;
    }

    /// <summary>Starts a run with <paramref name="body"/> and answers its details once it has ended, however it ended.</summary>
    public async Task<JsonElement> RunToEndAsync(object body)
    {
        using var response = await Http.PostAsJsonAsync("/api/runs", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
        return await WaitFor.ValueAsync(() => Http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
            r => r.GetProperty("run").GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled",
            $"run {id} to end", RunTimeout);
    }

    /// <summary>As <see cref="RunToEndAsync"/>, and asserts the run succeeded, showing its error and last log lines when not.</summary>
    public async Task<JsonElement> RunToSuccessAsync(object body)
    {
        var run = await RunToEndAsync(body);
        Assert.True(run.GetProperty("run").GetProperty("status").GetString() == "succeeded",
            $"run {run.GetProperty("run").GetProperty("id")}: {run.GetProperty("run").GetProperty("error")}; {string.Join(" | ", run.GetProperty("log").EnumerateArray().Select(l => l.GetProperty("message").GetString()).TakeLast(8))}");
        return run;
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await Factory.DisposeAsync();
    }
}
