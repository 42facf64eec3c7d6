using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using MudBlazor;
using RhvDr.Console.Model;
using RhvDr.Console.Security;
using RhvDr.Core.Configuration;
using RhvDr.Core.Drills;
using RhvDr.Core.Mapping;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Plans;
using RhvDr.Core.Security;

namespace RhvDr.Console.Components.Pages;

/// <summary>
/// The recovery plans: the list with status, and an editor per plan (groups, VMs by priority group, steps) validated as it is
/// edited; saving makes a new version through <see cref="PlanService"/>, as the API does. Everyone signed in reads; changing
/// needs the Administrator role, the rule the service enforces. The chosen plan's drills are listed from the drill records
/// (the source of <c>GET /api/plans/{name}/drills</c>), newest first.
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
    private string? _renaming;
    private IReadOnlyList<DrillRecord>? _drills;
    private string? _drillsOf;
    private int _drillTotal;
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

    [Inject]
    public required IDrillStore Drills { get; init; }

    [Inject]
    public required DrillClock DrillClock { get; init; }

    [Inject]
    public required IOptions<DrillOptions> DrillOptions { get; init; }

    /// <summary>How many of a plan's drills the page lists, newest first.</summary>
    public const int DrillsShown = 20;

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
        Choose(PlanQuery is { } wanted && _vm.Plan(wanted) is { } plan ? plan.Name : _vm.Document.Plans.FirstOrDefault()?.Name);
        await ReadDrillsAsync(ct);
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

    private void Choose(string? name)
    {
        if (!string.Equals(name, _selected, StringComparison.OrdinalIgnoreCase))
        {
            _selected = name;
            _selectedVm = null;
            _history = null;
            _renaming = null;
        }
    }

    /// <summary>Chooses a plan and reads its drills.</summary>
    private Task SelectAsync(string? name)
    {
        Choose(name);
        return LoadDrillsAsync();
    }

    private async Task LoadDrillsAsync()
    {
        try
        {
            await ReadDrillsAsync(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            _error = $"Could not read the drills: {ex.Message}";
        }
    }

    /// <summary>The chosen plan's newest drills, once per plan name (a rename lists the new name's drills).</summary>
    private async Task ReadDrillsAsync(CancellationToken ct)
    {
        if (_selected is not { } name)
        {
            _drills = null;
            _drillsOf = null;
            return;
        }

        if (string.Equals(name, _drillsOf, StringComparison.Ordinal) && _drills is not null)
        {
            return;
        }

        _drillTotal = await Drills.CountAsync(name, ct);
        _drills = _drillTotal == 0 ? [] : await Drills.ListAsync(name, DrillsShown, 0, ct);
        _drillsOf = name;
    }

    /// <summary>
    /// When the scheduler drills the plan next: from the schedule of the active version, which is the one it follows; a schedule
    /// edited or saved in a draft is named as not in force yet.
    /// </summary>
    private string NextDrillText(RecoveryPlanDefinition plan)
    {
        var active = _vm.Active?.Document.FindPlan(plan.Name)?.Drill;
        var pending = plan.Drill != active ? " The schedule as edited here applies once the plans are saved without errors." : "";
        if (active is null)
        {
            return $"No drill is scheduled in the active version.{pending}";
        }

        if (DrillCalendar.TryCreate(active, out var error) is not { } calendar)
        {
            return $"The active drill schedule cannot be used: {error}.{pending}";
        }

        var next = calendar.Next(DrillClock.Now);
        var zone = active.TimeZone ?? "UTC";
        if (!DrillOptions.Value.Enabled)
        {
            return $"Scheduled drills are switched off on this console (RhvDr:Drills:Enabled is false): the schedule '{active.Cron}' ({zone}) does not run; a drill asked for with POST /api/plans/{plan.Name}/drills still does.{pending}";
        }

        return next is { } at
            ? $"Next drill {Utc(at)} (schedule '{active.Cron}', {zone}); a successful drill keeps its test environment {(int)active.CleanupAfter.TotalMinutes} min.{pending}"
            : $"The schedule '{active.Cron}' ({zone}) has no further occurrence.{pending}";
    }

    private static string Utc(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string ResultText(DrillResult result) => result switch
    {
        DrillResult.Succeeded => "succeeded",
        DrillResult.Failed => "failed",
        DrillResult.Skipped => "skipped",
        _ => "running",
    };

    private static Color ResultColor(DrillResult result) => result switch
    {
        DrillResult.Succeeded => Color.Success,
        DrillResult.Failed => Color.Error,
        DrillResult.Skipped => Color.Warning,
        _ => Color.Info,
    };

    private static string VmsText(DrillRecord drill) => drill.VmsVerified is null && drill.VmsFailed is null
        ? ""
        : $"{drill.VmsVerified ?? 0} verified{(drill.VmsFailed is > 0 ? $", {drill.VmsFailed} failed" : "")}";

    /// <summary>The first finding at a field of the chosen plan, in words, for the field's error text; null when there is none.</summary>
    private string? ErrorOf(string key) => _vm.FindingsAt(key).FirstOrDefault() is { } f ? $"{f.Message} {f.Fix}" : null;

    private static bool SameName(string? name, string current) => string.Equals(name?.Trim(), current, StringComparison.Ordinal);

    /// <summary>Renames the chosen plan in the working copy; the name's findings are shown at the field until it may be used.</summary>
    private Task RenameAsync(string plan)
    {
        if (_renaming is not { } name || !_vm.RenamePlan(plan, name))
        {
            return Task.CompletedTask;
        }

        var renamed = name.Trim();
        var vm = _selectedVm;
        _renaming = null;
        _selected = renamed;
        _selectedVm = vm;
        _history = null;
        Snackbar.Add($"Plan '{plan}' is now '{renamed}' in the working copy; save to make it a version. Runs and drills of '{plan}' keep the old name.", Severity.Info);
        return LoadDrillsAsync();
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

    private async Task AddPlan()
    {
        var name = _newPlan?.Trim() ?? string.Empty;
        if (_vm.AddPlan(name))
        {
            _newPlan = null;
            await SelectAsync(name);
        }
        else
        {
            Snackbar.Add(name.Length == 0 ? "Give the plan a name (letters, digits, . - _)." : $"There is a plan called '{name}' already.", Severity.Warning);
        }
    }

    private async Task RemovePlan()
    {
        if (_selected is { } name)
        {
            _vm.RemovePlan(name);
            await SelectAsync(_vm.Document.Plans.FirstOrDefault()?.Name);
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
            Choose(_vm.Document.Plans.FirstOrDefault()?.Name);
        }

        await ReadDrillsAsync(ct);

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
