using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using RhvDr.Core.Configuration;
using RhvDr.Core.Recovery;

namespace RhvDr.Console.Components.Pages;

public partial class Runs : IDisposable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stopping = new();
    private IReadOnlyList<RecoveryRun> _runs = [];
    private RunKind _kind;
    private string? _site;
    private RunMode _mode = RunMode.Planned;
    private string? _confirmSite;
    private string? _overrideReason;
    private string? _error;
    private bool _busy;

    [Inject]
    public required IRecoveryRunner Runner { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IOptions<RhvDrOptions> Options { get; init; }

    /// <summary>The kinds this topology runs (Active/Active: evacuate and return), as the runner allows them.</summary>
    private IReadOnlyList<RunKind> Kinds => RunKinds.For(Options.Value.Topology);

    public static Color StatusColor(RunStatus status) => status switch
    {
        RunStatus.Succeeded => Color.Success,
        RunStatus.Failed => Color.Error,
        RunStatus.Waiting or RunStatus.Interrupted => Color.Warning,
        RunStatus.Running or RunStatus.Pending => Color.Info,
        _ => Color.Default,
    };

    protected override async Task OnInitializedAsync()
    {
        _kind = Kinds[0];
        _runs = await Runner.ListAsync(100, _stopping.Token);
        _ = RefreshAsync(_stopping.Token);
    }

    private async Task StartAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var result = await Runner.StartAsync(new RunRequest(_kind, _mode, _confirmSite, _overrideReason, "console user", RunKinds.IsStretch(_kind) ? _site : null), _stopping.Token);
            Navigation.NavigateTo($"runs/{result.Run.Id}");
        }
        catch (RunRequestException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(Refresh);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var runs = await Runner.ListAsync(100, cancellationToken);
                await InvokeAsync(() =>
                {
                    _runs = runs;
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

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
