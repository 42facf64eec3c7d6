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
        new(2, "mapping_versions", """
            CREATE TABLE mapping_versions (
                version       INTEGER PRIMARY KEY,
                saved_at_ms   INTEGER NOT NULL,
                saved_by      TEXT    NOT NULL,
                comment       TEXT    NULL,
                is_draft      INTEGER NOT NULL,
                errors        INTEGER NOT NULL,
                warnings      INTEGER NOT NULL,
                summary       TEXT    NOT NULL,
                body_yaml     TEXT    NOT NULL,
                findings_json TEXT    NOT NULL
            );
            CREATE INDEX ix_mapping_versions_draft ON mapping_versions (is_draft, version);
            """),
        new(3, "recovery_runs", """
            CREATE TABLE runs (
                id                TEXT    PRIMARY KEY,
                kind              TEXT    NOT NULL,
                mode              TEXT    NOT NULL,
                source_site       TEXT    NOT NULL,
                target_site       TEXT    NOT NULL,
                status            TEXT    NOT NULL,
                requested_by      TEXT    NOT NULL,
                override_reason   TEXT,
                created_ms        INTEGER NOT NULL,
                started_ms        INTEGER,
                finished_ms       INTEGER,
                prompt            TEXT,
                error             TEXT,
                recovery_point_ms INTEGER,
                last_seq          INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX ix_runs_created ON runs (created_ms);
            CREATE INDEX ix_runs_status ON runs (status);
            CREATE TABLE run_steps (
                run_id           TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                idx              INTEGER NOT NULL,
                name             TEXT    NOT NULL,
                title            TEXT    NOT NULL,
                status           TEXT    NOT NULL,
                started_ms       INTEGER,
                finished_ms      INTEGER,
                detail           TEXT,
                expected_seconds REAL,
                PRIMARY KEY (run_id, idx)
            );
            CREATE TABLE run_vms (
                run_id        TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                vm_id         TEXT    NOT NULL,
                vm_name       TEXT    NOT NULL,
                was_running   INTEGER NOT NULL,
                ha            INTEGER NOT NULL,
                ha_priority   INTEGER NOT NULL,
                wave          INTEGER NOT NULL,
                registered    INTEGER NOT NULL,
                started       INTEGER NOT NULL,
                up            INTEGER NOT NULL,
                failed        INTEGER NOT NULL,
                reason        TEXT,
                registered_ms INTEGER,
                started_ms    INTEGER,
                up_ms         INTEGER,
                PRIMARY KEY (run_id, vm_id)
            );
            CREATE TABLE run_log (
                id      INTEGER PRIMARY KEY,
                run_id  TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                seq     INTEGER NOT NULL,
                time_ms INTEGER NOT NULL,
                level   TEXT    NOT NULL,
                message TEXT    NOT NULL
            );
            CREATE INDEX ix_run_log_run ON run_log (run_id, seq);
            """),
        new(4, "readiness", """
            CREATE TABLE readiness_results (
                id                    INTEGER PRIMARY KEY,
                time_ms               INTEGER NOT NULL,
                verdict               INTEGER NOT NULL,
                score                 INTEGER NOT NULL,
                rpo_seconds           REAL,
                estimated_rto_seconds REAL    NOT NULL
            );
            CREATE INDEX ix_readiness_results_time ON readiness_results (time_ms);
            CREATE TABLE readiness_check_results (
                result_id   INTEGER NOT NULL REFERENCES readiness_results (id) ON DELETE CASCADE,
                check_id    TEXT    NOT NULL,
                title       TEXT    NOT NULL,
                status      INTEGER NOT NULL,
                severity    INTEGER NOT NULL,
                summary     TEXT    NOT NULL,
                evidence    TEXT    NOT NULL,
                remediation TEXT    NOT NULL,
                PRIMARY KEY (result_id, check_id)
            );
            CREATE INDEX ix_readiness_check_results_check ON readiness_check_results (check_id, status);
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
        new(6, "security", """
            CREATE TABLE users (
                id              INTEGER PRIMARY KEY,
                username        TEXT    NOT NULL UNIQUE COLLATE NOCASE,
                display_name    TEXT,
                role            TEXT    NOT NULL,
                password_hash   TEXT,
                external        INTEGER NOT NULL DEFAULT 0,
                disabled        INTEGER NOT NULL DEFAULT 0,
                failed_count    INTEGER NOT NULL DEFAULT 0,
                lockout_end_ms  INTEGER,
                stamp           TEXT    NOT NULL,
                created_ms      INTEGER NOT NULL,
                last_signin_ms  INTEGER
            );
            CREATE TABLE api_tokens (
                id           INTEGER PRIMARY KEY,
                name         TEXT    NOT NULL,
                role         TEXT    NOT NULL,
                token_hash   TEXT    NOT NULL UNIQUE,
                prefix       TEXT    NOT NULL,
                created_by   TEXT    NOT NULL,
                created_ms   INTEGER NOT NULL,
                revoked_ms   INTEGER,
                revoked_by   TEXT,
                last_used_ms INTEGER
            );
            CREATE TABLE engine_credentials (
                site               TEXT    PRIMARY KEY COLLATE NOCASE,
                username           TEXT    NOT NULL,
                password_protected TEXT    NOT NULL,
                updated_by         TEXT    NOT NULL,
                updated_ms         INTEGER NOT NULL
            );
            CREATE TABLE audit_log (
                seq       INTEGER PRIMARY KEY,
                time_ms   INTEGER NOT NULL,
                actor     TEXT    NOT NULL,
                source    TEXT    NOT NULL,
                action    TEXT    NOT NULL,
                target    TEXT    NOT NULL,
                outcome   TEXT    NOT NULL,
                before    TEXT,
                after     TEXT,
                detail    TEXT,
                prev_hash TEXT    NOT NULL,
                hash      TEXT    NOT NULL
            );
            CREATE INDEX ix_audit_log_time ON audit_log (time_ms);
            CREATE INDEX ix_audit_log_actor ON audit_log (actor);
            CREATE TABLE audit_head (
                id   INTEGER PRIMARY KEY CHECK (id = 1),
                seq  INTEGER NOT NULL,
                hash TEXT    NOT NULL
            );
            ALTER TABLE runs ADD COLUMN approved_by TEXT;
            ALTER TABLE runs ADD COLUMN approval_reason TEXT;
            ALTER TABLE runs ADD COLUMN approved_ms INTEGER;
            """),
        new(7, "still_down", """
            CREATE TABLE still_down_vms (
                incident_id      INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
                vm_id            TEXT    NOT NULL,
                name             TEXT    NOT NULL,
                lost_site        TEXT    NOT NULL,
                lost_host        TEXT    NOT NULL,
                highly_available INTEGER NOT NULL,
                ha_priority      INTEGER NOT NULL,
                has_lease        INTEGER NOT NULL,
                site             TEXT    NOT NULL,
                status           TEXT    NOT NULL,
                PRIMARY KEY (incident_id, vm_id)
            );
            CREATE TABLE outage_vms (
                vm_id            TEXT    PRIMARY KEY,
                name             TEXT    NOT NULL,
                lost_site        TEXT    NOT NULL,
                lost_host        TEXT    NOT NULL,
                highly_available INTEGER NOT NULL,
                ha_priority      INTEGER NOT NULL,
                has_lease        INTEGER NOT NULL
            );
            """),
        new(8, "plan_versions", """
            CREATE TABLE plan_versions (
                version       INTEGER PRIMARY KEY,
                saved_at_ms   INTEGER NOT NULL,
                saved_by      TEXT    NOT NULL,
                comment       TEXT,
                is_draft      INTEGER NOT NULL,
                errors        INTEGER NOT NULL,
                warnings      INTEGER NOT NULL,
                summary       TEXT    NOT NULL,
                body_yaml     TEXT    NOT NULL,
                findings_json TEXT    NOT NULL
            );
            CREATE INDEX ix_plan_versions_active ON plan_versions (is_draft, version);
            """),
        new(9, "run_plan", """
            ALTER TABLE runs ADD COLUMN plan TEXT;
            """),
        new(10, "drills", """
            CREATE TABLE drills (
                id               INTEGER PRIMARY KEY AUTOINCREMENT,
                plan             TEXT    NOT NULL,
                plan_version     INTEGER,
                scheduled_at_ms  INTEGER NOT NULL,
                requested_by     TEXT    NOT NULL,
                started_at_ms    INTEGER,
                ended_at_ms      INTEGER,
                test_run_id      TEXT,
                cleanup_run_id   TEXT,
                cleanup_due_ms   INTEGER,
                result           TEXT    NOT NULL,
                reason           TEXT,
                vms_verified     INTEGER,
                vms_failed       INTEGER
            );
            CREATE INDEX ix_drills_plan ON drills (plan, scheduled_at_ms DESC, id DESC);
            """),
        new(11, "run_vm_verification", """
            ALTER TABLE run_vms ADD COLUMN verification TEXT;
            ALTER TABLE run_vms ADD COLUMN verification_note TEXT;
            """),
        new(12, "run_vm_plan_marks", """
            ALTER TABLE run_vms ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE run_vms ADD COLUMN no_agent_at_source INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE run_vms ADD COLUMN verified_ms INTEGER;
            """),
    ];
}
