using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RhvDr.Core.Drills;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Plans;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Drills;

/// <summary>A console that was down over several drill times records one skipped drill when it starts again, and runs no backlog.</summary>
public sealed class DrillRestartTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "rhvdr-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by SQLite's pool is left for the OS temp cleaner.
        }
    }

    [Fact]
    public async Task ConsoleDownOverThreeDrillTimes_AtStart_OneSkippedDrillForTheNewest_ConsoleWasNotRunning()
    {
        await using (var first = Console(null))
        {
            using var http = first.CreateApiClient();
            await WaitForInventoryAsync(first, http);
            using var saved = await http.PutAsync("/api/plans", new StringContent("""
                protection_groups:
                - name: "apps"
                  storage_domains: ["path2", "scsi_domain2"]
                plans:
                - name: "apps-nightly"
                  protection_groups: ["apps"]
                  drill: {cron: "0 3 * * *"}
                """, Encoding.UTF8, "application/yaml"));
            var body = await saved.Content.ReadAsStringAsync();
            Assert.True(saved.StatusCode == HttpStatusCode.OK && !JsonDocument.Parse(body).RootElement.GetProperty("isDraft").GetBoolean(), body);
        }

        // Back three days later (the schedule's clock): three 03:00 drills fell while it was down.
        var back = DateTimeOffset.UtcNow.AddDays(3);
        var newestMissed = DrillCalendar.TryCreate(new DrillSchedule { Cron = "0 3 * * *" }, out _)!.LastDue(DateTimeOffset.UtcNow, back);
        await using var second = Console(new FakeTimeProvider(back));
        using var again = second.CreateApiClient();

        var drills = await WaitFor.ValueAsync(() => again.GetFromJsonAsync<JsonElement>("/api/plans/apps-nightly/drills"),
            d => d.GetProperty("total").GetInt32() > 0, "the missed drill to be recorded");

        var drill = Assert.Single(drills.GetProperty("drills").EnumerateArray());
        Assert.Equal(("skipped", DrillRunner.ConsoleDownReason, DrillRunner.SchedulerName),
            (drill.GetProperty("result").GetString(), drill.GetProperty("reason").GetString(), drill.GetProperty("requestedBy").GetString()));
        Assert.Equal(newestMissed, drill.GetProperty("scheduledAt").GetDateTimeOffset());
        Assert.Empty((await again.GetFromJsonAsync<JsonElement>("/api/runs")).EnumerateArray());
    }

    private ConsoleAppFactory Console(FakeTimeProvider? drillClock)
    {
        var console = new ConsoleAppFactory(_data);
        console.Settings["Lab:VmsPerSite"] = "10";
        console.Settings["RhvDr:Drills:Enabled"] = "true";
        console.Settings["Lab:HostsPerSite"] = "2";
        if (drillClock is not null)
        {
            console.ServiceOverrides.Add(services => services.AddSingleton(new DrillClock(drillClock)));
        }

        return console;
    }

    private static async Task WaitForInventoryAsync(ConsoleAppFactory console, HttpClient http)
    {
        await WaitFor.ValueAsync(() => http.GetFromJsonAsync<JsonElement>("/api/sites"),
            s => s.GetArrayLength() == 2 && s.EnumerateArray().All(x => x.GetProperty("engine").GetProperty("reachable").GetBoolean() && x.GetProperty("vms").GetProperty("total").GetInt32() > 0),
            "both sites polled");
        var inventory = console.Services.GetRequiredService<IInventoryStore>();
        await WaitFor.ConditionAsync(() => inventory.Current.Find("primary")?.Inventory.Vms.Count > 0, "the primary site's inventory");
    }
}
