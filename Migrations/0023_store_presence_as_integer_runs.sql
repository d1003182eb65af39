-- Presence runs as integers. A run of tenantPresence repeated its tenant's id (36 bytes), its collection's
-- name and two text dates, in the row and again in its index: 194 bytes a run, 223 of the 767 MB of a
-- realistic million-grant database, and the import wrote every byte twice (the WAL). Now:
--
-- - tenant interns each tenant id as a tenantKey;
-- - each collection has its own run table (servicePrincipalRun, oauth2PermissionGrantRun,
--   appRoleAssignmentRun), and holdings theirs (holdingRun), so no row names its collection;
-- - dates are day numbers, days since 1970-01-01 (julianday(date) - 2440587.5): an open run's lastDay is
--   2932896, 9999-12-31.
--
-- tenantPresence and holdingPresence stay, as views with their columns and values, for admins' SQL; the
-- views over snapshots join the run tables by day (tenantSnapshotDay).

CREATE TABLE tenant (
    tenantKey INTEGER PRIMARY KEY,
    tenantId TEXT NOT NULL UNIQUE CHECK (tenantId <> '')
) STRICT;

INSERT INTO tenant (tenantId)
SELECT tenantId FROM tenantSnapshot
UNION SELECT tenantId FROM tenantPresence
UNION SELECT tenantId FROM holdingPresence
ORDER BY 1;

CREATE TABLE servicePrincipalRun (
    versionKey INTEGER NOT NULL,
    tenantKey INTEGER NOT NULL REFERENCES tenant(tenantKey),
    firstDay INTEGER NOT NULL,
    lastDay INTEGER NOT NULL CHECK (lastDay >= firstDay),
    PRIMARY KEY (versionKey, firstDay)
) STRICT, WITHOUT ROWID;
CREATE INDEX servicePrincipalRunByLastDay ON servicePrincipalRun(tenantKey, lastDay);

CREATE TABLE oauth2PermissionGrantRun (
    versionKey INTEGER NOT NULL,
    tenantKey INTEGER NOT NULL REFERENCES tenant(tenantKey),
    firstDay INTEGER NOT NULL,
    lastDay INTEGER NOT NULL CHECK (lastDay >= firstDay),
    PRIMARY KEY (versionKey, firstDay)
) STRICT, WITHOUT ROWID;
CREATE INDEX oauth2PermissionGrantRunByLastDay ON oauth2PermissionGrantRun(tenantKey, lastDay);

CREATE TABLE appRoleAssignmentRun (
    versionKey INTEGER NOT NULL,
    tenantKey INTEGER NOT NULL REFERENCES tenant(tenantKey),
    firstDay INTEGER NOT NULL,
    lastDay INTEGER NOT NULL CHECK (lastDay >= firstDay),
    PRIMARY KEY (versionKey, firstDay)
) STRICT, WITHOUT ROWID;
CREATE INDEX appRoleAssignmentRunByLastDay ON appRoleAssignmentRun(tenantKey, lastDay);

CREATE TABLE holdingRun (
    holdingKey INTEGER NOT NULL REFERENCES holding(holdingKey),
    tenantKey INTEGER NOT NULL REFERENCES tenant(tenantKey),
    firstDay INTEGER NOT NULL,
    lastDay INTEGER NOT NULL CHECK (lastDay >= firstDay),
    PRIMARY KEY (holdingKey, firstDay)
) STRICT, WITHOUT ROWID;
CREATE INDEX holdingRunByLastDay ON holdingRun(tenantKey, lastDay, firstDay);

INSERT INTO servicePrincipalRun (versionKey, tenantKey, firstDay, lastDay)
SELECT p.versionKey, t.tenantKey, CAST(julianday(p.firstSeen) - 2440587.5 AS INTEGER), CAST(julianday(p.lastSeen) - 2440587.5 AS INTEGER)
FROM tenantPresence p JOIN tenant t ON t.tenantId = p.tenantId
WHERE p.collection = 'servicePrincipal' ORDER BY p.versionKey, p.firstSeen;

