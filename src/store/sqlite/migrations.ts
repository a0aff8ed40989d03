import type { Database } from 'better-sqlite3';

/** Append-only: each entry runs once, in order, inside a transaction. Never edit a shipped entry. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    contact_email TEXT,
    phone TEXT,
    user_type TEXT NOT NULL,
    national_id TEXT,
    status TEXT NOT NULL,
    roles TEXT NOT NULL,
    password_hash TEXT,
    password_history TEXT NOT NULL DEFAULT '[]',
    must_change_password INTEGER NOT NULL DEFAULT 0,
    password_expires_at INTEGER,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER,
    session_version INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_sign_in_at INTEGER
  );
  CREATE TABLE reset_requests (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    code_hash TEXT NOT NULL,
    purpose TEXT NOT NULL,
    requested_by TEXT,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    outbox_id TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    consumed_at INTEGER,
    voided_at INTEGER
  );
  CREATE INDEX reset_requests_by_user ON reset_requests (user_id, created_at);
  CREATE INDEX reset_requests_by_expiry ON reset_requests (expires_at);
  CREATE TABLE sessions (
    sid TEXT PRIMARY KEY,
    user_id TEXT,
    data TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL
  );
  CREATE INDEX sessions_by_user ON sessions (user_id);
  CREATE INDEX sessions_by_expiry ON sessions (expires_at);
  CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor_id TEXT,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    action TEXT NOT NULL,
    target_id TEXT,
    outcome TEXT NOT NULL,
    channel TEXT,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL UNIQUE
  );
  CREATE INDEX audit_by_at ON audit_events (at);
  CREATE INDEX audit_by_actor ON audit_events (actor_id, at);
  CREATE INDEX audit_by_target ON audit_events (target_id, at);
  CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    reset_at INTEGER NOT NULL
  );
  CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    payload TEXT,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    lease_until INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    finished_at INTEGER
  );
  CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
  CREATE INDEX outbox_finished ON outbox (finished_at);
  `,
  // Every first visit stores a session for its CSRF token, without a user: indexing only signed-in
  // sessions spares each of those a B-tree write. Queries by user_id still use the index.
  `
  DROP INDEX sessions_by_user;
  CREATE INDEX sessions_by_user ON sessions (user_id) WHERE user_id IS NOT NULL;
  `,
  // Transient failures are retried until a message stops being useful. Rows from before had no such
  // limit: they get the default OUTBOX_MAX_AGE_HOURS (72 h) from their creation.
  `
  ALTER TABLE outbox ADD COLUMN useful_until INTEGER;
  UPDATE outbox SET useful_until = created_at + 259200000;
  `,
  // The account a message is about, so a delivery page shows an item only under its own user.
  `
  ALTER TABLE outbox ADD COLUMN user_id TEXT;
  `,
  // A completion claims its request for a short lease before writing the password (see claim()).
  `
  ALTER TABLE reset_requests ADD COLUMN consuming_until INTEGER;
  `,
  // Help-desk trust: caller verifications, "this wasn't me" links, and alerts dismissed per admin.
  `
  CREATE TABLE caller_verifications (
    id TEXT PRIMARY KEY,
    target_id TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    code_hash TEXT,
    note TEXT,
    ticket_ref TEXT,
    outbox_id TEXT,
    created_at INTEGER NOT NULL,
    code_expires_at INTEGER,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    verified_at INTEGER,
    valid_until INTEGER,
    spent_at INTEGER,
    voided_at INTEGER
  );
  CREATE INDEX caller_verifications_by_target ON caller_verifications (target_id, created_at, id);
  CREATE INDEX caller_verifications_by_creation ON caller_verifications (created_at);
  CREATE TABLE secure_account_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    reason TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE TABLE security_alerts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    actor_id TEXT,
    details TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX security_alerts_by_creation ON security_alerts (created_at, id);
  CREATE TABLE security_alert_dismissals (
    alert_id TEXT NOT NULL,
    admin_id TEXT NOT NULL,
    dismissed_at INTEGER NOT NULL,
    PRIMARY KEY (alert_id, admin_id)
  );
  `,
  // The audit page and export filter on the ticket reference admin resets record in their details.
  `
  CREATE INDEX audit_events_by_ticket_ref
    ON audit_events ((CASE WHEN json_valid(details) THEN json_extract(details, '$.ticketRef') END), seq);
  `,
  // /forgot stores one intent and answers; a worker resolves it. Decoy requests and outbox items are gone.
  `
  CREATE TABLE reset_intents (
    id TEXT PRIMARY KEY,
    sealed_username TEXT NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    lease_until INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0
  );
  DELETE FROM outbox WHERE status = 'decoy';
  DELETE FROM reset_requests WHERE user_id LIKE 'decoy:%';
  `,
  // REST API tokens (only their SHA-256).
  `
  CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
  );
  CREATE INDEX api_tokens_by_creation ON api_tokens (created_at, id);
  `,
  // The REST API's Idempotency-Key answers, kept 24 hours.
  `
  CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    status INTEGER,
    body TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);
  `,
  // Webhook receivers added in the console, and the last delivery to each receiver.
  `
  CREATE TABLE webhook_endpoints (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    secret_sealed TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE webhook_delivery_status (
    endpoint_key TEXT PRIMARY KEY,
    last_attempt_at INTEGER NOT NULL,
    last_result TEXT NOT NULL,
    last_error TEXT,
    sent INTEGER NOT NULL,
    failed INTEGER NOT NULL
  );
  `,
  `
  ALTER TABLE users ADD COLUMN locale TEXT;
  ALTER TABLE users ADD COLUMN time_zone TEXT;
  `,
];

export function migrate(db: Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
  );
  const applyPending = db.transaction(() => {
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
      version: number | null;
    };
    for (let version = (row.version ?? 0) + 1; version <= MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version - 1]!);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        version,
        Date.now(),
      );
    }
  });
  // IMMEDIATE: two processes starting on one fresh file must not both apply migration 1.
  applyPending.immediate();
}
