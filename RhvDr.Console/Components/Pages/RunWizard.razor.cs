using Microsoft.Extensions.Options;
using RhvDr.Core.Configuration;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RhvDr.Console.Model;
using RhvDr.Core.Monitoring;
using RhvDr.Console.Security;
using RhvDr.Core.Mapping;
using RhvDr.Core.Plans;
using RhvDr.Core.Recovery;
using RhvDr.Core.Security;

namespace RhvDr.Console.Components.Pages;

/// <summary>
/// The run wizard: operation and mode, preflight (mapping and readiness, overridable with a reason), plan review, confirm.
/// State and rules live in <see cref="RunWizardViewModel"/>; starting goes through <see cref="IRecoveryRunner"/> like the API.
/// </summary>
public partial class RunWizard : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private RunWizardViewModel? _vm;
    private bool _loading;

    // The active plans version with its VMs by priority group; empty until read, and when no plan is saved.
    private readonly PlanEditorViewModel _plans = new();

    [Inject]
    public required IRecoveryRunner Runner { get; init; }

    [Inject]
    public required CurrentActor Actor { get; init; }

    [Inject]
    public required IRunPreviewer Previewer { get; init; }

    [Inject]
    public required IOptions<RhvDrOptions> Options { get; init; }

    [Inject]
    public required IInventoryStore Inventory { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required PlanService Plans { get; init; }

    [Inject]
    public required IMappingStore Mappings { get; init; }

    [SupplyParameterFromQuery(Name = "kind")]
    public string? KindQuery { get; set; }

    [SupplyParameterFromQuery(Name = "mode")]
    public string? ModeQuery { get; set; }

    [SupplyParameterFromQuery(Name = "source")]
    public string? SourceQuery { get; set; }

    /// <summary>A recovery plan to choose (<c>/runs/new?plan=NAME</c>).</summary>
    [SupplyParameterFromQuery(Name = "plan")]
    public string? PlanQuery { get; set; }

    private string? _planError;

    public static string KindText(RunKind kind) => kind switch
    {
        RunKind.Failover => "Failover: recover the primary's VMs at the recovery site",
        RunKind.Failback => "Failback: return from the recovery site to the primary",
        RunKind.Test => "Test failover: start copies at the recovery site, isolated; production keeps running",
        RunKind.Evacuate => "Evacuate: live-migrate the primary site's VMs to the other site and put its hosts in maintenance",
        RunKind.Return => "Return: bring the evacuated site's hosts back and migrate its VMs home",
        _ => "Cleanup: remove the last test failover's copies",
    };

    protected override async Task OnInitializedAsync()
    {
        _vm = new RunWizardViewModel([.. Inventory.Current.Sites.Select(s => s.Site)], RunKinds.For(Options.Value.Topology));
        _vm.ApplyQuery(KindQuery, ModeQuery, SourceQuery);
        try
        {
            // Only the active version drives runs, so only its plans are offered.
            var active = await Plans.GetActiveAsync(_stopping.Token);
            _plans.Load(active, active, await PlanContext.ActiveMappingAsync(Mappings, _stopping.Token), PlanContext.PrimaryEstate(Options.Value, Inventory));
            if (PlanQuery is { } wanted && _plans.Plan(wanted) is { } plan)
            {
                _vm.Plan = plan.Name;
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            _planError = $"The recovery plans could not be read ({ex.Message}): the run recovers the whole estate.";
        }
    }

    private async Task NextAsync()
    {
        if (_vm is not null && _vm.Next())
        {
            await LoadPreviewIfNeededAsync();
        }
    }

    private void Back() => _vm?.Back();

    private async Task OnActiveIndexChanged(int index)
    {
        if (_vm is not null && _vm.GoTo((RunWizardStep)index))
        {
            await LoadPreviewIfNeededAsync();
        }
    }

    private Task OnPreviewInteraction(StepperInteractionEventArgs args)
    {
        // Header clicks may only go back, or forward as far as the rules allow; the stepper's own complete/skip/reset are not used.
        if (_vm is null || args.Action != StepAction.Activate || (RunWizardStep)args.StepIndex > _vm.MaxReachable)
        {
            args.Cancel = true;
        }

        return Task.CompletedTask;
    }

    private Task ReloadPreviewAsync()
    {
        _vm?.ClearPreview();
        return LoadPreviewIfNeededAsync();
    }

    private async Task LoadPreviewIfNeededAsync()
    {
        if (_vm is not { NeedsPreview: true } vm)
        {
            return;
        }

        _loading = true;
        try
        {
            vm.SetPreview(await Previewer.PreviewAsync(vm.Kind, vm.Mode, vm.Plan, _stopping.Token));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Planner refusals and unreachable engines or arrays: shown in words, the operator can re-check.
            vm.SetPreviewError(ex.Message);
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task StartAsync()
    {
        if (_vm is null || _vm.ToRequest(await Actor.GetAsync()) is not { } request)
        {
            return;
        }

        _vm.Busy = true;
        try
        {
            var result = await Runner.StartAsync(request, _stopping.Token);
            if (result.Created)
            {
                Navigation.NavigateTo($"runs/{result.Run.Id}");
            }
            else
            {
                _vm.StartFoundActive(result.Run);
            }
        }
        catch (RunRequestException ex)
        {
            _vm.StartRefused(ex.Message);
        }
        catch (AccessDeniedException ex)
        {
            _vm.StartRefused(ex.Message);
        }
        finally
        {
            _vm.Busy = false;
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
