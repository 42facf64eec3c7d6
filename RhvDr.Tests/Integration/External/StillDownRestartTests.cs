using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RhvDr.Core.Incidents;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.External;

/// <summary>
/// The console restarts during or after an outage while the engines keep their state: the "still down" incident and its
/// VMs are still there on the same database, and it closes only when the VMs run or an operator acknowledges it.
/// </summary>
public sealed class StillDownRestartTests
{
    [Fact]
    public async Task ConsoleRestarts_AfterSiteReturnedWithVmsDown_IncidentAndItsVmsAreBackUntilStarted()
    {
        await using var lab = await ExternalLab.StartAsync();
        var data = Path.Combine(lab.Directory, "console-data");

        // Arrange: the primary is lost and comes back with VMs down; the console opens the incident with its list.
        long id;
        List<string> names;
        await using (var first = StartConsole(lab, data))
        {
            await WaitForSitesAsync(first);
            await lab.Control.SetSiteDownAsync("primary");
            await WaitFor.ConditionAsync(() => Store(first).Current.HaRestart.Active, "the primary to be lost");
            await lab.Control.SetSiteUpAsync("primary");
            var incident = await WaitFor.ValueAsync(() => Task.FromResult(OpenStillDown(first)), i => i is not null, "the still-down incident", TimeSpan.FromSeconds(60));
            id = incident!.Id;
            var list = await WaitFor.ValueAsync(() => Task.FromResult(Store(first).Current.StillDownOf(id)), l => l is { Vms.Count: > 0 }, "its VM list");
            names = [.. list!.Vms.Select(v => v.Name).Order(StringComparer.Ordinal)];
        }

        // Act: the console restarts on the same database.
        await using var second = StartConsole(lab, data);
        using var http = second.CreateApiClient();

        // Assert: the incident and the same VMs are on the board and in the API.
        var board = await WaitFor.ValueAsync(() => http.GetFromJsonAsync<JsonElement>("/api/incidents"), b => StillDownNames(b, id).Count > 0, "the remembered VM list");
        Assert.Equal(names, StillDownNames(board, id));
        Assert.Contains(board.GetProperty("incidents").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id && i.GetProperty("closedAt").ValueKind == JsonValueKind.Null);
        await WaitForSitesAsync(second);
        Assert.Equal(id, OpenStillDown(second)?.Id);

        // Act: the operator starts them.
        using var start = await http.PostAsync($"/api/incidents/{id}/start-vms", null);
        Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());

        // Assert: once they run, the incident closes by itself.
        await WaitFor.ConditionAsync(() => Store(second).Current.Incidents.Single(i => i.Id == id).ClosedAt is not null, "the still-down incident to close", TimeSpan.FromSeconds(60));
        Assert.Equal("Cleared: every VM that ran before the outage runs again", Store(second).Current.Incidents.Single(i => i.Id == id).Timeline.Last().Text);
    }

    [Fact]
    public async Task ConsoleRestartsDuringOutage_SiteBackWithVmsDown_OpensIncidentThatAcknowledgingCloses()
    {
        await using var lab = await ExternalLab.StartAsync();
        var data = Path.Combine(lab.Directory, "console-data");

        // Arrange: the primary is lost while the console runs; the console stops; the power comes back while it is stopped.
        await using (var first = StartConsole(lab, data))
        {
            await WaitForSitesAsync(first);
            await lab.Control.SetSiteDownAsync("primary");
            await WaitFor.ConditionAsync(() => Store(first).Current.HaRestart is { Active: true, Vms.Count: > 0 }, "the primary's VMs followed");
        }
        await lab.Control.SetSiteUpAsync("primary");

        // Act: the console starts again.
        await using var second = StartConsole(lab, data);
        using var http = second.CreateApiClient();

        // Assert: what ran before the outage was remembered: the VMs left down are an incident with its list.
        var incident = await WaitFor.ValueAsync(() => Task.FromResult(OpenStillDown(second)), i => i is not null, "the still-down incident", TimeSpan.FromSeconds(60));
        var list = await WaitFor.ValueAsync(() => Task.FromResult(Store(second).Current.StillDownOf(incident!.Id)), l => l is { Vms.Count: > 0 }, "its VM list");
        Assert.All(list!.Vms, v => Assert.Equal("down", v.Status));

        // Act: an operator leaves them down on purpose.
        using var ack = await http.PostAsJsonAsync($"/api/incidents/{incident!.Id}/ack", new { note = "test VMs, not needed" });
        Assert.True(ack.IsSuccessStatusCode, await ack.Content.ReadAsStringAsync());

        // Assert: closed, and it stays closed.
        Assert.NotNull(Store(second).Current.Incidents.Single(i => i.Id == incident.Id).ClosedAt);
        Assert.Null(OpenStillDown(second));
    }

    private static ConsoleAppFactory StartConsole(ExternalLab lab, string data)
    {
        var console = new ConsoleAppFactory(data);
        foreach (var (key, value) in lab.ConsoleSettings())
        {
            console.Settings[key] = value;
        }
        return console;
    }

    private static IIncidentStore Store(ConsoleAppFactory console) => console.Services.GetRequiredService<IIncidentStore>();

    private static Incident? OpenStillDown(ConsoleAppFactory console) =>
        Store(console).Current.Open.FirstOrDefault(i => i.Kind == IncidentKind.VmsStillDown && i.Site == "primary");

    private static List<string> StillDownNames(JsonElement board, long id) =>
        [.. board.GetProperty("stillDown").EnumerateArray()
            .Where(l => l.GetProperty("incidentId").GetInt64() == id)
            .SelectMany(l => l.GetProperty("vms").EnumerateArray().Select(v => v.GetProperty("name").GetString()!))
            .Order(StringComparer.Ordinal)];

    private static async Task WaitForSitesAsync(ConsoleAppFactory console)
    {
        using var http = console.CreateApiClient();
        await WaitFor.ValueAsync(
            async () => await http.GetFromJsonAsync<JsonElement[]>("/api/sites") ?? [],
            sites => sites.Length == 2 && sites.All(s => s.GetProperty("engine").GetProperty("reachable").GetBoolean()),
            "both engines connected", TimeSpan.FromSeconds(60));
    }
}
