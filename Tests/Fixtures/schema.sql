CREATE INDEX apiPathBySet ON apiPath(pathSetKey);

CREATE UNIQUE INDEX catalogSnapshotBySeries ON catalogSnapshot(source, ifnull(resourceAppId, ''), asOf);

CREATE INDEX catalogSnapshotEntryByVersion ON catalogSnapshotEntry(versionKey);

CREATE INDEX permissionVersionByPathSet ON permissionVersion(pathSetKey) WHERE pathSetKey IS NOT NULL;

CREATE INDEX permissionVersionByPermissionId ON permissionVersion(permissionId) WHERE permissionId IS NOT NULL;

CREATE INDEX servicePrincipalByAppId ON servicePrincipal(snapshotKey, appId);

CREATE INDEX servicePrincipalScopeByValue ON servicePrincipalScope(snapshotKey, servicePrincipalId, value);

CREATE INDEX tenantSnapshotByFileSet ON tenantSnapshot(asOf, fileSetHash);

CREATE TABLE apiPath (
    pathSetKey INTEGER NOT NULL REFERENCES apiPathSet(id) ON DELETE CASCADE,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    -- Kibali's schemeKeys of the path set, comma-separated as given.
    schemeKeys TEXT NOT NULL,
    -- The schemes of Kibali's "least=" annotation (this permission is the least privileged one for them).
    leastPrivilegeSchemes TEXT,
    -- Kibali's "AlsoRequires=" annotation: permissions needed together with this one.
    alsoRequires TEXT
) STRICT;

