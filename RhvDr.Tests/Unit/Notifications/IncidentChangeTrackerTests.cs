using RhvDr.Core.Incidents;
using RhvDr.Core.Notifications;
using RhvDr.Core.Sites;

namespace RhvDr.Tests.Notifications;

public sealed class IncidentChangeTrackerTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_IncidentsLoadedFromBeforeStart_AreNotNewsUntilTheyClose()
    {
        var tracker = new IncidentChangeTracker(Start);
        var old = Incident(7, Start.AddHours(-2));

        var loaded = tracker.Apply(Board(old));
        var closed = tracker.Apply(Board(old with { ClosedAt = Start.AddMinutes(3) }));

        Assert.Empty(loaded);
        var change = Assert.Single(closed);
        Assert.Equal((NotificationEvents.IncidentClosed, 7L, Start.AddMinutes(3)), (change.Event, change.Incident.Id, change.Time));
    }

    [Fact]
    public void Apply_OpenedAcknowledgedAndClosedWithinOneBoard_ReportsAllThreeInOrder()
    {
        var tracker = new IncidentChangeTracker(Start);
        var incident = Incident(1, Start.AddSeconds(5)) with
        {
            Acknowledgement = new IncidentAcknowledgement("anna", Start.AddSeconds(6), null),
            ClosedAt = Start.AddSeconds(7),
        };

        var changes = tracker.Apply(Board(incident));

        Assert.Equal(
            [NotificationEvents.IncidentOpened, NotificationEvents.IncidentAcknowledged, NotificationEvents.IncidentClosed],
            changes.Select(c => c.Event));
    }

    [Fact]
    public void Apply_UnchangedBoardThenAnotherOperatorTakesIt_ReportsOnlyTheNewAcknowledgement()
    {
        var tracker = new IncidentChangeTracker(Start);
        var incident = Incident(1, Start.AddSeconds(5)) with { Acknowledgement = new IncidentAcknowledgement("anna", Start.AddSeconds(6), null) };
        tracker.Apply(Board(incident));

        var again = tracker.Apply(Board(incident with { Detail = "3 hosts down" }));
        var takenOver = tracker.Apply(Board(incident with { Acknowledgement = new IncidentAcknowledgement("ben", Start.AddSeconds(9), "mine now") }));

        Assert.Empty(again);
        var change = Assert.Single(takenOver);
        Assert.Equal(NotificationEvents.IncidentAcknowledged, change.Event);
        Assert.Equal("ben", change.Incident.Acknowledgement?.By);
    }

    [Fact]
    public void Apply_TwoIncidentsOnANewestFirstBoard_ReportsTheOlderFirst()
    {
        var tracker = new IncidentChangeTracker(Start);

        var changes = tracker.Apply(Board(Incident(2, Start.AddSeconds(20)), Incident(1, Start.AddSeconds(10))));

        Assert.Equal([1L, 2L], changes.Select(c => c.Incident.Id));
    }

    private static IncidentBoard Board(params Incident[] incidents) => IncidentBoard.Empty with { Incidents = incidents, Version = 1 };

    private static Incident Incident(long id, DateTimeOffset openedAt) =>
        new(id, $"host:primary:host-{id}", IncidentKind.HostNonResponsive, HealthLevel.Warning, "primary", $"Host host-{id} not responding", "", openedAt, null, null, []);
}