INSERT INTO oauth2PermissionGrantRun (versionKey, tenantKey, firstDay, lastDay)
SELECT p.versionKey, t.tenantKey, CAST(julianday(p.firstSeen) - 2440587.5 AS INTEGER), CAST(julianday(p.lastSeen) - 2440587.5 AS INTEGER)
FROM tenantPresence p JOIN tenant t ON t.tenantId = p.tenantId
WHERE p.collection = 'oauth2PermissionGrant' ORDER BY p.versionKey, p.firstSeen;

INSERT INTO appRoleAssignmentRun (versionKey, tenantKey, firstDay, lastDay)
SELECT p.versionKey, t.tenantKey, CAST(julianday(p.firstSeen) - 2440587.5 AS INTEGER), CAST(julianday(p.lastSeen) - 2440587.5 AS INTEGER)
FROM tenantPresence p JOIN tenant t ON t.tenantId = p.tenantId
WHERE p.collection = 'appRoleAssignment' ORDER BY p.versionKey, p.firstSeen;

INSERT INTO holdingRun (holdingKey, tenantKey, firstDay, lastDay)
SELECT p.holdingKey, t.tenantKey, CAST(julianday(p.firstSeen) - 2440587.5 AS INTEGER), CAST(julianday(p.lastSeen) - 2440587.5 AS INTEGER)
FROM holdingPresence p JOIN tenant t ON t.tenantId = p.tenantId
ORDER BY p.holdingKey, p.firstSeen;

DROP VIEW tenantSnapshotObject;
DROP VIEW servicePrincipalAt;
DROP VIEW oauth2PermissionGrantAt;
DROP VIEW appRoleAssignmentAt;
DROP TABLE tenantPresence;
DROP TABLE holdingPresence;

-- Each tenant snapshot with its tenant's key and its date as a day number: what the runs are joined by.
CREATE VIEW tenantSnapshotDay AS
SELECT s.id AS snapshotKey, s.tenantId, s.asOf, t.tenantKey, CAST(julianday(s.asOf) - 2440587.5 AS INTEGER) AS day
FROM tenantSnapshot s
JOIN tenant t ON t.tenantId = s.tenantId;

CREATE VIEW tenantPresence AS
SELECT 'servicePrincipal' AS collection, p.versionKey, t.tenantId,
       date(p.firstDay * 86400, 'unixepoch') AS firstSeen, date(p.lastDay * 86400, 'unixepoch') AS lastSeen
FROM servicePrincipalRun p JOIN tenant t ON t.tenantKey = p.tenantKey
UNION ALL
SELECT 'oauth2PermissionGrant', p.versionKey, t.tenantId, date(p.firstDay * 86400, 'unixepoch'), date(p.lastDay * 86400, 'unixepoch')
FROM oauth2PermissionGrantRun p JOIN tenant t ON t.tenantKey = p.tenantKey
UNION ALL
SELECT 'appRoleAssignment', p.versionKey, t.tenantId, date(p.firstDay * 86400, 'unixepoch'), date(p.lastDay * 86400, 'unixepoch')
FROM appRoleAssignmentRun p JOIN tenant t ON t.tenantKey = p.tenantKey;

CREATE VIEW holdingPresence AS
SELECT p.holdingKey, t.tenantId, date(p.firstDay * 86400, 'unixepoch') AS firstSeen, date(p.lastDay * 86400, 'unixepoch') AS lastSeen
FROM holdingRun p JOIN tenant t ON t.tenantKey = p.tenantKey;

CREATE VIEW tenantSnapshotObject AS
SELECT s.snapshotKey, s.tenantId, s.asOf, 'servicePrincipal' AS collection, p.versionKey,
       date(p.firstDay * 86400, 'unixepoch') AS firstSeen, date(p.lastDay * 86400, 'unixepoch') AS lastSeen
FROM tenantSnapshotDay s JOIN servicePrincipalRun p ON p.tenantKey = s.tenantKey AND p.firstDay <= s.day AND s.day <= p.lastDay
UNION ALL
SELECT s.snapshotKey, s.tenantId, s.asOf, 'oauth2PermissionGrant', p.versionKey,
       date(p.firstDay * 86400, 'unixepoch'), date(p.lastDay * 86400, 'unixepoch')
