using Microsoft.AspNetCore.Components;
using RhvDr.Console.Components.Controls;
using RhvDr.Console.Model;
using RhvDr.Core.Incidents;
using RhvDr.Core.Sites;

namespace RhvDr.Console.Components.Pages;

public partial class Wall
{
    private static readonly TimeSpan ClockRefresh = TimeSpan.FromSeconds(15);

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required IServiceProvider Services { get; init; }

    private DateTimeOffset Now => Time.GetUtcNow();

    private TimeSpan PollInterval => SiteFreshness.PollInterval(Services);

    private List<Incident> OpenIncidents { get; set; } = [];

    protected override void OnInitialized()
    {
        base.OnInitialized();
        ComponentLoop.Start(TickAsync, ComponentStopping, DispatchExceptionAsync);
    }

    protected override void OnBoardChanged(IncidentBoard board) =>
        OpenIncidents = board.Open.OrderByDescending(i => i.Severity).ThenBy(i => i.OpenedAt).ToList();

    // Clock, ages and "last known" move with no one touching the screen.
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(ClockRefresh, Time);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
