using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using RhvDr.Console.Model;
using RhvDr.Console.Security;
using RhvDr.Core.Security;
using RhvDr.Core.Mapping;

namespace RhvDr.Console.Components.Pages;

/// <summary>The DR mapping editor: state in <see cref="MappingEditorViewModel"/>, engine reads and saves through <see cref="MappingService"/>.</summary>
public partial class MappingPage : IDisposable
{
    private readonly MappingEditorViewModel _viewModel = new();
    private readonly CancellationTokenSource _stopping = new();
    private IReadOnlyList<MappingVersionInfo> _versions = [];
    private bool _busy;
    private bool _showVersions;
    private string? _comment;
    private string? _error;
    private int _tab;
    private bool _interactive;
    private bool _isAdmin;
    private MappingRemovalRefusedException? _refusal;
    private Func<MappingRemovalConfirmation, CancellationToken, Task>? _confirmedRetry;
    private bool _confirmVisible;

    [Inject]
    public required MappingService Mappings { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required CurrentActor Actor { get; init; }

    /// <summary>The view model, for tests.</summary>
    public MappingEditorViewModel ViewModel => _viewModel;

    private string VersionText => _viewModel.Version is { } v
        ? $"Version {v.Version}, saved {v.SavedAt.ToLocalTime():yyyy-MM-dd HH:mm} by {v.SavedBy}{(v.Comment is null ? "" : $" ({v.Comment})")}"
        : "No mapping saved yet";

    protected override Task OnInitializedAsync() => RunAsync(async ct =>
    {
        _isAdmin = await Actor.HasAsync(Role.Administrator);
        var currentTask = Mappings.GetCurrentAsync(ct);
        var inventoriesTask = Mappings.ReadInventoriesAsync(ct);
        if (await currentTask is { } current)
        {
            _viewModel.Load(current);
        }

        var (primary, recovery, checks) = await inventoriesTask;
        _viewModel.SetInventories(primary, recovery, checks);
    }, "Could not load the mapping");

    /// <summary>True once the page runs in the live circuit (not the prerendered HTML) and has loaded: actions work from then on.</summary>
    private bool Ready => _interactive && !_busy;

    protected override void OnAfterRender(bool firstRender)
    {
        // Prerendering never calls this; the interactive circuit does, once the buttons are wired.
        if (firstRender)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    private Task ImportAsync(IBrowserFile? file) => file is null ? Task.CompletedTask : RunAsync(async ct =>
    {
        // A mapping file is small: the same limit as PUT /api/mapping (RhvDr:Limits:MappingMaxBytes).
        var limits = Mappings.Limits;
        if (file.Size > limits.MappingMaxBytes)
        {
            _error = $"{file.Name} is {file.Size} bytes; a mapping file may be at most {limits.MappingMaxBytes} bytes ({RhvDr.Core.Configuration.LimitsOptions.Setting(nameof(limits.MappingMaxBytes))}). Nothing was imported.";
            return;
        }

        using var reader = new StreamReader(file.OpenReadStream(limits.MappingMaxBytes, ct));
        var text = await reader.ReadToEndAsync(ct);
        if (_viewModel.Import(text, limits))
        {
            _comment ??= $"imported {file.Name}";
            Snackbar.Add($"Imported {file.Name}: {_viewModel.Errors} errors, {_viewModel.Warnings} warnings. Review, then Save.", _viewModel.Errors > 0 ? Severity.Warning : Severity.Success);
        }
        else
        {
            Snackbar.Add($"{file.Name} is not a mapping file; nothing was imported. See the findings.", Severity.Error);
        }
    }, "Could not read the file");

    private Task GenerateAsync() => RunAsync(async ct =>
    {
        _viewModel.UseGenerated(await Mappings.GenerateAsync(ct));
        _comment ??= "generated from the live estate";
        Snackbar.Add("Generated from the live estate. Review the assumptions, then Save.", Severity.Info);
    }, "Could not generate the mapping");

    private Task ValidateAsync() => RunAsync(async ct =>
    {
        var check = await Mappings.ValidateAsync(_viewModel.Mapping, _viewModel.Source, ct);
        _viewModel.SetInventories(check.Primary, check.Secondary, check.EngineChecks);
        _viewModel.SetFindings(check.Findings);
        Snackbar.Add($"Validated against both sites: {_viewModel.Errors} errors, {_viewModel.Warnings} warnings.", _viewModel.Errors > 0 ? Severity.Warning : Severity.Success);
    }, "Could not validate the mapping");

    private Task SaveAsync() => RunAsync(ct => SaveConfirmedAsync(MappingRemovalConfirmation.None, ct), "Could not save the mapping");

    private async Task SaveConfirmedAsync(MappingRemovalConfirmation confirm, CancellationToken ct)
    {
        MappingSaveResult result;
        try
        {
            result = await Mappings.SaveAsync(_viewModel.Mapping, await Actor.GetAsync(), _comment, _viewModel.ImportFindings, _viewModel.Source, confirm, ct);
        }
        catch (MappingRemovalRefusedException ex)
        {
            AskToConfirm(ex, SaveConfirmedAsync);
            return;
        }

        _viewModel.Saved(result.Stored!, result.Findings);
        _comment = null;
        var info = result.Stored!.Info;
        Snackbar.Add(info.IsDraft
            ? $"Saved version {info.Version} as a draft ({info.Errors} errors): it cannot be used for a run until they are fixed."
            : $"Saved version {info.Version}: {info.Summary}.", info.IsDraft ? Severity.Warning : Severity.Success);
        if (_showVersions)
        {
            _versions = await Mappings.GetVersionsAsync(ct);
        }
    }

    private Task ToggleVersionsAsync() => RunAsync(async ct =>
    {
        _showVersions = !_showVersions;
        if (_showVersions)
        {
            _versions = await Mappings.GetVersionsAsync(ct);
        }
    }, "Could not read the versions");

    private Task RollbackAsync(int version) => RunAsync(ct => RollbackConfirmedAsync(version, MappingRemovalConfirmation.None, ct), $"Could not roll back to v{version}");

    private async Task RollbackConfirmedAsync(int version, MappingRemovalConfirmation confirm, CancellationToken ct)
    {
        MappingSaveResult result;
        try
        {
            result = await Mappings.RollbackAsync(version, await Actor.GetAsync(), confirm, ct);
        }
        catch (MappingRemovalRefusedException ex)
        {
            AskToConfirm(ex, (c, t) => RollbackConfirmedAsync(version, c, t));
            return;
        }

        _viewModel.Load(result.Stored! with { Findings = result.Findings });
        _versions = await Mappings.GetVersionsAsync(ct);
        Snackbar.Add($"Rolled back: version {result.Stored!.Info.Version} has the mapping of v{version}.", Severity.Success);
    }

    /// <summary>Nothing was saved: the refusal is shown, and the dialog lists what would go and offers to save anyway.</summary>
    private void AskToConfirm(MappingRemovalRefusedException refusal, Func<MappingRemovalConfirmation, CancellationToken, Task> retry)
    {
        _refusal = refusal;
        _confirmedRetry = retry;
        _confirmVisible = true;
    }

    private void KeepProtection()
    {
        _confirmVisible = false;
        _confirmedRetry = null;
    }

    /// <summary>Saves again, confirming exactly what the dialog listed (or everything, for a mapping with no storage domain).</summary>
    private Task ConfirmRemovalAsync()
    {
        var refusal = _refusal;
        var retry = _confirmedRetry;
        _confirmVisible = false;
        _confirmedRetry = null;
        if (refusal is null || retry is null)
        {
            return Task.CompletedTask;
        }

        _refusal = null;
        var confirm = refusal.NoStorage ? MappingRemovalConfirmation.Everything : MappingRemovalConfirmation.Of(refusal.Removed);
        return RunAsync(ct => retry(confirm, ct), "Could not save the mapping");
    }

    // One action at a time; failures are said in words, the details go to the log through the service.
    private async Task RunAsync(Func<CancellationToken, Task> action, string failed)
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        _error = null;
        _refusal = null;
        try
        {
            await action(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is MappingUnavailableException or RhvDr.Core.Ovirt.EngineException or IOException or InvalidDataException or AccessDeniedException)
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
