namespace GmgBot.Host.Storage;

/// <summary>
/// The bot's SQLite schema, in the one order it is applied. An id never changes once shipped and a shipped step is
/// never edited: a change to the schema is a new step at the end, here and in <see cref="PostgreSqlMigrations"/>
/// (the stores' SQL is shared, so both schemas keep the same tables and columns).
/// </summary>
public static class SqliteMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new("0001-conversations", """
            CREATE TABLE conversations (
                conversation_id     TEXT PRIMARY KEY,
                conversation_type   TEXT,
                tenant_id           TEXT,
                service_url         TEXT NOT NULL,
                channel_id          TEXT NOT NULL,
                bot_id              TEXT NOT NULL,
                bot_name            TEXT,
                user_id             TEXT,
                user_name           TEXT,
                user_aad_object_id  TEXT,
                locale              TEXT,
                is_installed        INTEGER NOT NULL DEFAULT 0,
                first_seen_at       TEXT NOT NULL,
                last_seen_at        TEXT NOT NULL,
                installed_at        TEXT,
                uninstalled_at      TEXT
            );
            CREATE INDEX ix_conversations_installed ON conversations (is_installed, conversation_type);
            CREATE INDEX ix_conversations_user_aad ON conversations (user_aad_object_id);
            """),
        new("0002-session-versions", """
            CREATE TABLE session_versions (
                session_id TEXT PRIMARY KEY,
                title      TEXT NOT NULL,
                start_utc  TEXT NOT NULL,
                end_utc    TEXT NOT NULL,
                room       TEXT NULL,
                sequence   INTEGER NOT NULL
            );
            """),
        new("0003-delivery-outbox", """
            CREATE TABLE delivery_outbox (
                id                  INTEGER PRIMARY KEY,
                job_key             TEXT NOT NULL,
                recipient_key       TEXT NOT NULL,
                kind                TEXT NOT NULL,
                recipient           TEXT NULL,
                audience            TEXT NULL,
                content             TEXT NOT NULL,
                session_id          TEXT NULL,
                broadcast_id        TEXT NULL,
                target_activity_id  TEXT NULL,
                due_at              INTEGER NOT NULL,
                not_after           INTEGER NULL,
                state               TEXT NOT NULL DEFAULT 'pending',
                attempts            INTEGER NOT NULL DEFAULT 0,
                claimed_by          TEXT NULL,
                lease_until         INTEGER NULL,
                conversation_id     TEXT NULL,
                activity_id         TEXT NULL,
                last_error          TEXT NULL,
                created_at          INTEGER NOT NULL,
                attempted_at        INTEGER NULL,
                finished_at         INTEGER NULL,
                UNIQUE (job_key, recipient_key)
            );
            CREATE INDEX ix_delivery_outbox_due ON delivery_outbox (state, due_at);
            CREATE INDEX ix_delivery_outbox_session ON delivery_outbox (session_id, state);
            """),
        new("0004-delivery-reminders", """
            CREATE TABLE delivery_reminders (
                id            INTEGER PRIMARY KEY,
                user_id       TEXT NOT NULL,
                session_id    TEXT NOT NULL,
                lead_minutes  INTEGER NOT NULL,
                recipient     TEXT NOT NULL,
                created_at    INTEGER NOT NULL,
                updated_at    INTEGER NOT NULL,
                UNIQUE (user_id, session_id)
            );
            CREATE INDEX ix_delivery_reminders_session ON delivery_reminders (session_id);
            """),
        new("0005-delivery-broadcasts", """
            CREATE TABLE delivery_broadcasts (
                id               TEXT PRIMARY KEY,
                content          TEXT NOT NULL,
                audience         TEXT NOT NULL,
                due_at           INTEGER NOT NULL,
                created_by       TEXT NOT NULL,
                created_by_name  TEXT NULL,
                report_to        TEXT NOT NULL,
                created_at       INTEGER NOT NULL
            );
            CREATE TABLE delivery_settings (
                key         TEXT PRIMARY KEY,
                value       TEXT NOT NULL,
                changed_at  INTEGER NOT NULL
            );
            """),
        // Shipped as "0003-calendar-graph-events" (an id another step shared); databases that ran it under that id skip it.
        new("0006-calendar-graph-events", """
            CREATE TABLE calendar_graph_events (
                mailbox      TEXT NOT NULL,
                session_id   TEXT NOT NULL,
                event_id     TEXT NOT NULL,
                sequence     INTEGER NOT NULL,
                is_organizer INTEGER NOT NULL,
                created_at   TEXT NOT NULL,
                updated_at   TEXT NOT NULL,
                PRIMARY KEY (mailbox, session_id)
            );
            CREATE INDEX ix_calendar_graph_events_session ON calendar_graph_events (session_id);
            """, FormerId: "0003-calendar-graph-events"),
        // Shipped as "0004-calendar-feed-tokens" (an id another step shared); databases that ran it under that id skip it.
        new("0007-calendar-feed-tokens", """
            CREATE TABLE calendar_feed_tokens (
                token_hash TEXT PRIMARY KEY,
                user_id    TEXT NOT NULL,
                created_at TEXT NOT NULL,
                revoked_at TEXT NULL
            );
            CREATE INDEX ix_calendar_feed_tokens_user ON calendar_feed_tokens (user_id, revoked_at);
            """, FormerId: "0004-calendar-feed-tokens"),
        // One instance at a time updates a broadcast's delivery report (several instances may be sending it).
        new("0008-delivery-report-leases", """
            CREATE TABLE delivery_report_leases (
                broadcast_id    TEXT PRIMARY KEY,
                holder          TEXT NULL,
                held_until      INTEGER NULL,
                next_update_at  INTEGER NOT NULL
            );
            """),
        // The readiness check writes here: a database that can be read but not written (locked, full) is not ready.
        new("0009-health-probes", """
            CREATE TABLE health_probes (
                instance_id  TEXT PRIMARY KEY,
                checked_at   INTEGER NOT NULL,
                payload      BLOB NOT NULL
            );
            """),
        // Where a channel belongs and what people call it, for the organizers' composer.
        new("0010-conversation-names", """
            ALTER TABLE conversations ADD COLUMN team_id TEXT;
            ALTER TABLE conversations ADD COLUMN team_name TEXT;
            ALTER TABLE conversations ADD COLUMN name TEXT;
            """),
    ];
}
