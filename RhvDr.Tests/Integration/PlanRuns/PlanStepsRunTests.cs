using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RhvDr.Core.Monitoring;
using RhvDr.Tests.Integration;
using RhvDr.Tests.Plans;
using RhvDr.Tests.Support;

namespace RhvDr.Tests.PlanRuns;

/// <summary>
/// A recovery plan's pre- and post-steps in runs on the running console with the embedded lab, over real HTTP: commands see
/// the run's environment and fail the run with their stderr, HTTP steps call a real endpoint, prompts hold the run.
/// </summary>
public sealed class PlanStepsRunTests : IAsyncLifetime
{
    private readonly PlanRunConsole _console = new(vmsPerSite: 40);
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), $"rhvdr-steps-{Guid.NewGuid():N}");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_scratch);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _console.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task PlanTest_CommandSteps_SeeTheRunEnvironment_AFailingGroupPostStepFailsTheRunWithItsStderr()
    {
        await _console.PrimaryInventoryAsync();
        var seen = Path.Combine(_scratch, "seen.txt");
        await _console.SavePlansAsync(PlanRunConsole.AppsPlans("apps-steps", $"""
              pre_steps:
              - kind: command
                name: "Record the run"
                command: 'echo "$RHVDR_RUN_ID $RHVDR_PLAN $RHVDR_RUN_KIND" > {seen}'
              priority_groups:
              - priority: 3
                post_steps:
                - kind: command
                  name: "Check the apps"
                  command: 'echo checking; echo "apps do not answer on 8080" >&2; exit 4'
                  timeout_seconds: 30
            """));

        var run = await _console.RunToEndAsync(new { kind = "test", mode = "planned", plan = "apps-steps" });

        var id = run.GetProperty("run").GetProperty("id").GetString()!;
        Assert.Equal($"{id} apps-steps test", (await File.ReadAllTextAsync(seen)).Trim());
        Assert.Equal("failed", run.GetProperty("run").GetProperty("status").GetString());
        var error = run.GetProperty("run").GetProperty("error").GetString()!;
        Assert.Contains("Step 'Check the apps' failed: its command exited with code 4: apps do not answer on 8080", error, StringComparison.Ordinal);
        var log = Log(run);
        Assert.Contains(log, l => l.Level == "warning" && l.Message == "Check the apps: apps do not answer on 8080");
        Assert.Contains(log, l => l.Level == "info" && l.Message == "Check the apps: checking");
        var steps = Steps(run);
        Assert.Equal("succeeded", steps["plan-pre-1"].GetProperty("status").GetString());
        Assert.Equal("failed", steps["group-3-post-1"].GetProperty("status").GetString());
        Assert.StartsWith("After priority group 3: Check the apps (command)", steps["group-3-post-1"].GetProperty("title").GetString(), StringComparison.Ordinal);

        // The group's post-step ran once its VMs had settled: every VM the run started is up (or failed) by then.
        var started = run.GetProperty("vms").EnumerateArray().Where(v => v.GetProperty("started").GetBoolean()).ToList();
        Assert.NotEmpty(started);
        Assert.All(started, v => Assert.True(v.GetProperty("up").GetBoolean() || v.GetProperty("failed").GetBoolean()));

        // Fixed in the plan, the run resumes: the failed step runs again, the one that succeeded does not.
        File.Delete(seen);
        await _console.SavePlansAsync(PlanRunConsole.AppsPlans("apps-steps", $"""
              pre_steps:
              - kind: command
                name: "Record the run"
                command: 'echo "$RHVDR_RUN_ID $RHVDR_PLAN $RHVDR_RUN_KIND" > {seen}'
              priority_groups:
              - priority: 3
                post_steps:
                - kind: command
                  name: "Check the apps"
                  command: 'echo "apps answer"'
            """));
        using (var resume = await _console.Http.PostAsync($"/api/runs/{id}/resume", null))
        {
            Assert.True(resume.IsSuccessStatusCode, await resume.Content.ReadAsStringAsync());
        }

        var resumed = await WaitFor.ValueAsync(() => _console.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
            r => r.GetProperty("run").GetProperty("status").GetString() is "succeeded" or "failed", $"run {id} to end again", PlanRunConsole.RunTimeout);
        Assert.True(resumed.GetProperty("run").GetProperty("status").GetString() == "succeeded", resumed.GetProperty("run").GetProperty("error").ToString());
        Assert.Equal("succeeded", Steps(resumed)["group-3-post-1"].GetProperty("status").GetString());
        Assert.Contains(Log(resumed), l => l.Message == "Check the apps: apps answer");
        Assert.False(File.Exists(seen), "the plan's pre-step, done before, ran again on resume");
    }

    [Fact]
    public async Task PlanTest_HttpSteps_CallTheEndpointWithTheRun_A500FailsTheRunNamingTheStatus()
    {
        await _console.PrimaryInventoryAsync();
        await using var hook = await Hook.StartAsync();
        await _console.SavePlansAsync(PlanRunConsole.AppsPlans("apps-http", $"""
              pre_steps:
              - kind: http
                name: "Console health"
                url: "{new Uri(_console.Factory.BaseAddress, "healthz")}"
                timeout_seconds: 10
              post_steps:
              - kind: http
                name: "Close the change"
                method: "POST"
                url: "{hook.Url}close"
                timeout_seconds: 10
            """));

        var run = await _console.RunToEndAsync(new { kind = "test", mode = "planned", plan = "apps-http" });

        var id = run.GetProperty("run").GetProperty("id").GetString()!;
        Assert.Equal("failed", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Contains($"Step 'Close the change' failed: POST {hook.Url}close answered 500 Internal Server Error: the change desk is down",
            run.GetProperty("run").GetProperty("error").GetString(), StringComparison.Ordinal);
        var steps = Steps(run);
        Assert.Equal("succeeded", steps["plan-pre-1"].GetProperty("status").GetString());
        Assert.Contains("answered 200", steps["plan-pre-1"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("succeeded", steps["start-vms"].GetProperty("status").GetString());
        Assert.Equal("failed", steps["plan-post-1"].GetProperty("status").GetString());

        using var body = JsonDocument.Parse(Assert.Single(hook.Bodies));
        Assert.Equal(id, body.RootElement.GetProperty("runId").GetString());
        Assert.Equal("test", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal("apps-http", body.RootElement.GetProperty("plan").GetString());
        Assert.NotEmpty(body.RootElement.GetProperty("vms").EnumerateArray());
    }

    [Fact]
    public async Task PlanTest_PromptPreStep_HoldsTheRunBeforeAnyVmStarts_UntilAnOperatorConfirms()
    {
        await _console.PrimaryInventoryAsync();
        await _console.SavePlansAsync(PlanRunConsole.AppsPlans("apps-prompt", """
              pre_steps:
              - kind: prompt
                name: "App owners"
                message: "Confirm the application owners are on the bridge."
            """));

        using var response = await _console.Http.PostAsJsonAsync("/api/runs", new { kind = "test", mode = "planned", plan = "apps-prompt" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var waiting = await WaitFor.ValueAsync(() => _console.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
            r => r.GetProperty("run").GetProperty("status").GetString() is "waiting" or "failed" or "succeeded", $"run {id} to wait", PlanRunConsole.RunTimeout);

        Assert.Equal("waiting", waiting.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal("Plan 'apps-prompt': Confirm the application owners are on the bridge.", waiting.GetProperty("run").GetProperty("prompt").GetString());
        Assert.Equal("running", Steps(waiting)["plan-pre-1"].GetProperty("status").GetString());
        Assert.Equal("pending", Steps(waiting)["import-domains"].GetProperty("status").GetString());
        Assert.DoesNotContain(waiting.GetProperty("vms").EnumerateArray(), v => v.GetProperty("started").GetBoolean());

        using (var confirm = await _console.Http.PostAsync($"/api/runs/{id}/confirm", null))
        {
            Assert.True(confirm.IsSuccessStatusCode, await confirm.Content.ReadAsStringAsync());
        }

        var run = await WaitFor.ValueAsync(() => _console.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}"),
            r => r.GetProperty("run").GetProperty("status").GetString() is "succeeded" or "failed", $"run {id} to end", PlanRunConsole.RunTimeout);
        Assert.True(run.GetProperty("run").GetProperty("status").GetString() == "succeeded", run.GetProperty("run").GetProperty("error").ToString());
        Assert.Equal("confirmed by an operator", Steps(run)["plan-pre-1"].GetProperty("detail").GetString());
    }

    private static Dictionary<string, JsonElement> Steps(JsonElement run) =>
        run.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.Clone());

    private static List<(string Level, string Message)> Log(JsonElement run) =>
        [.. run.GetProperty("log").EnumerateArray().Select(l => (l.GetProperty("level").GetString()!, l.GetProperty("message").GetString()!))];

    /// <summary>A change desk on a loopback port that answers every POST with 500 and keeps the bodies.</summary>
    private sealed class Hook : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Hook(WebApplication app, Uri url)
        {
            _app = app;
            Url = url;
        }

        public Uri Url { get; }

        public List<string> Bodies { get; } = [];

        public static async Task<Hook> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            Hook? hook = null;
            app.MapPost("/close", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                lock (hook!.Bodies)
                {
                    hook.Bodies.Add(body);
                }

                return Results.Text("the change desk is down", statusCode: 500);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            hook = new Hook(app, new Uri(address.TrimEnd('/') + "/"));
            return hook;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
