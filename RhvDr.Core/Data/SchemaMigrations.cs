namespace RhvDr.Core.Data;

/// <summary>The schema's history. Append only: never edit a migration that has shipped, add the next version.</summary>
public static class SchemaMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "health_samples", """
            CREATE TABLE health_samples (
                id               INTEGER PRIMARY KEY,
                site             TEXT    NOT NULL,
                time_ms          INTEGER NOT NULL,
                engine_reachable INTEGER NOT NULL,
                level            INTEGER NOT NULL,
                hosts_up         INTEGER NOT NULL,
                hosts_total      INTEGER NOT NULL,
                domains_active   INTEGER NOT NULL,
                domains_total    INTEGER NOT NULL,
                vms_up           INTEGER NOT NULL,
                vms_total        INTEGER NOT NULL
            );
            CREATE INDEX ix_health_samples_site_time ON health_samples (site, time_ms);
            CREATE INDEX ix_health_samples_time ON health_samples (time_ms);
            """),
        new(5, "incidents", """
            CREATE TABLE incidents (
                id           INTEGER PRIMARY KEY,
                incident_key TEXT    NOT NULL,
                kind         TEXT    NOT NULL,
                severity     INTEGER NOT NULL,
                site         TEXT    NOT NULL,
                title        TEXT    NOT NULL,
                detail       TEXT    NOT NULL,
                opened_ms    INTEGER NOT NULL,
                closed_ms    INTEGER
            );
            CREATE INDEX ix_incidents_open ON incidents (closed_ms, opened_ms);
            CREATE TABLE incident_timeline (
                id              INTEGER PRIMARY KEY,
                incident_id     INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
                time_ms         INTEGER NOT NULL,
                kind            TEXT    NOT NULL,
                text            TEXT    NOT NULL,
                engine_event_id INTEGER
            );
            CREATE INDEX ix_incident_timeline_incident ON incident_timeline (incident_id, time_ms);
            CREATE TABLE incident_acknowledgements (
                id              INTEGER PRIMARY KEY,
                incident_id     INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
                acknowledged_by TEXT    NOT NULL,
                time_ms         INTEGER NOT NULL,
                note            TEXT
            );
            CREATE INDEX ix_incident_acknowledgements_incident ON incident_acknowledgements (incident_id);
            """),
    ];
}
