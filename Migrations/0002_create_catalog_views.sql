-- Views: the entry points for ad-hoc SQL (`permaudit query`, or the sqlite3 shell). Documented in
-- schemaNote, which `permaudit schema` prints.

CREATE TABLE schemaNote (
    name TEXT PRIMARY KEY,
    summary TEXT NOT NULL
) STRICT;

-- The latest snapshot (by as-of date, then import order) of each catalog series.
CREATE VIEW latestCatalogSnapshot AS
SELECT s.*
FROM catalogSnapshot s
WHERE s.id = (
    SELECT s2.id FROM catalogSnapshot s2
    WHERE s2.source = s.source AND s2.resourceAppId IS s.resourceAppId
    ORDER BY s2.asOf DESC, s2.id DESC
    LIMIT 1);

-- Every permission version in the latest snapshot of its source, one row per (permission, source);
-- for Kibali, DelegatedWork speaks for a delegated permission when DelegatedPersonal also exists.
CREATE VIEW currentPermissionVersion AS
SELECT permissionKey, resourceAppId, kind, permission, source, scheme, permissionId,
       adminConsentDisplayName, adminConsentDescription, userConsentDisplayName, userConsentDescription,
       requiresAdminConsent, type, privilegeLevel, isEnabled, isHidden, authorizationType,
       pathSetKey, snapshotKey, asOf, versionKey
FROM (
    SELECT p.id AS permissionKey, p.resourceAppId, p.kind, p.value AS permission,
           v.source, v.scheme, v.permissionId,
           v.adminConsentDisplayName, v.adminConsentDescription,
           v.userConsentDisplayName, v.userConsentDescription,
           v.requiresAdminConsent, v.type, v.privilegeLevel, v.isEnabled, v.isHidden, v.authorizationType,
           v.pathSetKey, s.id AS snapshotKey, s.asOf, v.id AS versionKey,
           row_number() OVER (
               PARTITION BY p.id, v.source
               ORDER BY CASE v.scheme WHEN 'DelegatedPersonal' THEN 1 ELSE 0 END, v.id) AS rank
    FROM latestCatalogSnapshot s
    JOIN catalogSnapshotEntry e ON e.snapshotKey = s.id
    JOIN permissionVersion v ON v.id = e.versionKey
    JOIN permission p ON p.id = v.permissionKey)
WHERE rank = 1;

-- One row per permission in the current catalog (published by Kibali, the service principal or the
-- descriptions file): its GUID, texts, privilege level, and the admin-consent flag of each source next
-- to the one Entra enforces (service principal first).
CREATE VIEW catalogPermission AS
WITH
    sp AS (SELECT * FROM currentPermissionVersion WHERE source = 'servicePrincipal'),
    kb AS (SELECT * FROM currentPermissionVersion WHERE source = 'kibali'),
    pi AS (SELECT * FROM currentPermissionVersion WHERE source = 'provisioningInfo'),
    pd AS (SELECT * FROM currentPermissionVersion WHERE source = 'permissionsDescriptions'),
    -- provisioningInfo also lists names that no catalog publishes (other resources, hidden ones): it only
    -- supplies GUIDs here. Its own rows stay in currentPermissionVersion.
    known AS (SELECT DISTINCT permissionKey FROM currentPermissionVersion WHERE source <> 'provisioningInfo')
