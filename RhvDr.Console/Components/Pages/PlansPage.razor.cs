using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;
using RhvDr.Console.Model;
using RhvDr.Console.Security;
using RhvDr.Core.Configuration;
using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Plans;
using RhvDr.Core.Security;

namespace RhvDr.Console.Components.Pages;

/// <summary>
/// The recovery plans: the list with status, and an editor per plan (groups, VMs by priority group, steps) validated as it is
/// edited; saving makes a new version through <see cref="PlanService"/>, as the API does. Everyone signed in reads; changing
/// needs the Administrator role, the rule the service enforces.
/// </summary>
public partial class PlansPage : IDisposable
{
    private readonly PlanEditorViewModel _vm = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, int> _versions = new(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyList<PlanHistoryEntry>? _history;
    private IReadOnlyList<MappingFinding> _refused = [];
    private string? _selected;
    private string? _selectedVm;
    private string? _comment;
    private string? _newPlan;
    private string? _error;
    private bool _busy;
    private bool _interactive;
    private bool _canEdit;

    [Inject]
    public required PlanService Plans { get; init; }

    [Inject]
    public required IMappingStore Mappings { get; init; }

    [Inject]
    public required IInventoryStore Inventory { get; init; }

    [Inject]
    public required IOptions<RhvDrOptions> Options { get; init; }

    [Inject]
    public required CurrentActor Actor { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    /// <summary>The plan to open first (<c>/plans?plan=NAME</c>).</summary>
    [SupplyParameterFromQuery(Name = "plan")]
    public string? PlanQuery { get; set; }

    /// <summary>The view model, for tests.</summary>
    public PlanEditorViewModel ViewModel => _vm;

    private string VersionText => _vm.Current is { } current
        ? $"Version {current.Info.Version}, saved {current.Info.SavedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} by {current.Info.SavedBy}{(current.Info.Comment is null ? "" : $" ({current.Info.Comment})")}"
        : "No plans saved yet";

    protected override Task OnInitializedAsync() => RunAsync(async ct =>
    {
        _canEdit = await Actor.HasAsync(Role.Administrator);
        var current = await Plans.GetCurrentAsync(ct);
        var active = current is null || !current.Info.IsDraft ? current : await Plans.GetActiveAsync(ct);
        _vm.Load(current, active, await PlanContext.ActiveMappingAsync(Mappings, ct), PlanContext.PrimaryEstate(Options.Value, Inventory));
        await ReadVersionsAsync(ct);
        Select(PlanQuery is { } wanted && _vm.Plan(wanted) is { } plan ? plan.Name : _vm.Document.Plans.FirstOrDefault()?.Name);
    }, "Could not load the plans");

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    private string RowClass(RecoveryPlanDefinition plan, int index) =>
        string.Equals(plan.Name, _selected, StringComparison.OrdinalIgnoreCase) ? "plans-row plans-row-selected" : "plans-row";

    private void Select(string? name)
    {
        if (!string.Equals(name, _selected, StringComparison.OrdinalIgnoreCase))
        {
            _selected = name;
            _selectedVm = null;
            _history = null;
        }
    }

    /// <summary>The version that last added or changed the plan; empty for a plan not saved yet.</summary>
    private string VersionOf(string plan) => _versions.TryGetValue(plan, out var v) ? $"v{v}" : "unsaved";

    private async Task ReadVersionsAsync(CancellationToken ct)
    {
        _versions.Clear();
        foreach (var plan in _vm.Current?.Document.Plans ?? [])
        {
            if ((await Plans.GetHistoryAsync(plan.Name, ct)).FirstOrDefault() is { } last)
            {
                _versions[plan.Name] = last.Version;
            }
        }
    }

    private void AddPlan()
    {
        var name = _newPlan?.Trim() ?? string.Empty;
        if (_vm.AddPlan(name))
        {
            _newPlan = null;
            Select(name);
        }
        else
        {
            Snackbar.Add(name.Length == 0 ? "Give the plan a name (letters, digits, . - _)." : $"There is a plan called '{name}' already.", Severity.Warning);
        }
    }

    private void RemovePlan()
    {
        if (_selected is { } name)
        {
            _vm.RemovePlan(name);
            Select(_vm.Document.Plans.FirstOrDefault()?.Name);
        }
    }

    private Task ToggleHistoryAsync() => RunAsync(async ct =>
    {
        _history = _history is null && _selected is { } name ? await Plans.GetHistoryAsync(name, ct) : null;
    }, "Could not read the history");

    private Task SaveAsync() => RunAsync(async ct =>
    {
        var result = await Plans.SaveAsync(_vm.Document, await Actor.GetAsync(), _comment, cancellationToken: ct);
        await ShowSavedAsync(result, ct);
    }, "Could not save the plans");

    private Task ImportAsync(IBrowserFile? file) => file is null ? Task.CompletedTask : RunAsync(async ct =>
    {
        var limits = Plans.Limits;
        if (file.Size > limits.MappingMaxBytes)
        {
            _error = $"{file.Name} is {file.Size} bytes; a plans file may be at most {limits.MappingMaxBytes} bytes ({LimitsOptions.Setting(nameof(limits.MappingMaxBytes))}). Nothing was imported.";
            return;
        }

        using var reader = new StreamReader(file.OpenReadStream(limits.MappingMaxBytes, ct));
        var text = await reader.ReadToEndAsync(ct);
        var result = await Plans.ImportAndSaveAsync(text, await Actor.GetAsync(), _comment ?? $"imported {file.Name}", ct);
        if (!result.Saved)
        {
            _refused = result.Findings;
            return;
        }

        await ShowSavedAsync(result, ct);
    }, "Could not import the file");

    private async Task ShowSavedAsync(PlanSaveResult result, CancellationToken ct)
    {
        var stored = result.Stored!;
        var active = stored.Info.IsDraft ? await Plans.GetActiveAsync(ct) : stored;
        _vm.Saved(stored, active);
        _comment = null;
        await ReadVersionsAsync(ct);
        if (_selected is null || _vm.Plan(_selected) is null)
        {
            Select(_vm.Document.Plans.FirstOrDefault()?.Name);
        }

        if (_history is not null && _selected is { } name)
        {
            _history = await Plans.GetHistoryAsync(name, ct);
        }

        var info = stored.Info;
        Snackbar.Add(info.IsDraft
            ? $"Saved version {info.Version} as a draft ({info.Errors} errors): runs keep using the active version until they are fixed."
            : $"Saved version {info.Version}: {info.Summary}.", info.IsDraft ? Severity.Warning : Severity.Success);
    }

    private async Task RunAsync(Func<CancellationToken, Task> action, string failed)
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        _error = null;
        _refused = [];
        try
        {
            await action(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is AccessDeniedException or IOException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            _error = $"{failed}: {ex.Message}";
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
