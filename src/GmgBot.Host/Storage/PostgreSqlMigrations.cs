namespace GmgBot.Host.Storage;

/// <summary>
/// The bot's PostgreSQL schema, in the one order it is applied (under an advisory lock, so instances starting together
/// apply it once). The same tables and columns as <see cref="SqliteMigrations"/>, step for step, so that every store's
/// SQL serves both: instants as Unix milliseconds (bigint) or ISO 8601 text, flags as 0/1. An id never changes once
/// shipped and a shipped step is never edited: a change is a new step at the end, in both lists.
/// </summary>
public static class PostgreSqlMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new("0001-conversations", """
            CREATE TABLE conversations (
                conversation_id     text PRIMARY KEY,
                conversation_type   text,
                tenant_id           text,
                service_url         text NOT NULL,
                channel_id          text NOT NULL,
                bot_id              text NOT NULL,
                bot_name            text,
                user_id             text,
                user_name           text,
                user_aad_object_id  text,
                locale              text,
                is_installed        integer NOT NULL DEFAULT 0,
                first_seen_at       text NOT NULL,
                last_seen_at        text NOT NULL,
                installed_at        text,
                uninstalled_at      text
            );
            CREATE INDEX ix_conversations_installed ON conversations (is_installed, conversation_type);
            CREATE INDEX ix_conversations_user_aad ON conversations (user_aad_object_id);
            """),
        new("0002-session-versions", """
            CREATE TABLE session_versions (
                session_id text PRIMARY KEY,
                title      text NOT NULL,
                start_utc  text NOT NULL,
                end_utc    text NOT NULL,
                room       text NULL,
                sequence   integer NOT NULL
            );
            """),
        new("0003-delivery-outbox", """
            CREATE TABLE delivery_outbox (
                id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                job_key             text NOT NULL,
                recipient_key       text NOT NULL,
                kind                text NOT NULL,
                recipient           text NULL,
                audience            text NULL,
                content             text NOT NULL,
                session_id          text NULL,
                broadcast_id        text NULL,
                target_activity_id  text NULL,
                due_at              bigint NOT NULL,
                not_after           bigint NULL,
                state               text NOT NULL DEFAULT 'pending',
                attempts            integer NOT NULL DEFAULT 0,
                claimed_by          text NULL,
                lease_until         bigint NULL,
                conversation_id     text NULL,
                activity_id         text NULL,
                last_error          text NULL,
                created_at          bigint NOT NULL,
                attempted_at        bigint NULL,
                finished_at         bigint NULL,
                UNIQUE (job_key, recipient_key)
            );
            CREATE INDEX ix_delivery_outbox_due ON delivery_outbox (state, due_at);
            CREATE INDEX ix_delivery_outbox_session ON delivery_outbox (session_id, state);
            """),
        new("0004-delivery-reminders", """
            CREATE TABLE delivery_reminders (
                id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                user_id       text NOT NULL,
                session_id    text NOT NULL,
                lead_minutes  integer NOT NULL,
                recipient     text NOT NULL,
                created_at    bigint NOT NULL,
                updated_at    bigint NOT NULL,
                UNIQUE (user_id, session_id)
            );
            CREATE INDEX ix_delivery_reminders_session ON delivery_reminders (session_id);
            """),
        new("0005-delivery-broadcasts", """
            CREATE TABLE delivery_broadcasts (
                id               text PRIMARY KEY,
                content          text NOT NULL,
                audience         text NOT NULL,
                due_at           bigint NOT NULL,
                created_by       text NOT NULL,
                created_by_name  text NULL,
                report_to        text NOT NULL,
                created_at       bigint NOT NULL
            );
            CREATE TABLE delivery_settings (
                key         text PRIMARY KEY,
                value       text NOT NULL,
                changed_at  bigint NOT NULL
            );
            """),
        new("0006-calendar-graph-events", """
            CREATE TABLE calendar_graph_events (
                mailbox      text NOT NULL,
                session_id   text NOT NULL,
                event_id     text NOT NULL,
                sequence     integer NOT NULL,
                is_organizer integer NOT NULL,
                created_at   text NOT NULL,
                updated_at   text NOT NULL,
                PRIMARY KEY (mailbox, session_id)
            );
            CREATE INDEX ix_calendar_graph_events_session ON calendar_graph_events (session_id);
            """),
        // "rowid" as in SQLite (where it is implicit): the order tokens were issued in, which the store's SQL uses.
        new("0007-calendar-feed-tokens", """
            CREATE TABLE calendar_feed_tokens (
                token_hash text PRIMARY KEY,
                user_id    text NOT NULL,
                created_at text NOT NULL,
                revoked_at text NULL,
                rowid      bigint GENERATED ALWAYS AS IDENTITY
            );
            CREATE INDEX ix_calendar_feed_tokens_user ON calendar_feed_tokens (user_id, revoked_at);
            """),
        new("0008-delivery-report-leases", """
            CREATE TABLE delivery_report_leases (
                broadcast_id    text PRIMARY KEY,
                holder          text NULL,
                held_until      bigint NULL,
                next_update_at  bigint NOT NULL
            );
            """),
        new("0009-health-probes", """
            CREATE TABLE health_probes (
                instance_id  text PRIMARY KEY,
                checked_at   bigint NOT NULL,
                payload      bytea NOT NULL
            );
            """),
        // PostgreSQL only: the per-tenant send budget every instance draws from (SQLite serves one instance, which
        // paces itself in memory). next_slot_us: the earliest instant, in the server's clock, of the next send.
        new("0010-delivery-rate-budget", """
            CREATE TABLE delivery_rate_budget (
                tenant_key    text PRIMARY KEY,
                next_slot_us  bigint NOT NULL
            );
            """),
        // Where a channel belongs and what people call it, for the organizers' composer.
        new("0011-conversation-names", """
            ALTER TABLE conversations ADD COLUMN team_id text;
            ALTER TABLE conversations ADD COLUMN team_name text;
            ALTER TABLE conversations ADD COLUMN name text;
            """),
    ];
}
