using Microsoft.AspNetCore.Components;
using MudBlazor;
using RhvDr.Console.Components.Controls;
using RhvDr.Console.Security;
using RhvDr.Core.Audit;
using RhvDr.Core.Security;
using RhvDr.Core.Sites;
using RhvDr.Lab.Control;

namespace RhvDr.Console.Components.Pages;

public partial class LabPage
{
    private static readonly TimeSpan StatusRefresh = TimeSpan.FromSeconds(3);

    private ILabControl? _lab;
    private LabStatus? _status;
    private string? _statusError;
    private bool _busy;
    private string? _hostKey;
    private double _errorRate;
    private int _latencyMs;

    [Inject]
    public required IServiceProvider Services { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    /// <summary>Sites from the lab; before its first answer, the configured sites, shown as up.</summary>
    private IEnumerable<LabSiteStatus> LabSites => _status?.Sites
        ?? Snapshot.Sites.Select(s => new LabSiteStatus(s.Site.Name, string.Empty, true, string.Empty, 0, 0, 0, 0));

    private IEnumerable<(string Key, string Label)> HostChoices => Snapshot.Sites
        .SelectMany(s => s.Inventory.Hosts
            .OrderBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .Select(h => (Key: $"{s.Site.Name}/{h.Name}", Label: $"{SiteName.Of(s.Site)}: {h.Name} ({h.Status})")));

    [Inject]
    public required CurrentActor Actor { get; init; }

    [Inject]
    public required IAuditTrail Audit { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _lab = Services.GetService(typeof(ILabControl)) as ILabControl;
        if (_lab is null)
        {
            return;
        }
        await RefreshStatusAsync();
        if (_status is { } status)
        {
            _errorRate = status.Faults.ErrorRate;
            _latencyMs = status.Faults.LatencyMs;
        }
        ComponentLoop.Start(PollStatusAsync, ComponentStopping, DispatchExceptionAsync);
    }

    private Task TakeSiteDownAsync(string site) =>
        RunAsync(ct => _lab!.SetSiteDownAsync(site, ct), $"Site {site} is down.", $"Could not take site {site} down");

    private Task BringSiteUpAsync(string site) =>
        RunAsync(ct => _lab!.SetSiteUpAsync(site, ct), $"Site {site} is coming back up.", $"Could not bring site {site} up");

    private Task SetHostAsync(bool down)
    {
        if (_hostKey?.Split('/', 2) is not [var site, var host])
        {
            return Task.CompletedTask;
        }
        return down
            ? RunAsync(ct => _lab!.SetHostDownAsync(site, host, true, ct), $"Host {host} at {site} stopped answering.", $"Could not fail host {host} at {site}")
            : RunAsync(ct => _lab!.SetHostDownAsync(site, host, false, ct), $"Host {host} at {site} is recovering.", $"Could not recover host {host} at {site}");
    }

    private Task ApplyFaultsAsync()
    {
        // Keeps the VMs set to fail their start (set through the control API): this panel edits only the rate and latency.
        var faults = (_status?.Faults ?? LabFaults.None) with { ErrorRate = _errorRate, LatencyMs = _latencyMs };
        return RunAsync(ct => _lab!.SetFaultsAsync(faults, ct),
            $"Faults applied: {faults.ErrorRate:P0} errors, {faults.LatencyMs} ms latency.", "Could not apply the faults");
    }

    private Task ClearFaultsAsync()
    {
        _errorRate = 0;
        _latencyMs = 0;
        return RunAsync(ct => _lab!.SetFaultsAsync(LabFaults.None, ct), "Faults cleared.", "Could not clear the faults");
    }

    // One action at a time; the outcome goes to a snackbar in words, then the status is read again.
    private async Task RunAsync(Func<CancellationToken, Task> action, string done, string failed)
    {
        if (_lab is null || _busy)
        {
            return;
        }
        _busy = true;
        try
        {
            var by = await Actor.GetAsync();
            by.Require(Role.Operator, "stage faults in the lab");
            await action(ComponentStopping);
            // A staged site loss looks like a real one on every screen: the audit trail says it was a drill, and who ran it.
            await Audit.AppendAsync(new AuditEntry(by.Name, by.Source, AuditActions.LabControl, "lab", AuditOutcomes.Ok, Detail: done), ComponentStopping);
            Snackbar.Add(done, Severity.Success);
        }
        catch (OperationCanceledException) when (ComponentStopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            Snackbar.Add($"{failed}: {ex.Message}", Severity.Error);
        }
        finally
        {
            _busy = false;
        }
        await RefreshStatusAsync();
    }

    private async Task RefreshStatusAsync()
    {
        if (_lab is null)
        {
            return;
        }
        try
        {
            _status = await _lab.GetStatusAsync(ComponentStopping);
            _statusError = null;
        }
        catch (OperationCanceledException) when (ComponentStopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _statusError = $"The lab did not answer: {ex.Message}. The status shown may be out of date.";
        }
    }

    private async Task PollStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(StatusRefresh);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(async () =>
                {
                    await RefreshStatusAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }
}