FROM tenantSnapshotDay s JOIN oauth2PermissionGrantRun p ON p.tenantKey = s.tenantKey AND p.firstDay <= s.day AND s.day <= p.lastDay
UNION ALL
SELECT s.snapshotKey, s.tenantId, s.asOf, 'appRoleAssignment', p.versionKey,
       date(p.firstDay * 86400, 'unixepoch'), date(p.lastDay * 86400, 'unixepoch')
FROM tenantSnapshotDay s JOIN appRoleAssignmentRun p ON p.tenantKey = s.tenantKey AND p.firstDay <= s.day AND s.day <= p.lastDay;

-- As 0006 and 0022 defined them, over each collection's runs.
CREATE VIEW servicePrincipalAt AS
SELECT s.snapshotKey, s.asOf, sp.*,
       CASE
           WHEN sp.appOwnerOrganizationId IN ('f8cdef31-a31e-4b4a-93e4-5f571e91255a', '72f988bf-86f1-41af-91ab-2d7cd011db47')
                OR sp.appId IN (SELECT m.appId FROM microsoftApplication m
                                WHERE m.snapshotKey IN (SELECT id FROM latestCatalogSnapshot WHERE source = 'microsoftApps'))
               THEN 'microsoft'
           WHEN sp.appOwnerOrganizationId = sp.tenantId THEN 'thisTenant'
           ELSE 'thirdParty'
       END AS publisher
FROM tenantSnapshotDay s
JOIN servicePrincipalRun p ON p.tenantKey = s.tenantKey AND p.firstDay <= s.day AND s.day <= p.lastDay
JOIN servicePrincipal sp ON sp.versionKey = p.versionKey;

CREATE VIEW oauth2PermissionGrantAt AS
SELECT s.snapshotKey, s.asOf, g.*, ss.scope
FROM tenantSnapshotDay s
JOIN oauth2PermissionGrantRun p ON p.tenantKey = s.tenantKey AND p.firstDay <= s.day AND s.day <= p.lastDay
JOIN oauth2PermissionGrant g ON g.versionKey = p.versionKey
JOIN scopeSet ss ON ss.scopeSetKey = g.scopeSetKey;

CREATE VIEW appRoleAssignmentAt AS
SELECT s.snapshotKey, s.asOf, a.*
FROM tenantSnapshotDay s
JOIN appRoleAssignmentRun p ON p.tenantKey = s.tenantKey AND p.firstDay <= s.day AND s.day <= p.lastDay
JOIN appRoleAssignment a ON a.versionKey = p.versionKey;

UPDATE schemaNote
SET summary = 'View over the run tables (servicePrincipalRun, oauth2PermissionGrantRun, appRoleAssignmentRun): runs of snapshot dates (firstSeen .. lastSeen) in which each version was present; lastSeen is 9999-12-31 while the run reaches the tenant''s latest snapshot.'
WHERE name = 'tenantPresence';

UPDATE schemaNote
SET summary = 'View over holdingRun: runs of snapshot dates (firstSeen .. lastSeen) in which each holding version was present; lastSeen is 9999-12-31 while the run reaches the tenant''s latest snapshot.'
WHERE name = 'holdingPresence';

INSERT INTO schemaNote (name, summary) VALUES
    ('tenant', 'Each tenant id once, with the tenantKey the run tables use.'),
    ('servicePrincipalRun', 'Runs of days (firstDay .. lastDay, days since 1970-01-01) in which each service principal version was present in its tenant''s snapshots; lastDay 2932896 (9999-12-31) while open.'),
    ('oauth2PermissionGrantRun', 'Runs of days (firstDay .. lastDay, days since 1970-01-01) in which each grant version was present in its tenant''s snapshots; lastDay 2932896 (9999-12-31) while open.'),
    ('appRoleAssignmentRun', 'Runs of days (firstDay .. lastDay, days since 1970-01-01) in which each app role assignment version was present in its tenant''s snapshots; lastDay 2932896 (9999-12-31) while open.'),
    ('holdingRun', 'Runs of days (firstDay .. lastDay, days since 1970-01-01) in which each holding version was present in its tenant''s snapshots; lastDay 2932896 (9999-12-31) while open.'),
    ('tenantSnapshotDay', 'Each tenant snapshot with its tenantKey and its date as a day number (days since 1970-01-01), to join with the run tables.');
