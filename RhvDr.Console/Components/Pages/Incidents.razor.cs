using Microsoft.AspNetCore.Components;
using MudBlazor;
using RhvDr.Core.Incidents;

namespace RhvDr.Console.Components.Pages;

public partial class Incidents
{
    private long? _selectedId;
    private bool _showClosed;
    private bool _busy;
    private string _ackBy = "";
    private string? _ackNote;

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

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
        if (string.IsNullOrWhiteSpace(_ackBy))
        {
            Snackbar.Add("Say who acknowledges: type your name in 'Acknowledge as'.", Severity.Warning);
            return;
        }
        _busy = true;
        try
        {
            _selectedId = incident.Id;
            await IncidentStore.AcknowledgeAsync(incident.Id, _ackBy, _ackNote, ComponentStopping);
            _ackNote = null;
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
