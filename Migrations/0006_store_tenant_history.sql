-- Tenant history that scales with change, not with the number of snapshots. An object (service principal,
-- grant, app role assignment) is stored once per distinct content, as a version; tenantPresence records the
-- runs of snapshot dates in which each version was present (firstSeen .. lastSeen, as-of dates of the
-- tenant's snapshots). Importing the same export again adds nothing; a changed object adds one version.
-- Grants share their scope strings: a scope set is stored once and split once.
--
-- This replaces 0003's one-copy-per-snapshot tables. permaudit had not been released with them, so their
-- rows are not carried over: a database with tenant snapshots from that build re-imports its exports.

DROP VIEW adminConsentHolding;
DROP VIEW permissionHolding;
DROP VIEW applicationRoleAssignment;
DROP VIEW delegatedGrantScope;
DROP VIEW servicePrincipalPublisher;
DROP TABLE oauth2PermissionGrantScope;
DROP TABLE oauth2PermissionGrant;
DROP TABLE appRoleAssignment;
DROP TABLE servicePrincipalScope;
DROP TABLE servicePrincipalAppRole;
DROP TABLE servicePrincipal;
DELETE FROM tenantSnapshot;
DELETE FROM schemaNote WHERE name IN ('servicePrincipal', 'servicePrincipalScope', 'servicePrincipalAppRole',
    'oauth2PermissionGrant', 'oauth2PermissionGrantScope', 'appRoleAssignment', 'servicePrincipalPublisher',
    'delegatedGrantScope', 'applicationRoleAssignment', 'permissionHolding', 'adminConsentHolding');

CREATE TABLE servicePrincipal (
    versionKey INTEGER PRIMARY KEY,
    tenantId TEXT NOT NULL,
    id TEXT NOT NULL,
    appId TEXT,
    displayName TEXT,
    appOwnerOrganizationId TEXT,
    servicePrincipalType TEXT,
    publisherName TEXT,
    verifiedPublisherId TEXT,
    verifiedPublisherName TEXT,
    accountEnabled INTEGER CHECK (accountEnabled IN (0, 1)),
    contentHash TEXT NOT NULL,
    UNIQUE (tenantId, id, contentHash)
) STRICT;
CREATE INDEX servicePrincipalByAppId ON servicePrincipal(tenantId, appId);

-- The delegated scopes a service principal version publishes: the tenant's own view of an API's catalog.
CREATE TABLE servicePrincipalScope (
    versionKey INTEGER NOT NULL REFERENCES servicePrincipal(versionKey) ON DELETE CASCADE,
    id TEXT NOT NULL,
    value TEXT NOT NULL,
    type TEXT CHECK (type IN ('Admin', 'User')),
    isEnabled INTEGER CHECK (isEnabled IN (0, 1)),
    adminConsentDisplayName TEXT,
    -- Keyed for the lookup every grant scope makes: (API version, scope value).
    PRIMARY KEY (versionKey, value, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE servicePrincipalAppRole (
    versionKey INTEGER NOT NULL REFERENCES servicePrincipal(versionKey) ON DELETE CASCADE,
    id TEXT NOT NULL,
    value TEXT,
    allowedMemberTypes TEXT,
    isEnabled INTEGER CHECK (isEnabled IN (0, 1)),
    displayName TEXT,
    PRIMARY KEY (versionKey, id)
) STRICT, WITHOUT ROWID;

-- A grant's scope string, stored once however many grants carry it, and split on white space once.
CREATE TABLE scopeSet (
    scopeSetKey INTEGER PRIMARY KEY,
    scope TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE scopeSetValue (
    scopeSetKey INTEGER NOT NULL REFERENCES scopeSet(scopeSetKey),
    value TEXT NOT NULL,
    PRIMARY KEY (scopeSetKey, value)
) STRICT, WITHOUT ROWID;

CREATE TABLE oauth2PermissionGrant (
    versionKey INTEGER PRIMARY KEY,
    tenantId TEXT NOT NULL,
    id TEXT NOT NULL,
    clientId TEXT NOT NULL,
    consentType TEXT NOT NULL CHECK (consentType IN ('AllPrincipals', 'Principal')),
    principalId TEXT CHECK ((principalId IS NULL) = (consentType = 'AllPrincipals')),
    resourceId TEXT NOT NULL,
    scopeSetKey INTEGER NOT NULL REFERENCES scopeSet(scopeSetKey),
    contentHash TEXT NOT NULL,
    UNIQUE (tenantId, id, contentHash)
) STRICT;

CREATE TABLE appRoleAssignment (
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
    contentHash TEXT NOT NULL,
    UNIQUE (tenantId, id, contentHash)
) STRICT;

-- The runs of snapshot dates in which a version was present: in every snapshot of its tenant dated
-- firstSeen through lastSeen, and in none just before or just after the run.
CREATE TABLE tenantPresence (
    collection TEXT NOT NULL CHECK (collection IN ('servicePrincipal', 'oauth2PermissionGrant', 'appRoleAssignment')),
    versionKey INTEGER NOT NULL,
    tenantId TEXT NOT NULL,
    firstSeen TEXT NOT NULL,
    lastSeen TEXT NOT NULL CHECK (lastSeen >= firstSeen),
    PRIMARY KEY (collection, versionKey, firstSeen)
) STRICT, WITHOUT ROWID;
CREATE INDEX tenantPresenceByLastSeen ON tenantPresence(tenantId, collection, lastSeen);

-- Each tenant snapshot's objects: the versions present on its date.
CREATE VIEW tenantSnapshotObject AS
SELECT s.id AS snapshotKey, s.tenantId, s.asOf, p.collection, p.versionKey, p.firstSeen, p.lastSeen
FROM tenantSnapshot s
JOIN tenantPresence p ON p.tenantId = s.tenantId AND p.firstSeen <= s.asOf AND s.asOf <= p.lastSeen;

-- Service principals as of each snapshot, with their publisher: microsoft (Microsoft's tenants or the
-- first-party list), thisTenant (owned by the tenant itself) or thirdParty.
CREATE VIEW servicePrincipalAt AS
SELECT o.snapshotKey, o.asOf, sp.*,
       CASE
           WHEN sp.appOwnerOrganizationId IN ('f8cdef31-a31e-4b4a-93e4-5f571e91255a', '72f988bf-86f1-41af-91ab-2d7cd011db47')
                OR sp.appId IN (SELECT m.appId FROM microsoftApplication m
                                WHERE m.snapshotKey IN (SELECT id FROM latestCatalogSnapshot WHERE source = 'microsoftApps'))
               THEN 'microsoft'
           WHEN sp.appOwnerOrganizationId = sp.tenantId THEN 'thisTenant'
           ELSE 'thirdParty'
       END AS publisher
FROM tenantSnapshotObject o
JOIN servicePrincipal sp ON sp.versionKey = o.versionKey
WHERE o.collection = 'servicePrincipal';

-- Grants as of each snapshot.
CREATE VIEW oauth2PermissionGrantAt AS
SELECT o.snapshotKey, o.asOf, g.*, ss.scope
FROM tenantSnapshotObject o
JOIN oauth2PermissionGrant g ON g.versionKey = o.versionKey
JOIN scopeSet ss ON ss.scopeSetKey = g.scopeSetKey
WHERE o.collection = 'oauth2PermissionGrant';

-- App role assignments (to service principals, users and groups) as of each snapshot.
CREATE VIEW appRoleAssignmentAt AS
SELECT o.snapshotKey, o.asOf, a.*
FROM tenantSnapshotObject o
JOIN appRoleAssignment a ON a.versionKey = o.versionKey
WHERE o.collection = 'appRoleAssignment';

-- One row per (snapshot, grant, scope): every delegated permission a grant gives.
CREATE VIEW delegatedGrantScope AS
SELECT g.snapshotKey, g.tenantId, g.asOf, g.id AS grantId, g.clientId, g.consentType, g.principalId,
       g.resourceId, v.value AS permission
FROM oauth2PermissionGrantAt g
JOIN scopeSetValue v ON v.scopeSetKey = g.scopeSetKey;

-- One row per (snapshot, client, resource, permission, kind, consentType): every holding, resolved against
-- the resource service principal's published scopes and roles, then the catalog. Grants are grouped by
-- scope set before their scopes are expanded, so the work grows with distinct holdings, not with grants.
-- principalCount: the users of Principal grants (Graph keeps one grant per client, user and resource).
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

-- The admin-consent report: holdings in each tenant's latest snapshot whose permission required an
-- administrator's consent, or whose requirement is unknown (requiresAdminConsent NULL: never dropped).
CREATE VIEW adminConsentHolding AS
SELECT h.*
FROM permissionHolding h
JOIN latestTenantSnapshot l ON l.id = h.snapshotKey
WHERE h.requiresAdminConsent = 1 OR h.requiresAdminConsent IS NULL;

INSERT INTO schemaNote (name, summary) VALUES
    ('servicePrincipal', 'Service principal versions: one row per distinct content of an app or API in a tenant.'),
    ('servicePrincipalScope', 'Delegated scopes a service principal version publishes (the tenant''s view of an API).'),
    ('servicePrincipalAppRole', 'App roles a service principal version publishes.'),
    ('scopeSet', 'Distinct grant scope strings, stored once.'),
    ('scopeSetValue', 'A scope string split on white space, one row per scope.'),
    ('oauth2PermissionGrant', 'Delegated permission grant versions, as Graph returns them (scopeSetKey for the scope string).'),
    ('appRoleAssignment', 'App role assignment versions (to service principals, users and groups).'),
    ('tenantPresence', 'Runs of snapshot dates (firstSeen .. lastSeen) in which each version was present.'),
    ('tenantSnapshotObject', 'View: the versions present in each tenant snapshot.'),
    ('servicePrincipalAt', 'View: service principals as of each snapshot, with publisher microsoft, thisTenant or thirdParty.'),
    ('oauth2PermissionGrantAt', 'View: grants as of each snapshot, with their scope string.'),
    ('appRoleAssignmentAt', 'View: app role assignments as of each snapshot.'),
    ('delegatedGrantScope', 'View: one row per (snapshot, grant, scope).'),
    ('permissionHolding', 'View: one row per (snapshot, client, resource, permission, kind, consentType), resolved, with principalCount.'),
    ('adminConsentHolding', 'View: the admin-consent report: latest snapshot, permissions that required admin consent or are unknown.');
