-- Microsoft Graph activity logs, aggregated: what each app called, per day, method, catalog template and
-- status class (least-privilege advice, issue 19). Raw request URIs hold user names and object ids and are
-- not kept; each import stores only its aggregates.

-- One import of activity-log files: their set of contents (hash), the window of the events it read and
-- what it counted.
CREATE TABLE activityImport (
    id INTEGER PRIMARY KEY,
    -- The tenant the records name (their tenantId), null when they do not say.
    tenantId TEXT,
    fileSetHash TEXT NOT NULL UNIQUE,
    -- storage (JSON Lines or {"records": [...]}), logAnalytics ({"tables": [...]}), objects (a list or
    -- NDJSON of flat objects); several when the import mixed them, comma-separated.
    format TEXT NOT NULL,
    firstEventAt TEXT,
    lastEventAt TEXT,
    recordsRead INTEGER NOT NULL,
    recordsDuplicate INTEGER NOT NULL,
    importedAt TEXT NOT NULL
) STRICT;

-- One row per (import, day, app, scheme, method, API version, template, how it matched, status class):
-- the number of calls and when the first and last were made. `template` is the catalog's path as
-- permaudit matches it (lower case, every parameter `{id}`); for a call that matched no catalog template it
-- is the request's path with ids replaced by shape, and matchKind is 'unmatched'.
CREATE TABLE graphCall (
    importKey INTEGER NOT NULL REFERENCES activityImport(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    appId TEXT NOT NULL,
    scheme TEXT NOT NULL CHECK (scheme IN ('application', 'delegated')),
    method TEXT NOT NULL,
    apiVersion TEXT NOT NULL,
    template TEXT NOT NULL,
    matchKind TEXT NOT NULL CHECK (matchKind IN ('exact', 'dollarStripped', 'meAlias', 'unmatched')),
    -- 2xx, 403, 4xx (other), 429, 5xx
    statusClass TEXT NOT NULL,
    calls INTEGER NOT NULL,
    firstSeen TEXT NOT NULL,
    lastSeen TEXT NOT NULL,
    PRIMARY KEY (importKey, day, appId, scheme, method, apiVersion, template, matchKind, statusClass)
) STRICT, WITHOUT ROWID;

CREATE INDEX graphCallByApp ON graphCall (appId, scheme);

INSERT INTO schemaNote (name, summary) VALUES
    ('activityImport', 'Each import of Microsoft Graph activity logs: file-set hash, format, event window, records read and duplicates dropped.'),
    ('graphCall', 'Graph activity aggregated per day, app, scheme, method, catalog template and status class, with call counts.');
