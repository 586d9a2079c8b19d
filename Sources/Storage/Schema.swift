/// Versioned schema migrations, applied in order at open. `PRAGMA user_version` records the
/// version reached; a database written by a newer Preglednik is refused rather than damaged.
enum Schema {
    /// Each entry migrates from version `index` to `index + 1`.
    static let migrations: [String] = [
        """
        CREATE TABLE sources (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            jurisdiction TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            body_hash TEXT,
            last_attempt TEXT,
            last_success TEXT,
            last_error TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            next_attempt TEXT
        );
        CREATE TABLE acts (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            title_key TEXT NOT NULL,
            act_type TEXT,
            jurisdiction TEXT NOT NULL,
            summary TEXT,
            link TEXT,
            phase TEXT NOT NULL,
            phase_rank INTEGER NOT NULL,
            phase_raw TEXT,
            phase_since TEXT NOT NULL,
            document_date TEXT,
            in_force TEXT,
            municipal INTEGER NOT NULL,
            relevance REAL NOT NULL,
            domains TEXT NOT NULL,
            why TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_changed TEXT NOT NULL,
            source_id TEXT NOT NULL REFERENCES sources(id)
        );
        CREATE INDEX acts_identity ON acts(jurisdiction, title_key);
        CREATE INDEX acts_last_changed ON acts(last_changed);
        CREATE TABLE act_identifiers (
            scheme TEXT NOT NULL,
            value TEXT NOT NULL,
            act_id INTEGER NOT NULL REFERENCES acts(id),
            PRIMARY KEY (scheme, value, act_id)
        ) WITHOUT ROWID;
        CREATE INDEX act_identifiers_act ON act_identifiers(act_id);
        CREATE TABLE items (
            source_id TEXT NOT NULL REFERENCES sources(id),
            item_key TEXT NOT NULL,
            guid TEXT,
            link TEXT,
            content_hash TEXT NOT NULL,
            act_id INTEGER NOT NULL REFERENCES acts(id),
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            PRIMARY KEY (source_id, item_key)
        ) WITHOUT ROWID;
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            act_id INTEGER NOT NULL REFERENCES acts(id),
            phase TEXT NOT NULL,
            phase_raw TEXT,
            event_date TEXT,
            observed_at TEXT NOT NULL,
            source_id TEXT NOT NULL REFERENCES sources(id),
            url TEXT
        );
        CREATE INDEX events_act ON events(act_id);
        CREATE INDEX events_observed ON events(observed_at);
        CREATE VIRTUAL TABLE acts_fts USING fts5(title, summary, folded, tokenize = 'unicode61 remove_diacritics 2');
        CREATE TABLE digests (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            period TEXT NOT NULL,
            language TEXT NOT NULL,
            files TEXT NOT NULL,
            last_event_id INTEGER NOT NULL,
            written_at TEXT NOT NULL,
            UNIQUE (kind, period, language)
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            outcome TEXT,
            summary TEXT
        );
        """,
        // 1 → 2: the mail stage's delivery ledger, one row per (digest, week, member address).
        """
        CREATE TABLE deliveries (
            digest TEXT NOT NULL,
            week TEXT NOT NULL,
            email TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            next_attempt TEXT,
            message_id TEXT NOT NULL,
            sent_at TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (digest, week, email)
        ) WITHOUT ROWID;
        CREATE INDEX deliveries_status ON deliveries(status, next_attempt);
        """,
        // 2 → 3: digests pick a week's events by the day they happened (``eventHappened``).
        """
        CREATE INDEX events_happened ON events(coalesce(min(event_date, observed_at), observed_at));
        """,
    ]

    /// When an event happened: the document's own date, or when Preglednik saw it if the document
    /// gives none or a date still in the future. `events_happened` indexes exactly this expression.
    static let eventHappened = "coalesce(min(event_date, observed_at), observed_at)"

    /// The version this build writes.
    static var currentVersion: Int { migrations.count }
}
