using Microsoft.AspNetCore.Components;
using MudBlazor;
using RhvDr.Console.Components.Controls;
using RhvDr.Console.Model;
using RhvDr.Console.Security;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Recovery;
using RhvDr.Core.Security;

namespace RhvDr.Console.Components.Pages;

/// <summary>A run, live: subscribes to the run notifier in process (coalesced), ticks elapsed times while the run is active.</summary>
public partial class RunView : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private RunSubscription? _subscription;
    private RunDetails? _details;
    private RunViewModel? _model;
    private bool _loaded;
    private bool _busy;
    private string _approvalReason = "";
    private string? _me;
    private bool _canOperate;

    [Parameter]
    public required string Id { get; set; }

    [Inject]
    public required IRecoveryRunner Runner { get; init; }

    [Inject]
    public required IRunNotifier Notifier { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required IInventoryStore Inventory { get; init; }

    [Inject]
    public required CurrentActor Actor { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _canOperate = await Actor.HasAsync(Role.Operator);
        _me = _canOperate ? (await Actor.GetAsync()).Name : null;
        _subscription = Notifier.Subscribe(Id);
        _details = _subscription.Snapshot ?? await Runner.GetAsync(Id, _stopping.Token);
        _loaded = true;
        Rebuild();
        var subscription = _subscription;
        ComponentLoop.Start(ct => ReadAsync(subscription, ct), _stopping.Token, DispatchExceptionAsync);
        ComponentLoop.Start(TickAsync, _stopping.Token, DispatchExceptionAsync);
    }

    private void Rebuild() => _model = _details is null ? null : RunViewModel.From(_details, Time.GetUtcNow(), [.. Inventory.Current.Sites.Select(s => s.Site)]);

    private async Task ReadAsync(RunSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in subscription.ReadBatchesAsync(cancellationToken))
            {
                await InvokeAsync(() =>
                {
                    _details = update.Current;
                    Rebuild();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(Tick);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (_details?.Run.Status is RunStatus.Running or RunStatus.Waiting or RunStatus.Pending)
                {
                    await InvokeAsync(() =>
                    {
                        Rebuild();
                        StateHasChanged();
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
    }

    /// <summary>Green only for a clean success; a success that left VMs failed or not recovered is amber.</summary>
    private static Severity OutcomeSeverity(RunViewModel vm) => vm.Run.Status switch
    {
        RunStatus.Succeeded when vm.Failed == 0 && vm.NotRecovered == 0 => Severity.Success,
        RunStatus.Failed => Severity.Error,
        _ => Severity.Warning,
    };

    /// <summary>Red for a failed run, amber when VMs failed, green when the run succeeded clean, blue while it runs.</summary>
    private static Color ProgressColor(RunViewModel vm) =>
        vm.Run.Status == RunStatus.Failed ? Color.Error
        : vm.Failed > 0 ? Color.Warning
        : vm.Run.Status == RunStatus.Succeeded ? Color.Success
        : Color.Info;

    private Task ConfirmAsync() => ActAsync((by, ct) => Runner.ConfirmAsync(Id, by, ct), "Confirmed");

    private Task PauseAsync() => ActAsync((by, ct) => Runner.PauseAsync(Id, by, ct), "Pause requested: the run stops at the next safe point");

    private Task CancelAsync() => ActAsync((by, ct) => Runner.CancelAsync(Id, by, ct), "Cancelled");

    private Task ApproveAsync() => ActAsync((by, ct) => Runner.ApproveAsync(Id, by, _approvalReason, ct), "Approved: the run starts");

    private Task RejectAsync() => ActAsync((by, ct) => Runner.RejectAsync(Id, by, _approvalReason, ct), "Rejected: the run is cancelled");

    private async Task ResumeAsync()
    {
        await ActAsync((by, ct) => Runner.ResumeAsync(Id, by, ct), "Resumed");
        _details = await Runner.GetAsync(Id, _stopping.Token) ?? _details;
        Rebuild();
    }

    private async Task ActAsync(Func<Actor, CancellationToken, Task<RecoveryRun>> action, string done)
    {
        _busy = true;
        try
        {
            await action(await Actor.GetAsync(), _stopping.Token);
            Snackbar.Add(done, Severity.Info);
        }
        catch (RunRequestException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        catch (AccessDeniedException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _subscription?.Dispose();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
