-- A holding's number of users moves from its identity to its presence runs: a holding is (client, resource,
-- permission, consentType), and each run of days it was present in a tenant's snapshots carries its
-- principalCount then. When the count changes, the holding's run ends and another run of it begins.
--
-- Why: the count was part of the holding's unique key, so every change of it stored a new holding (its row
-- and its index entry) besides the run. Under daily churn the users of many holdings change by one: in a
-- year of daily exports of a 10,000-grant tenant, 10,500 holdings were added for 5,200 that existed (issue
-- 17's year target is 1.5 times the database after one export).
--
-- Holdings that differ only in their count are one holding now, under the smallest of their keys; each
-- run takes the count of the holding it was a run of. One holding's runs never overlap in a tenant (a
-- snapshot has one count per holding), so the runs keep their (holdingKey, firstDay) keys distinct. Views
-- name both tables: renamed the legacy way, the new tables take the old names without SQLite checking the
-- views against a schema in which those names are missing for a moment.

PRAGMA legacy_alter_table = ON;

CREATE TEMP TABLE holdingIdentity AS
SELECT min(holdingKey) AS holdingKey, clientKey, resourceKey, permissionKey, consentType
FROM holding GROUP BY resourceKey, permissionKey, clientKey, consentType;
CREATE UNIQUE INDEX temp.holdingIdentityByValues ON holdingIdentity(resourceKey, permissionKey, clientKey, consentType);

CREATE TABLE rebuiltHolding (
    holdingKey INTEGER PRIMARY KEY,
    clientKey INTEGER NOT NULL,
    resourceKey INTEGER NOT NULL,
    permissionKey INTEGER NOT NULL,
    consentType TEXT NOT NULL CHECK (consentType = 'AllPrincipals' OR consentType = 'Principal' OR consentType = 'Application'),
    UNIQUE (resourceKey, permissionKey, clientKey, consentType)
) STRICT;
INSERT INTO rebuiltHolding (holdingKey, clientKey, resourceKey, permissionKey, consentType)
SELECT holdingKey, clientKey, resourceKey, permissionKey, consentType FROM temp.holdingIdentity ORDER BY holdingKey;

CREATE TABLE rebuiltHoldingRun (
    holdingKey INTEGER NOT NULL,
    tenantKey INTEGER NOT NULL,
    firstDay INTEGER NOT NULL,
    lastDay INTEGER NOT NULL CHECK (lastDay >= firstDay),
    principalCount INTEGER NOT NULL CHECK (principalCount >= 0),
    PRIMARY KEY (holdingKey, firstDay)
) STRICT, WITHOUT ROWID;
INSERT INTO rebuiltHoldingRun (holdingKey, tenantKey, firstDay, lastDay, principalCount)
SELECT i.holdingKey, p.tenantKey, p.firstDay, p.lastDay, h.principalCount
FROM holdingRun p
JOIN holding h ON h.holdingKey = p.holdingKey
JOIN temp.holdingIdentity i
  ON i.resourceKey = h.resourceKey AND i.permissionKey = h.permissionKey AND i.clientKey = h.clientKey AND i.consentType = h.consentType
ORDER BY i.holdingKey, p.firstDay;

DROP TABLE holdingRun;
DROP TABLE holding;
ALTER TABLE rebuiltHolding RENAME TO holding;
ALTER TABLE rebuiltHoldingRun RENAME TO holdingRun;
CREATE INDEX holdingRunByLastDay ON holdingRun(tenantKey, lastDay, firstDay);
DROP TABLE temp.holdingIdentity;

PRAGMA legacy_alter_table = OFF;

DROP VIEW holdingPresence;
CREATE VIEW holdingPresence AS
SELECT p.holdingKey, t.tenantId, date(p.firstDay * 86400, 'unixepoch') AS firstSeen, date(p.lastDay * 86400, 'unixepoch') AS lastSeen,
       p.principalCount
FROM holdingRun p JOIN tenant t ON t.tenantKey = p.tenantKey;

UPDATE schemaNote
SET summary = 'Holdings, stored at import: (client, resource, permission, consentType), unresolved; their numbers of users are in holdingRun.'
WHERE name = 'holding';
UPDATE schemaNote
SET summary = 'Runs of days (firstDay .. lastDay, days since 1970-01-01) in which each holding was present in its tenant''s snapshots, with its principalCount then; lastDay 2932896 (9999-12-31) while open.'
WHERE name = 'holdingRun';
UPDATE schemaNote
SET summary = 'View over holdingRun: runs of snapshot dates (firstSeen .. lastSeen) in which each holding was present, with its principalCount; lastSeen is 9999-12-31 while the run reaches the tenant''s latest snapshot.'
WHERE name = 'holdingPresence';
