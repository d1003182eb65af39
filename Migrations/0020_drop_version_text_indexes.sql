-- The grant and assignment tables lose their UNIQUE (tenantId, id, contentHash) index. An import finds a
-- tenant's stored versions by content digest in memory (StoredVersions) and every read goes by versionKey, so
-- the index served nothing but its own upkeep: a random insert per new version into an index of 130 bytes
-- an entry, 8 of the 10 seconds SQLite itself takes to write a million grant rows. `check` verifies that no
-- content is stored twice.
--
-- SQLite cannot drop a UNIQUE constraint: both tables are rebuilt with the same columns in the same order
-- (the views select g.* and a.*), and the views over them are dropped and made again as 0006 defined them.

DROP VIEW adminConsentHolding;
DROP VIEW permissionHolding;
DROP VIEW delegatedGrantScope;
DROP VIEW oauth2PermissionGrantAt;
DROP VIEW appRoleAssignmentAt;

CREATE TABLE rebuiltGrant (
    versionKey INTEGER PRIMARY KEY,
    tenantId TEXT NOT NULL,
    id TEXT NOT NULL,
    clientId TEXT NOT NULL,
    consentType TEXT NOT NULL CHECK (consentType IN ('AllPrincipals', 'Principal')),
    principalId TEXT CHECK ((principalId IS NULL) = (consentType = 'AllPrincipals')),
    resourceId TEXT NOT NULL,
    scopeSetKey INTEGER NOT NULL REFERENCES scopeSet(scopeSetKey),
    contentHash TEXT NOT NULL
) STRICT;
INSERT INTO rebuiltGrant SELECT * FROM oauth2PermissionGrant ORDER BY versionKey;
DROP TABLE oauth2PermissionGrant;
ALTER TABLE rebuiltGrant RENAME TO oauth2PermissionGrant;

CREATE TABLE rebuiltAssignment (
    versionKey INTEGER PRIMARY KEY,
    tenantId TEXT NOT NULL,
    id TEXT NOT NULL,
    appRoleId TEXT NOT NULL,
    principalId TEXT NOT NULL,
    principalType TEXT NOT NULL,
    principalDisplayName TEXT,
    resourceId TEXT NOT NULL,
    resourceDisplayName TEXT,
    createdDateTime TEXT,
    contentHash TEXT NOT NULL
) STRICT;
INSERT INTO rebuiltAssignment SELECT * FROM appRoleAssignment ORDER BY versionKey;
DROP TABLE appRoleAssignment;
ALTER TABLE rebuiltAssignment RENAME TO appRoleAssignment;

CREATE VIEW oauth2PermissionGrantAt AS
SELECT o.snapshotKey, o.asOf, g.*, ss.scope
FROM tenantSnapshotObject o
JOIN oauth2PermissionGrant g ON g.versionKey = o.versionKey
JOIN scopeSet ss ON ss.scopeSetKey = g.scopeSetKey
WHERE o.collection = 'oauth2PermissionGrant';

CREATE VIEW appRoleAssignmentAt AS
SELECT o.snapshotKey, o.asOf, a.*
FROM tenantSnapshotObject o
JOIN appRoleAssignment a ON a.versionKey = o.versionKey
WHERE o.collection = 'appRoleAssignment';

CREATE VIEW delegatedGrantScope AS
SELECT g.snapshotKey, g.tenantId, g.asOf, g.id AS grantId, g.clientId, g.consentType, g.principalId,
       g.resourceId, v.value AS permission
FROM oauth2PermissionGrantAt g
JOIN scopeSetValue v ON v.scopeSetKey = g.scopeSetKey;

CREATE VIEW permissionHolding AS
WITH
    delegated AS (
        SELECT snapshotKey, tenantId, asOf, clientId, resourceId, consentType, v.value AS permission,
               CASE consentType WHEN 'Principal' THEN sum(users) END AS principalCount
        FROM (SELECT snapshotKey, tenantId, asOf, clientId, resourceId, consentType, scopeSetKey,
                     count(DISTINCT principalId) AS users
              FROM oauth2PermissionGrantAt
              GROUP BY snapshotKey, clientId, resourceId, consentType, scopeSetKey) g
        JOIN scopeSetValue v ON v.scopeSetKey = g.scopeSetKey
        GROUP BY snapshotKey, clientId, resourceId, consentType, v.value),
    application AS (
        SELECT DISTINCT snapshotKey, tenantId, asOf, principalId AS clientId, resourceId, appRoleId
        FROM appRoleAssignmentAt
        WHERE principalType = 'ServicePrincipal' AND appRoleId <> '00000000-0000-0000-0000-000000000000'),
    resolved AS (
        SELECT d.snapshotKey, d.tenantId, d.asOf, d.clientId, d.resourceId, r.appId AS resourceAppId, d.permission,
               coalesce(ss.id, cp.permissionId) AS permissionId, 'delegated' AS kind, d.consentType, d.principalCount,
               CASE WHEN ss.id IS NOT NULL THEN ss.type = 'Admin' ELSE cp.requiresAdminConsent END AS requiresAdminConsent,
               CASE WHEN ss.id IS NOT NULL THEN 'resourceServicePrincipal' ELSE cp.requiresAdminConsentSource END AS resolvedBy,
               cp.privilegeLevel
        FROM delegated d
        LEFT JOIN servicePrincipalAt r ON r.snapshotKey = d.snapshotKey AND r.id = d.resourceId
        LEFT JOIN servicePrincipalScope ss ON ss.versionKey = r.versionKey AND ss.value = d.permission
        LEFT JOIN catalogPermission cp ON cp.resourceAppId = r.appId AND cp.kind = 'delegated' AND cp.permission = d.permission
        UNION ALL
        SELECT a.snapshotKey, a.tenantId, a.asOf, a.clientId, a.resourceId, r.appId, coalesce(ar.value, cp.permission),
               a.appRoleId, 'application', 'Application', NULL,
               CASE WHEN ar.id IS NOT NULL OR cp.permissionKey IS NOT NULL THEN 1 END,
               CASE WHEN ar.id IS NOT NULL THEN 'resourceServicePrincipal' WHEN cp.permissionKey IS NOT NULL THEN 'catalog' END,
               cp.privilegeLevel
        FROM application a
        LEFT JOIN servicePrincipalAt r ON r.snapshotKey = a.snapshotKey AND r.id = a.resourceId
        LEFT JOIN servicePrincipalAppRole ar ON ar.versionKey = r.versionKey AND ar.id = a.appRoleId
        LEFT JOIN catalogPermission cp ON cp.resourceAppId = r.appId AND cp.kind = 'application' AND cp.permissionId = a.appRoleId)
SELECT h.tenantId, h.snapshotKey, h.asOf, h.clientId, c.appId AS clientAppId, c.displayName AS clientDisplayName,
       c.publisher, c.verifiedPublisherName, h.resourceId, h.resourceAppId, r.displayName AS resourceDisplayName,
       h.permission, h.permissionId, h.kind, h.consentType, h.principalCount, h.requiresAdminConsent,
       h.resolvedBy, h.privilegeLevel
FROM resolved h
LEFT JOIN servicePrincipalAt c ON c.snapshotKey = h.snapshotKey AND c.id = h.clientId
LEFT JOIN servicePrincipalAt r ON r.snapshotKey = h.snapshotKey AND r.id = h.resourceId;

CREATE VIEW adminConsentHolding AS
SELECT h.*
FROM permissionHolding h
JOIN latestTenantSnapshot l ON l.id = h.snapshotKey
WHERE h.requiresAdminConsent = 1 OR h.requiresAdminConsent IS NULL;