CREATE TABLE apiPathSet (
    id INTEGER PRIMARY KEY,
    contentHash TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE appRoleAssignment (
    snapshotKey INTEGER NOT NULL REFERENCES tenantSnapshot(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    appRoleId TEXT NOT NULL,
    principalId TEXT NOT NULL,
    principalType TEXT NOT NULL,
    principalDisplayName TEXT,
    resourceId TEXT NOT NULL,
    resourceDisplayName TEXT,
    createdDateTime TEXT,
    PRIMARY KEY (snapshotKey, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE catalogSnapshot (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN
        ('kibali', 'provisioningInfo', 'servicePrincipal', 'permissionsDescriptions', 'microsoftApps')),
    -- The API whose catalog this is; NULL for the first-party application list.
    resourceAppId TEXT CHECK ((resourceAppId IS NULL) = (source = 'microsoftApps')),
    asOf TEXT NOT NULL CHECK (asOf GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    -- sha256 over the content hashes of its parts: equal content gives an equal hash, whatever the file layout.
    contentHash TEXT NOT NULL,
    importedAt TEXT NOT NULL
) STRICT;

CREATE TABLE catalogSnapshotEntry (
    snapshotKey INTEGER NOT NULL REFERENCES catalogSnapshot(id) ON DELETE CASCADE,
    versionKey INTEGER NOT NULL REFERENCES permissionVersion(id),
    PRIMARY KEY (snapshotKey, versionKey)
) STRICT, WITHOUT ROWID;

CREATE TABLE catalogSnapshotPart (
    snapshotKey INTEGER NOT NULL REFERENCES catalogSnapshot(id) ON DELETE CASCADE,
    part TEXT NOT NULL CHECK (part IN ('permissions', 'delegated', 'application', 'provisioning', 'applications')),
    contentHash TEXT NOT NULL,
    fileName TEXT NOT NULL,
    fileSha256 TEXT NOT NULL,
    entryCount INTEGER NOT NULL CHECK (entryCount >= 0),
    PRIMARY KEY (snapshotKey, part)
) STRICT;

CREATE TABLE microsoftApplication (
    snapshotKey INTEGER NOT NULL REFERENCES catalogSnapshot(id) ON DELETE CASCADE,
    appId TEXT NOT NULL,
    appDisplayName TEXT,
    appOwnerOrganizationId TEXT,
    listedBy TEXT,
    PRIMARY KEY (snapshotKey, appId)
) STRICT, WITHOUT ROWID;

CREATE TABLE oauth2PermissionGrant (
    snapshotKey INTEGER NOT NULL REFERENCES tenantSnapshot(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    clientId TEXT NOT NULL,
    consentType TEXT NOT NULL CHECK (consentType IN ('AllPrincipals', 'Principal')),
    principalId TEXT CHECK ((principalId IS NULL) = (consentType = 'AllPrincipals')),
    resourceId TEXT NOT NULL,
    scope TEXT NOT NULL,
    PRIMARY KEY (snapshotKey, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE oauth2PermissionGrantScope (
    snapshotKey INTEGER NOT NULL,
    grantId TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (snapshotKey, grantId, value),
    FOREIGN KEY (snapshotKey, grantId) REFERENCES oauth2PermissionGrant(snapshotKey, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE permission (
    id INTEGER PRIMARY KEY,
    resourceAppId TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('delegated', 'application')),
    value TEXT NOT NULL CHECK (value <> ''),
    UNIQUE (resourceAppId, kind, value)
) STRICT;

CREATE TABLE permissionVersion (
    id INTEGER PRIMARY KEY,
    permissionKey INTEGER NOT NULL REFERENCES permission(id),
    source TEXT NOT NULL CHECK (source IN ('kibali', 'provisioningInfo', 'servicePrincipal', 'permissionsDescriptions')),
    -- Kibali's scheme (DelegatedWork, DelegatedPersonal, Application) or provisioningInfo's; NULL for other sources.
    scheme TEXT CHECK (scheme IN ('DelegatedWork', 'DelegatedPersonal', 'Application')),
    permissionId TEXT,
    adminConsentDisplayName TEXT,
    adminConsentDescription TEXT,
    userConsentDisplayName TEXT,
    userConsentDescription TEXT,
    -- This source's own admin-consent flag: 1 required, 0 not, NULL when the source does not say.
    requiresAdminConsent INTEGER CHECK (requiresAdminConsent IN (0, 1)),
    -- A delegated scope's type on a service principal: what Entra enforces.
    type TEXT CHECK (type IN ('Admin', 'User')),
    privilegeLevel INTEGER,
    isEnabled INTEGER CHECK (isEnabled IN (0, 1)),
    isHidden INTEGER CHECK (isHidden IN (0, 1)),
    allowedMemberTypes TEXT,
    origin TEXT,
    authorizationType TEXT,
    ownerSecurityGroup TEXT,
    -- provisioningInfo's environment and resourceAppId, as given (its resourceAppId is not always the API's).
    environment TEXT,
    provisioningResourceAppId TEXT,
    pathSetKey INTEGER REFERENCES apiPathSet(id),
    contentHash TEXT NOT NULL,
    UNIQUE (permissionKey, contentHash)
) STRICT;

CREATE TABLE schemaNote (
    name TEXT PRIMARY KEY,
    summary TEXT NOT NULL
) STRICT;

CREATE TABLE servicePrincipal (
    snapshotKey INTEGER NOT NULL REFERENCES tenantSnapshot(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    appId TEXT,
    displayName TEXT,
    appOwnerOrganizationId TEXT,
    servicePrincipalType TEXT,
    publisherName TEXT,
    verifiedPublisherId TEXT,
    verifiedPublisherName TEXT,
    accountEnabled INTEGER CHECK (accountEnabled IN (0, 1)),
    PRIMARY KEY (snapshotKey, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE servicePrincipalAppRole (
    snapshotKey INTEGER NOT NULL,
    servicePrincipalId TEXT NOT NULL,
    id TEXT NOT NULL,
    value TEXT,
    allowedMemberTypes TEXT,
    isEnabled INTEGER CHECK (isEnabled IN (0, 1)),
    displayName TEXT,
    PRIMARY KEY (snapshotKey, servicePrincipalId, id),
    FOREIGN KEY (snapshotKey, servicePrincipalId) REFERENCES servicePrincipal(snapshotKey, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE servicePrincipalScope (
    snapshotKey INTEGER NOT NULL,
    servicePrincipalId TEXT NOT NULL,
    id TEXT NOT NULL,
    value TEXT NOT NULL,
    type TEXT CHECK (type IN ('Admin', 'User')),
    isEnabled INTEGER CHECK (isEnabled IN (0, 1)),
    adminConsentDisplayName TEXT,
    PRIMARY KEY (snapshotKey, servicePrincipalId, id),
    FOREIGN KEY (snapshotKey, servicePrincipalId) REFERENCES servicePrincipal(snapshotKey, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE TABLE tenantSnapshot (
    id INTEGER PRIMARY KEY,
    tenantId TEXT NOT NULL CHECK (tenantId <> ''),
    asOf TEXT NOT NULL CHECK (asOf GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    -- sha256 over the export's objects, whatever their files and order: equal content, equal hash.
    contentHash TEXT NOT NULL,
    importedAt TEXT NOT NULL, fileSetHash TEXT,
    UNIQUE (tenantId, asOf)
) STRICT;

CREATE VIEW adminConsentHolding AS
SELECT h.*
FROM permissionHolding h
JOIN latestTenantSnapshot l ON l.id = h.snapshotKey
WHERE h.requiresAdminConsent = 1 OR h.requiresAdminConsent IS NULL;

CREATE VIEW applicationRoleAssignment AS
SELECT t.tenantId, a.snapshotKey, t.asOf, a.id AS assignmentId, a.principalId AS clientId,
       a.resourceId, r.appId AS resourceAppId, coalesce(ar.value, cp.permission) AS permission,
       a.appRoleId AS permissionId,
       CASE WHEN ar.id IS NOT NULL OR cp.permissionKey IS NOT NULL THEN 1 END AS requiresAdminConsent,
       CASE WHEN ar.id IS NOT NULL THEN 'resourceServicePrincipal' WHEN cp.permissionKey IS NOT NULL THEN 'catalog' END AS resolvedBy,
       cp.privilegeLevel, a.createdDateTime
FROM appRoleAssignment a
JOIN tenantSnapshot t ON t.id = a.snapshotKey
LEFT JOIN servicePrincipal r ON r.snapshotKey = a.snapshotKey AND r.id = a.resourceId
LEFT JOIN servicePrincipalAppRole ar ON ar.snapshotKey = a.snapshotKey AND ar.servicePrincipalId = a.resourceId AND ar.id = a.appRoleId
LEFT JOIN catalogPermission cp ON cp.resourceAppId = r.appId AND cp.kind = 'application' AND cp.permissionId = a.appRoleId
WHERE a.principalType = 'ServicePrincipal' AND a.appRoleId <> '00000000-0000-0000-0000-000000000000';

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

CREATE VIEW consentFlagDisagreement AS
SELECT resourceAppId, kind, permission, permissionId, requiresAdminConsent, requiresAdminConsentSource,
       servicePrincipalRequiresAdminConsent, kibaliRequiresAdminConsent, descriptionsRequiresAdminConsent
FROM catalogPermission
WHERE consentFlagsDisagree;

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

CREATE VIEW delegatedGrantScope AS
SELECT t.tenantId, g.snapshotKey, t.asOf, g.id AS grantId, g.clientId, g.consentType, g.principalId,
       g.resourceId, r.appId AS resourceAppId, gs.value AS permission,
       coalesce(ss.id, cp.permissionId) AS permissionId,
       CASE WHEN ss.id IS NOT NULL THEN ss.type = 'Admin' ELSE cp.requiresAdminConsent END AS requiresAdminConsent,
       CASE WHEN ss.id IS NOT NULL THEN 'resourceServicePrincipal' ELSE cp.requiresAdminConsentSource END AS resolvedBy,
       cp.privilegeLevel
FROM oauth2PermissionGrant g
JOIN tenantSnapshot t ON t.id = g.snapshotKey
JOIN oauth2PermissionGrantScope gs ON gs.snapshotKey = g.snapshotKey AND gs.grantId = g.id
LEFT JOIN servicePrincipal r ON r.snapshotKey = g.snapshotKey AND r.id = g.resourceId
LEFT JOIN servicePrincipalScope ss ON ss.snapshotKey = g.snapshotKey AND ss.servicePrincipalId = g.resourceId AND ss.value = gs.value
LEFT JOIN catalogPermission cp ON cp.resourceAppId = r.appId AND cp.kind = 'delegated' AND cp.permission = gs.value;

CREATE VIEW latestCatalogSnapshot AS
SELECT s.*
FROM catalogSnapshot s
WHERE s.id = (
    SELECT s2.id FROM catalogSnapshot s2
    WHERE s2.source = s.source AND s2.resourceAppId IS s.resourceAppId
    ORDER BY s2.asOf DESC, s2.id DESC
    LIMIT 1);

CREATE VIEW latestTenantSnapshot AS
SELECT t.*
FROM tenantSnapshot t
WHERE t.id = (SELECT t2.id FROM tenantSnapshot t2 WHERE t2.tenantId = t.tenantId ORDER BY t2.asOf DESC, t2.id DESC LIMIT 1);

CREATE VIEW permissionApiPath AS
SELECT p.resourceAppId, p.kind, p.value AS permission, v.scheme,
       a.method, a.path, a.schemeKeys, a.leastPrivilegeSchemes, a.alsoRequires
FROM latestCatalogSnapshot s
JOIN catalogSnapshotEntry e ON e.snapshotKey = s.id
JOIN permissionVersion v ON v.id = e.versionKey AND v.source = 'kibali'
JOIN permission p ON p.id = v.permissionKey
JOIN apiPath a ON a.pathSetKey = v.pathSetKey;

CREATE VIEW permissionHolding AS
SELECT h.tenantId, h.snapshotKey, h.asOf, h.clientId, c.appId AS clientAppId, c.displayName AS clientDisplayName,
       c.publisher, c.verifiedPublisherName, h.resourceId, h.resourceAppId, r.displayName AS resourceDisplayName,
       h.permission, h.permissionId, h.kind, h.consentType, h.principalCount, h.requiresAdminConsent,
       h.resolvedBy, h.privilegeLevel
FROM (
    SELECT tenantId, snapshotKey, asOf, clientId, resourceId, resourceAppId, permission,
           max(permissionId) AS permissionId, 'delegated' AS kind, consentType,
           CASE consentType WHEN 'Principal' THEN count(DISTINCT principalId) END AS principalCount,
           max(requiresAdminConsent) AS requiresAdminConsent, max(resolvedBy) AS resolvedBy, max(privilegeLevel) AS privilegeLevel
    FROM delegatedGrantScope
    GROUP BY snapshotKey, clientId, resourceId, permission, consentType
    UNION ALL
    SELECT tenantId, snapshotKey, asOf, clientId, resourceId, resourceAppId, permission,
           permissionId, 'application', 'Application', NULL,
           max(requiresAdminConsent), max(resolvedBy), max(privilegeLevel)
    FROM applicationRoleAssignment
    GROUP BY snapshotKey, clientId, resourceId, permissionId) h
LEFT JOIN servicePrincipalPublisher c ON c.snapshotKey = h.snapshotKey AND c.id = h.clientId
LEFT JOIN servicePrincipal r ON r.snapshotKey = h.snapshotKey AND r.id = h.resourceId;

CREATE VIEW servicePrincipalPublisher AS
SELECT sp.snapshotKey, t.tenantId, sp.id, sp.appId, sp.displayName, sp.appOwnerOrganizationId,
       sp.verifiedPublisherName, sp.verifiedPublisherId,
       CASE
           WHEN sp.appOwnerOrganizationId IN ('f8cdef31-a31e-4b4a-93e4-5f571e91255a', '72f988bf-86f1-41af-91ab-2d7cd011db47')
                OR EXISTS (SELECT 1 FROM microsoftApplication m JOIN latestCatalogSnapshot s ON s.id = m.snapshotKey
                           WHERE m.appId = sp.appId) THEN 'microsoft'
           WHEN sp.appOwnerOrganizationId = t.tenantId THEN 'thisTenant'
           ELSE 'thirdParty'
       END AS publisher
FROM servicePrincipal sp
JOIN tenantSnapshot t ON t.id = sp.snapshotKey;
