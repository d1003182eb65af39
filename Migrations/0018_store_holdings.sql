-- Holdings stored once, at import: which app holds which permission on which resource, how (kind,
-- consent type) and for how many users, kept as versions with presence runs like every other tenant
-- object, so that report, diff and show read them instead of expanding grants. The grant groups of 0011
-- (one row per snapshot and scope string) assumed an app's users share one or two scope strings; with
-- incremental consent nearly every grant has its own, the groups grew with the grants, and a year of
-- daily snapshots would have copied them every day. Holdings replace them.
--
-- A holding is stored as granted: a delegated scope's value, an app role's id. What it means (its admin
-- consent requirement, privilege, the role's name) comes from the resource's published permissions and
-- the catalog when it is read, so a catalog import changes no stored holding.
-- Apps and permissions are interned as integer keys: the holdings' unique index holds only integers.

-- The tenant objects holdings name (clients and resources), one integer key per tenant and object id.
CREATE TABLE tenantObject (
    objectKey INTEGER PRIMARY KEY,
    tenantId TEXT NOT NULL,
    id TEXT NOT NULL,
    UNIQUE (tenantId, id)
) STRICT;

-- A permission as grants and assignments name it: a delegated scope's value, an app role's id.
CREATE TABLE heldPermission (
    permissionKey INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('delegated', 'application')),
    name TEXT NOT NULL,
    UNIQUE (kind, name)
) STRICT;

-- A holding version. principalCount: the users of Principal grants (the sum over the client's scope
-- strings of their distinct principals, as permissionHolding counts them), 0 for AllPrincipals and
-- Application, so that equal holdings are one row.
CREATE TABLE holding (
    holdingKey INTEGER PRIMARY KEY,
    clientKey INTEGER NOT NULL REFERENCES tenantObject(objectKey),
    resourceKey INTEGER NOT NULL REFERENCES tenantObject(objectKey),
    permissionKey INTEGER NOT NULL REFERENCES heldPermission(permissionKey),
    consentType TEXT NOT NULL CHECK (consentType IN ('AllPrincipals', 'Principal', 'Application')),
    principalCount INTEGER NOT NULL CHECK (principalCount >= 0),
    UNIQUE (clientKey, resourceKey, permissionKey, consentType, principalCount)
) STRICT;
-- Who holds a permission on a resource (show's holders), and every holding on a changed resource (diff).
CREATE INDEX holdingByResource ON holding(resourceKey, permissionKey);

-- The runs of snapshot dates in which a holding version was present, as tenantPresence's.
CREATE TABLE holdingPresence (
    holdingKey INTEGER NOT NULL REFERENCES holding(holdingKey),
    tenantId TEXT NOT NULL,
    firstSeen TEXT NOT NULL,
    lastSeen TEXT NOT NULL CHECK (lastSeen >= firstSeen),
    PRIMARY KEY (holdingKey, firstSeen)
) STRICT, WITHOUT ROWID;
CREATE INDEX holdingPresenceByLastSeen ON holdingPresence(tenantId, lastSeen, firstSeen);

-- The snapshots already stored: their holdings, computed as permissionHolding groups them.
CREATE TEMP TABLE snapshotHolding AS
SELECT g.snapshotKey, s.tenantId, s.asOf, g.clientId, g.resourceId, 'delegated' AS kind, v.value AS name, g.consentType,
       sum(g.principalCount) AS principalCount
FROM grantGroup g
JOIN tenantSnapshot s ON s.id = g.snapshotKey
JOIN scopeSetValue v ON v.scopeSetKey = g.scopeSetKey
GROUP BY g.snapshotKey, g.clientId, g.resourceId, g.consentType, v.value
UNION ALL
SELECT DISTINCT snapshotKey, tenantId, asOf, principalId, resourceId, 'application', appRoleId, 'Application', 0
FROM appRoleAssignmentAt
WHERE principalType = 'ServicePrincipal' AND appRoleId <> '00000000-0000-0000-0000-000000000000';

INSERT OR IGNORE INTO tenantObject (tenantId, id)
SELECT tenantId, clientId FROM temp.snapshotHolding UNION SELECT tenantId, resourceId FROM temp.snapshotHolding ORDER BY 1, 2;
INSERT OR IGNORE INTO heldPermission (kind, name) SELECT DISTINCT kind, name FROM temp.snapshotHolding ORDER BY 1, 2;

CREATE TEMP TABLE keyedHolding AS
SELECT h.snapshotKey, h.tenantId, h.asOf, c.objectKey AS clientKey, r.objectKey AS resourceKey, p.permissionKey,
       h.consentType, h.principalCount
FROM temp.snapshotHolding h
JOIN tenantObject c ON c.tenantId = h.tenantId AND c.id = h.clientId
JOIN tenantObject r ON r.tenantId = h.tenantId AND r.id = h.resourceId
JOIN heldPermission p ON p.kind = h.kind AND p.name = h.name;

INSERT OR IGNORE INTO holding (clientKey, resourceKey, permissionKey, consentType, principalCount)
SELECT DISTINCT clientKey, resourceKey, permissionKey, consentType, principalCount FROM temp.keyedHolding ORDER BY 1, 2, 3, 4, 5;

-- A run is a stretch of consecutive snapshots of the tenant: rows whose snapshot number minus their own
-- number among the holding's snapshots is the same.
INSERT INTO holdingPresence (holdingKey, tenantId, firstSeen, lastSeen)
WITH
    numbered AS (SELECT id, row_number() OVER (PARTITION BY tenantId ORDER BY asOf) AS n FROM tenantSnapshot),
    present AS (
        SELECT h.holdingKey, k.tenantId, k.asOf,
               n.n - row_number() OVER (PARTITION BY h.holdingKey ORDER BY k.asOf) AS run
        FROM temp.keyedHolding k
        JOIN numbered n ON n.id = k.snapshotKey
        JOIN holding h ON h.clientKey = k.clientKey AND h.resourceKey = k.resourceKey AND h.permissionKey = k.permissionKey
                      AND h.consentType = k.consentType AND h.principalCount = k.principalCount)
SELECT holdingKey, tenantId, min(asOf), max(asOf) FROM present GROUP BY holdingKey, run ORDER BY 1, 3;

DROP TABLE temp.keyedHolding;
DROP TABLE temp.snapshotHolding;
DROP TABLE grantGroup;
DELETE FROM schemaNote WHERE name = 'grantGroup';

INSERT INTO schemaNote (name, summary) VALUES
    ('tenantObject', 'Integer keys of the tenant objects holdings name (clients and resources), per tenant and object id.'),
    ('heldPermission', 'Integer keys of permissions as granted: a delegated scope''s value, an app role''s id.'),
    ('holding', 'Holding versions, stored at import: (client, resource, permission, consentType, principalCount), unresolved.'),
    ('holdingPresence', 'Runs of snapshot dates (firstSeen .. lastSeen) in which each holding version was present.');
