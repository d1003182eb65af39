-- Two indexes that an import wrote in random order are replaced by ones it writes in key order.
--
-- scopeSet loses its UNIQUE (scope) index. With incremental consent nearly every grant brings its own scope
-- string: a million random inserts into an index of 120-byte strings, which outgrew the import's cache and
-- took 6 of the 7 seconds SQLite spent on the table. A scope string is now found by scopeHash, a 32-bit
-- multiplicative hash of its Unicode code points (ScopeSetHash): an index of small integers, each match compared by
-- its text, so two strings with one hash are told apart. `check` verifies every hash and that no scope
-- string is stored twice.
--
-- holding's unique index leads with the resource, as holdingByResource did, which it replaces: show's
-- holders and diff read a resource's holdings by its prefix, and the import writes new holdings in its
-- order, so both of the table's b-trees are appended to. Before, the second index took every new holding
-- at a random place: 10 of the 13 seconds that storing 1.7 million holdings took.
--
-- SQLite cannot drop a UNIQUE constraint: both tables are rebuilt with their columns in the same order, and
-- the views over scopeSet are dropped and made again as 0020 defined them.

DROP VIEW adminConsentHolding;
DROP VIEW permissionHolding;
DROP VIEW delegatedGrantScope;
DROP VIEW oauth2PermissionGrantAt;

-- h = (h * 16777619 + code point) mod 2^32 over the string, from 2166136261: eight code points a step
-- while eight are left, then one.
CREATE TEMP TABLE scopeSetHash AS
WITH RECURSIVE step (scopeSetKey, rest, hash) AS (
    SELECT scopeSetKey, scope, 2166136261 FROM scopeSet
    UNION ALL
    SELECT scopeSetKey,
           substr(rest, CASE WHEN length(rest) >= 8 THEN 9 ELSE 2 END),
           CASE WHEN length(rest) >= 8
                THEN ((((((((((((((((hash * 16777619 + unicode(substr(rest, 1, 1))) & 4294967295) * 16777619 + unicode(substr(rest, 2, 1))) & 4294967295) * 16777619 + unicode(substr(rest, 3, 1))) & 4294967295) * 16777619 + unicode(substr(rest, 4, 1))) & 4294967295) * 16777619 + unicode(substr(rest, 5, 1))) & 4294967295) * 16777619 + unicode(substr(rest, 6, 1))) & 4294967295) * 16777619 + unicode(substr(rest, 7, 1))) & 4294967295) * 16777619 + unicode(substr(rest, 8, 1))) & 4294967295)
                ELSE (hash * 16777619 + unicode(rest)) & 4294967295 END
    FROM step WHERE rest <> '')
SELECT scopeSetKey, hash FROM step WHERE rest = '';

CREATE TABLE rebuiltScopeSet (
    scopeSetKey INTEGER PRIMARY KEY,
    scope TEXT NOT NULL,
    scopeHash INTEGER NOT NULL CHECK (scopeHash BETWEEN 0 AND 4294967295)
) STRICT;
INSERT INTO rebuiltScopeSet (scopeSetKey, scope, scopeHash)
SELECT s.scopeSetKey, s.scope, h.hash FROM scopeSet s JOIN temp.scopeSetHash h ON h.scopeSetKey = s.scopeSetKey ORDER BY s.scopeSetKey;
DROP TABLE temp.scopeSetHash;
DROP TABLE scopeSet;
ALTER TABLE rebuiltScopeSet RENAME TO scopeSet;
CREATE INDEX scopeSetByHash ON scopeSet(scopeHash);

DROP INDEX holdingByResource;
CREATE TABLE rebuiltHolding (
    holdingKey INTEGER PRIMARY KEY,
    clientKey INTEGER NOT NULL REFERENCES tenantObject(objectKey),
    resourceKey INTEGER NOT NULL REFERENCES tenantObject(objectKey),
    permissionKey INTEGER NOT NULL REFERENCES heldPermission(permissionKey),
    consentType TEXT NOT NULL CHECK (consentType IN ('AllPrincipals', 'Principal', 'Application')),
    principalCount INTEGER NOT NULL CHECK (principalCount >= 0),
    UNIQUE (resourceKey, permissionKey, clientKey, consentType, principalCount)
) STRICT;
INSERT INTO rebuiltHolding SELECT holdingKey, clientKey, resourceKey, permissionKey, consentType, principalCount FROM holding ORDER BY holdingKey;
DROP TABLE holding;
ALTER TABLE rebuiltHolding RENAME TO holding;

CREATE VIEW oauth2PermissionGrantAt AS
SELECT o.snapshotKey, o.asOf, g.*, ss.scope
FROM tenantSnapshotObject o
JOIN oauth2PermissionGrant g ON g.versionKey = o.versionKey
JOIN scopeSet ss ON ss.scopeSetKey = g.scopeSetKey
WHERE o.collection = 'oauth2PermissionGrant';

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

UPDATE schemaNote
SET summary = 'Distinct grant scope strings, stored once; scopeHash is a 32-bit hash of the code points (h * 16777619 + c mod 2^32), which the import finds a string by.'
WHERE name = 'scopeSet';
