using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RhvDr.Core.Audit;
using RhvDr.Core.Drills;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Plans;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.Drills;

/// <summary>
/// Drills of a recovery plan on the running console with the embedded lab, over real HTTP. The schedule's clock is a fake
/// one the test moves to the cron time and past the kept test environment; the runs the drill starts keep real time.
/// </summary>
public sealed class DrillsTests : IAsyncLifetime
{
    private const string Plan = "apps-drilled";

    private static readonly string[] AppsDomains = ["path2", "scsi_domain2"];

    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    private readonly ConsoleAppFactory _factory = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private WebhookReceiver _webhook = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _webhook = await WebhookReceiver.StartAsync();
        _factory.Settings["Lab:VmsPerSite"] = "20";
        _factory.Settings["RhvDr:Drills:Enabled"] = "true";
        _factory.Settings["Lab:HostsPerSite"] = "4";
        _factory.Settings["RhvDr:Readiness:Interval"] = "00:00:01";
        _factory.Settings["RhvDr:Notifications:RetryDelay"] = "00:00:00.050";
        _factory.Settings["RhvDr:Notifications:Webhooks:0:Url"] = _webhook.Url.ToString();
        _factory.Settings["RhvDr:Notifications:Webhooks:0:Events:0"] = "drill.skipped";
        _factory.Settings["RhvDr:Notifications:Webhooks:0:Events:1"] = "drill.failed";
        _factory.ServiceOverrides.Add(services => services.AddSingleton(new DrillClock(_clock)));
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        await _factory.DisposeAsync();
        await _webhook.DisposeAsync();
    }

    [Fact]
    public async Task ScheduledDrill_AtItsCronTime_TestSucceeds_CleanupAfterTheKeptTime_RecordAndReadinessSaySucceeded()
    {
        Start();
        await PrimaryInventoryAsync();
        await SavePlansAsync("""
              drill: {cron: "30 4 * * *", time_zone: "Europe/Berlin", cleanup_after_minutes: 45}
            """);
        var due = Calendar("30 4 * * *", "Europe/Berlin").Next(_clock.GetUtcNow())!.Value;

        _clock.SetUtcNow(due);

        var kept = await WaitForDrillAsync(d => d.TryGetProperty("cleanupDueAt", out var c) && c.ValueKind == JsonValueKind.String, "the drill's test to succeed and its environment to be kept");
        Assert.Equal(due, kept.GetProperty("scheduledAt").GetDateTimeOffset());
        Assert.Equal(DrillRunner.SchedulerName, kept.GetProperty("requestedBy").GetString());
        Assert.Equal("running", kept.GetProperty("result").GetString());
        Assert.Equal(due.AddMinutes(45), kept.GetProperty("cleanupDueAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, kept.GetProperty("cleanupRunId").ValueKind);
        var testId = kept.GetProperty("testRunId").GetString()!;
        var test = (await _http.GetFromJsonAsync<JsonElement>($"/api/runs/{testId}")).GetProperty("run");
        Assert.Equal(("test", "planned", "succeeded", Plan, DrillRunner.SchedulerName),
            (test.GetProperty("kind").GetString(), test.GetProperty("mode").GetString(), test.GetProperty("status").GetString(), test.GetProperty("plan").GetString(), test.GetProperty("requestedBy").GetString()));

        _clock.Advance(TimeSpan.FromMinutes(45));

        var done = await WaitForDrillAsync(d => d.GetProperty("result").GetString() != "running", "the drill to end after its cleanup");
        Assert.True(done.GetProperty("result").GetString() == "succeeded", done.ToString());
        Assert.True(done.GetProperty("vmsVerified").GetInt32() > 0, done.ToString());
        Assert.Equal(0, done.GetProperty("vmsFailed").GetInt32());
        var cleanup = (await _http.GetFromJsonAsync<JsonElement>($"/api/runs/{done.GetProperty("cleanupRunId").GetString()}")).GetProperty("run");
        Assert.Equal(("cleanup", "succeeded", Plan, DrillRunner.SchedulerName),
            (cleanup.GetProperty("kind").GetString(), cleanup.GetProperty("status").GetString(), cleanup.GetProperty("plan").GetString(), cleanup.GetProperty("requestedBy").GetString()));
        Assert.True(cleanup.GetProperty("createdAt").GetDateTimeOffset() > test.GetProperty("finishedAt").GetDateTimeOffset());

        var check = await WaitFor.ValueAsync(TestFailoverCheckAsync,
            c => c.GetProperty("summary").GetString()!.Contains($"Plan '{Plan}': its last drill succeeded", StringComparison.Ordinal),
            "readiness test-failover to report the plan's drill", TimeSpan.FromSeconds(30));
        Assert.Equal("pass", check.GetProperty("status").GetString());
        Assert.Contains(check.GetProperty("evidence").EnumerateArray(), e => e.GetString()!.StartsWith($"Plan '{Plan}' (30 4 * * *): drill {done.GetProperty("id").GetInt64()} succeeded", StringComparison.Ordinal));

        var audit = await _factory.Services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(Actor: DrillRunner.SchedulerName), CancellationToken.None);
        Assert.Contains(audit, a => a.Action == AuditActions.DrillStart && a.Target == $"plan {Plan}" && a.Detail!.Contains(testId, StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == AuditActions.DrillEnd && a.Outcome == AuditOutcomes.Ok);
        Assert.Contains(audit, a => a.Action == AuditActions.RunStart && a.Detail!.Contains("planned test", StringComparison.Ordinal));
        Assert.Empty(_webhook.Received);
    }

    [Fact]
    public async Task Drill_WhileAFailoverAwaitsApproval_SkippedWithTheReason_WebhookAndAuditSayDrillSkipped()
    {
        _factory.Settings["RhvDr:Security:FourEyes:Failover"] = "Always";
        Start();
        await PrimaryInventoryAsync();
        await SavePlansAsync("""
              drill: {cron: "0 3 * * 6"}
            """);
        string failoverId;
        using (var failover = await _http.PostAsJsonAsync("/api/runs", new { kind = "failover", mode = "planned" }))
        {
            var started = await failover.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("awaitingApproval", started.GetProperty("status").GetString());
            failoverId = started.GetProperty("id").GetString()!;
        }
        var due = Calendar("0 3 * * 6", null).Next(_clock.GetUtcNow())!.Value;
        var reason = $"run {failoverId} failover is awaiting approval";

        _clock.SetUtcNow(due);

        var skipped = await WaitForDrillAsync(d => d.GetProperty("result").GetString() == "skipped", "the scheduled drill to be skipped");
        Assert.Equal(reason, skipped.GetProperty("reason").GetString());
        Assert.Equal(due, skipped.GetProperty("scheduledAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, skipped.GetProperty("testRunId").ValueKind);
        var hook = await _webhook.WaitForAsync(r => r.Event == "drill.skipped", "drill.skipped at the webhook");
        var drill = hook.Json.GetProperty("drill");
        Assert.Equal((Plan, "skipped", reason), (drill.GetProperty("plan").GetString(), drill.GetProperty("result").GetString(), drill.GetProperty("reason").GetString()));
        Assert.Equal("drill.skipped", hook.Headers["X-RhvDr-Event"]);

        // Asked for now by an operator, under the same rule: refused with the reason, and recorded.
        using var now = await _http.PostAsync($"/api/plans/{Plan}/drills", null);
        Assert.Equal(HttpStatusCode.Conflict, now.StatusCode);
        var problem = await now.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var page = await _http.GetFromJsonAsync<JsonElement>($"/api/plans/{Plan}/drills?limit=1");
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        var asked = page.GetProperty("drills")[0];
        Assert.Equal(("skipped", reason), (asked.GetProperty("result").GetString(), asked.GetProperty("reason").GetString()));
        Assert.NotEqual(DrillRunner.SchedulerName, asked.GetProperty("requestedBy").GetString());

        var audit = await _factory.Services.GetRequiredService<IAuditTrail>().QueryAsync(new AuditQuery(Action: AuditActions.DrillSkipped), CancellationToken.None);
        Assert.Contains(audit, a => a.Actor == DrillRunner.SchedulerName && a.Target == $"plan {Plan}" && a.Detail!.EndsWith(reason, StringComparison.Ordinal));
        Assert.Equal(2, audit.Count);
        Assert.Equal(["awaitingApproval"], (await _http.GetFromJsonAsync<JsonElement>("/api/runs")).EnumerateArray().Select(r => r.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Drill_PromptNobodyAnswers_CancelledAtThePromptTimeout_CleanedUp_DrillFailedAtTheWebhook()
    {
        _factory.Settings["RhvDr:Drills:PromptTimeout"] = "00:20:00";
        Start();
        await PrimaryInventoryAsync();
        await SavePlansAsync("""
              pre_steps:
              - kind: prompt
                name: "Application team"
                message: "Confirm the application team is watching the test."
            """);

        using var response = await _http.PostAsync($"/api/plans/{Plan}/drills", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var testId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("testRunId").GetString()!;
        var announced = await WaitForDrillAsync(d => d.GetProperty("reason").GetString()!.Contains("waits on a prompt", StringComparison.Ordinal), "the drill to see the prompt");
        var test = (await _http.GetFromJsonAsync<JsonElement>($"/api/runs/{testId}")).GetProperty("run");
        Assert.Equal("waiting", test.GetProperty("status").GetString());
        Assert.Contains($"the drill cancels it at {(_clock.GetUtcNow() + TimeSpan.FromMinutes(20)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC",
            announced.GetProperty("reason").GetString(), StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromMinutes(20));

        var done = await WaitForDrillAsync(d => d.GetProperty("result").GetString() != "running", "the drill to cancel its test and clean up");
        var reason = done.GetProperty("reason").GetString()!;
        Assert.Equal("failed", done.GetProperty("result").GetString());
        Assert.StartsWith($"test failover {testId} waited 20 minutes on a prompt nobody answered", reason, StringComparison.Ordinal);
        Assert.Contains("Confirm the application team is watching the test.", reason, StringComparison.Ordinal);
        var cleanupId = done.GetProperty("cleanupRunId").GetString()!;
        Assert.Contains($"cleanup {cleanupId} removed the test environment", reason, StringComparison.Ordinal);
        Assert.Equal("cancelled", (await _http.GetFromJsonAsync<JsonElement>($"/api/runs/{testId}")).GetProperty("run").GetProperty("status").GetString());
        var cleanup = (await _http.GetFromJsonAsync<JsonElement>($"/api/runs/{cleanupId}")).GetProperty("run");
        Assert.Equal(("cleanup", "succeeded", Plan), (cleanup.GetProperty("kind").GetString(), cleanup.GetProperty("status").GetString(), cleanup.GetProperty("plan").GetString()));

        var hook = await _webhook.WaitForAsync(r => r.Event == "drill.failed", "drill.failed at the webhook");
        var drill = hook.Json.GetProperty("drill");
        Assert.Equal((done.GetProperty("id").GetInt64(), Plan, "failed", reason),
            (drill.GetProperty("id").GetInt64(), drill.GetProperty("plan").GetString(), drill.GetProperty("result").GetString(), drill.GetProperty("reason").GetString()));
        Assert.Equal("drill.failed", hook.Headers["X-RhvDr-Event"]);
        Assert.DoesNotContain(_webhook.Received, r => r.Event == "drill.skipped");
    }

    [Fact]
    public async Task DrillNow_TestFailoversNeedApproval_SkippedNamingTheSettings()
    {
        _factory.Settings["RhvDr:Security:FourEyes:Test"] = "Always";
        Start();
        await PrimaryInventoryAsync();
        await SavePlansAsync("");

        using var response = await _http.PostAsync($"/api/plans/{Plan}/drills", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Contains("test failovers need a second operator's approval (RhvDr:Security:FourEyes:Test)", detail, StringComparison.Ordinal);
        Assert.Contains("set RhvDr:Drills:RunWithoutApproval to true", detail, StringComparison.Ordinal);
        Assert.Empty((await _http.GetFromJsonAsync<JsonElement>("/api/runs")).EnumerateArray());
    }

    [Fact]
    public async Task DrillNow_ApprovalWaivedBySetting_TestStartsAloneAndRecordsTheSettingAsItsApproval()
    {
        _factory.Settings["RhvDr:Security:FourEyes:Test"] = "Always";
        _factory.Settings["RhvDr:Drills:RunWithoutApproval"] = "true";
        Start();
        await PrimaryInventoryAsync();
        await SavePlansAsync("");

        using var response = await _http.PostAsync($"/api/plans/{Plan}/drills", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var testId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("testRunId").GetString()!;
        var test = await WaitFor.ValueAsync(() => _http.GetFromJsonAsync<JsonElement>($"/api/runs/{testId}"),
            r => r.GetProperty("run").GetProperty("status").GetString() is "succeeded" or "failed", $"test run {testId} to end", RunTimeout);
        var run = test.GetProperty("run");
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal("RhvDr:Drills:RunWithoutApproval", run.GetProperty("approvedBy").GetString());
        Assert.Contains("waived for drills", run.GetProperty("approvalReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanFile_BadDrillScheduleZoneOrCleanup_FindingsNameThePlanAndTheField()
    {
        Start();
        await PrimaryInventoryAsync();

        using var saved = await _http.PutAsync("/api/plans", Yaml(Plans("""
              drill: {cron: "0 25 * * *", time_zone: "Europe/Atlantis", cleanup_after_minutes: 20000}
            """)));
        using var unreadable = await _http.PutAsync("/api/plans", Yaml(Plans("""
              drill: {cron: "0 3 * * *", cleanup_after_minutes: "soon"}
            """)));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var body = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("isDraft").GetBoolean());
        var findings = body.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("code").GetString()!);
        Assert.Equal("plans[0].drill.cron", findings[PlanFindingCodes.DrillBadCron].GetProperty("key").GetString());
        Assert.Contains($"plan '{Plan}'", findings[PlanFindingCodes.DrillBadCron].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("plans[0].drill.time_zone", findings[PlanFindingCodes.DrillBadTimeZone].GetProperty("key").GetString());
        Assert.Contains("'Europe/Atlantis' of plan 'apps-drilled'", findings[PlanFindingCodes.DrillBadTimeZone].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("plans[0].drill.cleanup_after_minutes", findings[PlanFindingCodes.DrillBadCleanup].GetProperty("key").GetString());
        Assert.Contains($"plan '{Plan}' keeps its test environment 20000 minutes", findings[PlanFindingCodes.DrillBadCleanup].GetProperty("message").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        var refused = (await unreadable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("findings").EnumerateArray().Single();
        Assert.Equal(("value.not-a-number", "plans[0].drill.cleanup_after_minutes"), (refused.GetProperty("code").GetString(), refused.GetProperty("key").GetString()));
    }

    private void Start() => _http = _factory.CreateApiClient();

    private static DrillCalendar Calendar(string cron, string? zone) =>
        DrillCalendar.TryCreate(new DrillSchedule { Cron = cron, TimeZone = zone }, out var error) ?? throw new InvalidOperationException(error);

    private static StringContent Yaml(string yaml) => new(yaml, Encoding.UTF8, "application/yaml");

    /// <summary>A plans document with the group "apps" and the plan; <paramref name="drill"/> is the plan's indented drill line.</summary>
    private static string Plans(string drill) => $"""
        protection_groups:
        - name: "apps"
          storage_domains: [{string.Join(", ", AppsDomains.Select(d => $"\"{d}\""))}]
        plans:
        - name: "{Plan}"
          protection_groups: ["apps"]
        {drill}
        """;

    private async Task SavePlansAsync(string drill)
    {
        using var response = await _http.PutAsync("/api/plans", Yaml(Plans(drill)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.False(JsonDocument.Parse(body).RootElement.GetProperty("isDraft").GetBoolean(), body);
    }

    private async Task<JsonElement> WaitForDrillAsync(Func<JsonElement, bool> condition, string what) =>
        await WaitFor.ValueAsync(
            async () => (await _http.GetFromJsonAsync<JsonElement>($"/api/plans/{Plan}/drills")).GetProperty("drills").EnumerateArray().FirstOrDefault(),
            d => d.ValueKind == JsonValueKind.Object && condition(d), what, RunTimeout);

    private async Task<JsonElement> TestFailoverCheckAsync() =>
        (await _http.GetFromJsonAsync<JsonElement>("/api/readiness")).GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "test-failover");

    /// <summary>Both sites polled and the primary's estate read: plans are checked against it.</summary>
    private async Task PrimaryInventoryAsync()
    {
        await WaitFor.ValueAsync(() => _http.GetFromJsonAsync<JsonElement>("/api/sites"),
            s => s.GetArrayLength() == 2 && s.EnumerateArray().All(x => x.GetProperty("engine").GetProperty("reachable").GetBoolean() && x.GetProperty("vms").GetProperty("total").GetInt32() > 0),
            "both sites polled");
        var inventory = _factory.Services.GetRequiredService<IInventoryStore>();
        await WaitFor.ConditionAsync(() => inventory.Current.Find("primary")?.Inventory.Vms.Count > 0, "the primary site's inventory");
    }
}
