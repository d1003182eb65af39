-- Live syncs from Microsoft Graph (`permaudit sync`). A run reads collections page by page; each page is
-- committed with the cursor that follows it, so a killed run loses at most the page in flight and resumes.
-- The tenant snapshot is made from the staged pages, by the ordinary importer, only when every collection is
-- complete (or, flagged, when the user accepts an incomplete one). Staged pages are deleted once it is made.

CREATE TABLE syncRun (
    id INTEGER PRIMARY KEY,
    graphUrl TEXT NOT NULL,
    tenantId TEXT NOT NULL,
    asOf TEXT NOT NULL CHECK (asOf GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    startedAt TEXT NOT NULL,
    finishedAt TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'incomplete', 'failed')),
    -- The snapshot made from this run; flagged when made from incomplete collections (--accept-incomplete).
    snapshotKey INTEGER REFERENCES tenantSnapshot(id) ON DELETE SET NULL,
    flagged INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
    -- One line: why the run stopped.
    problem TEXT
) STRICT;

-- One row per collection read: organization, servicePrincipals, oauth2PermissionGrants, and
-- appRoleAssignedTo/{resource id} for each service principal that publishes app roles.
CREATE TABLE syncCollection (
    runKey INTEGER NOT NULL REFERENCES syncRun(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    firstUrl TEXT NOT NULL,
    -- The next page to read: NULL once the listing ended without an @odata.nextLink.
    nextUrl TEXT,
    pages INTEGER NOT NULL DEFAULT 0,
    received INTEGER NOT NULL DEFAULT 0,
    uniqueReceived INTEGER,
    -- Graph's count ($count, ConsistencyLevel: eventual) before and after the listing.
    expectedStart INTEGER,
    expectedEnd INTEGER,
    -- 1 for the first read; a count mismatch or an expired page token reads it again from the start.
    reads INTEGER NOT NULL DEFAULT 1,
    -- abandoned: a request was given up (resume continues from nextUrl); incomplete: read twice and still
    -- short of Graph's counts (resume reads it again); vanished: the resource was deleted during the sync.
    status TEXT NOT NULL CHECK (status IN ('reading', 'complete', 'incomplete', 'abandoned', 'vanished')),
    problem TEXT,
    PRIMARY KEY (runKey, name)
) STRICT;

-- The pages as Graph sent them: the importer reads them as it reads an export's files.
CREATE TABLE syncPage (
    runKey INTEGER NOT NULL,
    collection TEXT NOT NULL,
    pageNumber INTEGER NOT NULL,
    itemCount INTEGER NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (runKey, collection, pageNumber),
    FOREIGN KEY (runKey, collection) REFERENCES syncCollection(runKey, name) ON DELETE CASCADE
) STRICT;

INSERT INTO schemaNote (name, summary) VALUES
    ('syncRun', 'Each permaudit sync from Microsoft Graph: its tenant, date, status and the snapshot it made.'),
    ('syncCollection', 'Each collection a sync read, with its completeness record: pages, received, unique, Graph''s counts, status.'),
    ('syncPage', 'The pages a sync has read and not yet made into a snapshot, as Graph sent them.');
