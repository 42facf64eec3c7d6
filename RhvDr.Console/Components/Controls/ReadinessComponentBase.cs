using Microsoft.AspNetCore.Components;
using RhvDr.Console.Model;
using RhvDr.Core.Monitoring;
using RhvDr.Core.Readiness;
using RhvDr.Core.State;

namespace RhvDr.Console.Components.Controls;

/// <summary>
/// A component that renders the newest readiness report and its trend: subscribes to the readiness store on init,
/// re-renders once per coalesced change, reloads the trend with it, and disposes the subscription with the component.
/// </summary>
public abstract class ReadinessComponentBase : LiveComponentBase
{
    [Inject]
    public required IReadinessStore ReadinessStore { get; init; }

    [Inject]
    public required IReadinessHistoryRepository ReadinessHistory { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required IDrStateStore DrStateStore { get; init; }

    [Inject]
    public required IInventoryStore InventoryStore { get; init; }

    protected ReadinessReport Report { get; private set; } = ReadinessReport.NotEvaluated;

    /// <summary>The failback question's answer while production runs at the recovery site; null otherwise.</summary>
    protected FailbackReadiness? Failback { get; private set; }

    protected ReadinessTrendChart? Trend { get; private set; }

    protected int TrendDays { get; private set; } = 30;

    protected string? TrendError { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        var subscription = ReadinessStore.Subscribe();
        Report = subscription.Report;
        var state = DrStateStore.Subscribe();
        Failback = FailbackReadiness.For(state.State, InventoryStore.Current);
        Follow(subscription, async report =>
        {
            Report = report;
            Failback = FailbackReadiness.For(DrStateStore.Current, InventoryStore.Current);
            await LoadTrendAsync();
        });
        Follow(state, value =>
        {
            Failback = FailbackReadiness.For(value, InventoryStore.Current);
            return Task.CompletedTask;
        });
        await LoadTrendAsync();
    }

    protected async Task ShowDaysAsync(int days)
    {
        TrendDays = days;
        await LoadTrendAsync();
    }

    private async Task LoadTrendAsync()
    {
        try
        {
            var to = Time.GetUtcNow();
            var from = to.AddDays(-TrendDays);
            var points = await ReadinessHistory.GetTrendAsync(from, Api.ReadinessApi.BucketFor(TrendDays), ComponentStopping);
            Trend = new ReadinessTrendChart(points, from, to);
            TrendError = null;
        }
        catch (OperationCanceledException)
        {
            // The component went away.
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            TrendError = $"The trend could not be read from the database: {ex.Message}";
        }
    }
}
