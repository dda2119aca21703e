-- factdesk schema: the single source of truth, embedded by src/store/migrate.rs.
-- Version 3 (PRAGMA user_version = 3). Each older version has a forward step in
-- migrate.rs; this file always describes the newest version.
--
-- Conventions
--   * Every row that can travel to another copy of the database has a UUID v7 text id,
--     so copies can be merged by identity.
--   * Timestamps are UTC, RFC 3339, fixed width with microseconds
--     (2026-11-30T14:02:03.123456Z), so text order is time order.
--   * Claim offsets are Unicode code point offsets into articles.body, end exclusive.
--   * The full-text index is maintained by the store (src/store/search.rs), not by triggers.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE reviewers (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE ratings (
    name         TEXT PRIMARY KEY,          -- e.g. 'mostly-false'; what verdicts refer to
    id           TEXT NOT NULL UNIQUE,
    position     INTEGER NOT NULL,          -- order on the scale, 1 = first shown
    description  TEXT NOT NULL,
    rating_value INTEGER,                   -- ClaimReview ratingValue; NULL = off the true-false line
    colour       TEXT NOT NULL,             -- '#rrggbb'
    symbol       TEXT NOT NULL,             -- shown where colour is not: ✓ ✗ ◐ ?
    created_at   TEXT NOT NULL
) STRICT;

CREATE TABLE articles (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    url          TEXT,
    outlet       TEXT,
    author       TEXT,
    published    TEXT,                      -- as given; ISO 8601 date when known
    body         TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,      -- sha256 hex of body: the same text is one article
    format       TEXT NOT NULL,             -- text | markdown | html
    imported_at  TEXT NOT NULL,
    imported_by  TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE claims (
    id           TEXT PRIMARY KEY,
    article_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    quote        TEXT NOT NULL,             -- exactly body[start_offset..end_offset]
    label        TEXT NOT NULL,
    claimant     TEXT NOT NULL,
    kind         TEXT NOT NULL,
    score        REAL,                      -- check-worthiness 0..1, NULL when added by hand
    reasons      TEXT NOT NULL DEFAULT '[]', -- JSON array of the features that fired
    status       TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    CHECK (start_offset >= 0 AND end_offset > start_offset)
) STRICT;
CREATE INDEX claims_by_article ON claims(article_id, start_offset);
CREATE INDEX claims_by_short_id ON claims(substr(id, 25));

CREATE TABLE sources (
    id         TEXT PRIMARY KEY,
    url        TEXT,
    title      TEXT NOT NULL,
    publisher  TEXT,
    published  TEXT,
    accessed   TEXT,
    notes      TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX sources_by_short_id ON sources(substr(id, 25));
CREATE INDEX sources_by_url ON sources(url);

CREATE TABLE claim_sources (
    id         TEXT PRIMARY KEY,
    claim_id   TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    source_id  TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    stance     TEXT NOT NULL CHECK (stance IN ('supports', 'refutes', 'context')),
    excerpt    TEXT,
    note       TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (claim_id, source_id)
) STRICT;
CREATE INDEX claim_sources_by_source ON claim_sources(source_id);

-- Append-only: a new verdict supersedes the previous one; history is kept.
CREATE TABLE verdicts (
    id         TEXT PRIMARY KEY,
    claim_id   TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    rating     TEXT NOT NULL REFERENCES ratings(name),
    rationale  TEXT NOT NULL,
    reviewer   TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX verdicts_by_claim ON verdicts(claim_id, created_at);

-- An editor's sign-off marks one verdict as the claim's final one. Append-only too.
CREATE TABLE signoffs (
    id         TEXT PRIMARY KEY,
    claim_id   TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    verdict_id TEXT NOT NULL REFERENCES verdicts(id) ON DELETE CASCADE,
    editor     TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX signoffs_by_claim ON signoffs(claim_id, created_at);

CREATE TABLE notes (
    id         TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    claim_id   TEXT REFERENCES claims(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    reviewer   TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX notes_by_claim ON notes(claim_id);
CREATE INDEX notes_by_article ON notes(article_id);

-- Append-only change log: every write adds rows here in the same transaction.
-- One user action is one batch; undo reverses a batch; merge replays field edits by time.
-- A claim, source, link or verdict has no `create` entry while its row exists: the row
-- (its created_at and creator) stands for it, and its creation is written here, under
-- a derived id, before the row goes (src/store/creations.rs). One write time per
-- reviewer is one action, so the rows an action made are found by that time.
CREATE TABLE changes (
    id        TEXT PRIMARY KEY,
    batch     TEXT NOT NULL,
    at        TEXT NOT NULL,
    reviewer  TEXT NOT NULL,
    entity    TEXT NOT NULL,                -- article | claim | source | link | verdict | signoff | note | rating
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL,                -- create | update | delete | undo | conflict
    field     TEXT,                         -- the field an update changed
    old_value TEXT,                         -- JSON
    new_value TEXT                          -- JSON
) STRICT;
CREATE INDEX changes_by_entity ON changes(entity_id, at);
CREATE INDEX changes_by_time ON changes(at);
CREATE INDEX changes_by_batch ON changes(batch);

-- Full-text search over everything a reviewer may look for. Contentless: the text stays
-- in the tables above, and an entry's rowid says whose it is: the kind's code (article 1,
-- claim 2, verdict 3, note 4, source 5, link 6) times 2^40 plus the rowid of the
-- entity's row (src/store/merge/fts.rs). Characters of scripts written without spaces
-- (Chinese, Japanese, Thai, ...) are indexed as words of their own.
CREATE VIRTUAL TABLE search_index USING fts5(
    title, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