SELECT p.id AS permissionKey,
       p.resourceAppId,
       p.kind,
       p.value AS permission,
       coalesce(sp.permissionId, pi.permissionId, pd.permissionId) AS permissionId,
       coalesce(sp.adminConsentDisplayName, kb.adminConsentDisplayName, pd.adminConsentDisplayName) AS adminConsentDisplayName,
       coalesce(sp.adminConsentDescription, kb.adminConsentDescription, pd.adminConsentDescription) AS adminConsentDescription,
       coalesce(sp.userConsentDisplayName, kb.userConsentDisplayName, pd.userConsentDisplayName) AS userConsentDisplayName,
       coalesce(sp.userConsentDescription, kb.userConsentDescription, pd.userConsentDescription) AS userConsentDescription,
       coalesce(sp.requiresAdminConsent, kb.requiresAdminConsent, pd.requiresAdminConsent) AS requiresAdminConsent,
       CASE
           WHEN sp.requiresAdminConsent IS NOT NULL THEN 'servicePrincipal'
           WHEN kb.requiresAdminConsent IS NOT NULL THEN 'kibali'
           WHEN pd.requiresAdminConsent IS NOT NULL THEN 'permissionsDescriptions'
       END AS requiresAdminConsentSource,
       sp.requiresAdminConsent AS servicePrincipalRequiresAdminConsent,
       kb.requiresAdminConsent AS kibaliRequiresAdminConsent,
       pd.requiresAdminConsent AS descriptionsRequiresAdminConsent,
       (SELECT count(DISTINCT c.requiresAdminConsent) > 1 FROM currentPermissionVersion c
        WHERE c.permissionKey = p.id AND c.requiresAdminConsent IS NOT NULL) AS consentFlagsDisagree,
       kb.privilegeLevel,
       coalesce(sp.isEnabled, pi.isEnabled, pd.isEnabled) AS isEnabled,
       kb.authorizationType
FROM known
JOIN permission p ON p.id = known.permissionKey
LEFT JOIN sp ON sp.permissionKey = p.id
LEFT JOIN kb ON kb.permissionKey = p.id
LEFT JOIN pi ON pi.permissionKey = p.id
LEFT JOIN pd ON pd.permissionKey = p.id;

-- The API methods and paths each permission allows, from the current Kibali catalog, per scheme.
CREATE VIEW permissionApiPath AS
SELECT p.resourceAppId, p.kind, p.value AS permission, v.scheme,
       a.method, a.path, a.schemeKeys, a.leastPrivilegeSchemes, a.alsoRequires
FROM latestCatalogSnapshot s
JOIN catalogSnapshotEntry e ON e.snapshotKey = s.id
JOIN permissionVersion v ON v.id = e.versionKey AND v.source = 'kibali'
JOIN permission p ON p.id = v.permissionKey
JOIN apiPath a ON a.pathSetKey = v.pathSetKey;

-- Permissions whose sources disagree on whether admin consent is required.
CREATE VIEW consentFlagDisagreement AS
SELECT resourceAppId, kind, permission, permissionId, requiresAdminConsent, requiresAdminConsentSource,
       servicePrincipalRequiresAdminConsent, kibaliRequiresAdminConsent, descriptionsRequiresAdminConsent
FROM catalogPermission
WHERE consentFlagsDisagree;

INSERT INTO schemaNote (name, summary) VALUES
    ('catalogSnapshot', 'Each catalog import: source, resourceAppId, asOf date, contentHash.'),
    ('catalogSnapshotPart', 'The file behind each part of a snapshot (a scopes file, a roles file, ...), with its sha256.'),
    ('permission', 'Identity of a permission: (resourceAppId, kind, value); names are case-sensitive.'),
    ('permissionVersion', 'What one source said about one permission; shared by every snapshot where it did not change.'),
    ('catalogSnapshotEntry', 'Which permission versions each snapshot holds.'),
    ('apiPathSet', 'A set of API paths, stored once and shared by versions that allow the same paths.'),
    ('apiPath', 'API method and path with Kibali''s schemeKeys, least= and AlsoRequires= annotations.'),
    ('microsoftApplication', 'Microsoft''s first-party applications (appId, owner tenant), per snapshot of the list.'),
    ('schemaNote', 'This list: a one-line summary of each table and view.'),
    ('latestCatalogSnapshot', 'View: the latest snapshot of each catalog series.'),
    ('currentPermissionVersion', 'View: each permission as each source describes it in its latest snapshot.'),
    ('catalogPermission', 'View: one row per current permission with GUID, texts, privilegeLevel, and the admin-consent flag Entra enforces next to each source''s flag.'),
    ('permissionApiPath', 'View: the API methods and paths each permission allows (current Kibali catalog).'),
    ('consentFlagDisagreement', 'View: permissions whose sources disagree on requiresAdminConsent.');
