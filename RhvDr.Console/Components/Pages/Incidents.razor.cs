using Microsoft.AspNetCore.Components;
using MudBlazor;
using RhvDr.Console.Security;
using RhvDr.Core.Incidents;
using RhvDr.Core.Security;

namespace RhvDr.Console.Components.Pages;

public partial class Incidents
{
    private long? _selectedId;
    private bool _showClosed;
    private bool _busy;
    private bool _canAcknowledge;
    private string? _ackNote;

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required CurrentActor Actor { get; init; }

    [Inject]
    public required StillDownStarter Starter { get; init; }

    protected override async Task OnInitializedAsync()
    {
        await base.OnInitializedAsync();
        _canAcknowledge = await Actor.HasAsync(Role.Operator);
    }

    private DateTimeOffset Now => Time.GetUtcNow();

    private int OpenCount => Board.Open.Count();

    private IEnumerable<Incident> Shown => _showClosed ? Board.Incidents : Board.Open;

    private Incident? Selected =>
        Board.Incidents.FirstOrDefault(i => i.Id == _selectedId) ?? Board.Open.FirstOrDefault();

    private void Select(long id) => _selectedId = id;

    private async Task AcknowledgeAsync()
    {
        if (Selected is not { } incident)
        {
            return;
        }
        _busy = true;
        try
        {
            _selectedId = incident.Id;
            await IncidentStore.AcknowledgeAsync(incident.Id, await Actor.GetAsync(), _ackNote, ComponentStopping);
            _ackNote = null;
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

    private async Task StartStillDownAsync()
    {
        if (Selected is not { } incident)
        {
            return;
        }
        _busy = true;
        try
        {
            _selectedId = incident.Id;
            var result = await Starter.StartAsync(incident.Id, await Actor.GetAsync(), ComponentStopping);
            if (result?.Message is { } message)
            {
                Snackbar.Add(message, Severity.Warning);
            }
            else if (result is not null)
            {
                Snackbar.Add(
                    $"Asked the engine to start {result.Started.Count} VMs." + (result.Failed.Count == 0 ? "" : $" {result.Failed.Count} refused: {string.Join("; ", result.Failed.Take(5).Select(f => $"{f.Name} ({f.Reason})"))}"),
                    result.Failed.Count == 0 ? Severity.Success : Severity.Warning);
            }
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

    private static Color ColorFor(IncidentTimelineKind kind) => kind switch
    {
        IncidentTimelineKind.Opened => Color.Error,
        IncidentTimelineKind.Closed => Color.Success,
        IncidentTimelineKind.Acknowledged => Color.Info,
        IncidentTimelineKind.EngineEvent => Color.Default,
        _ => Color.Warning,
    };
}
