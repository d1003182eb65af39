CREATE INDEX apiPathBySet ON apiPath(pathSetKey);

CREATE INDEX appRoleAssignmentRunByLastDay ON appRoleAssignmentRun(tenantKey, lastDay);

CREATE UNIQUE INDEX catalogSnapshotBySeries ON catalogSnapshot(source, ifnull(resourceAppId, ''), asOf);

CREATE INDEX catalogSnapshotEntryByVersion ON catalogSnapshotEntry(versionKey);

CREATE INDEX currentCatalogPermissionByName ON currentCatalogPermission(permission);

CREATE INDEX graphCallByApp ON graphCall (appId, scheme);

CREATE INDEX holdingRunByLastDay ON holdingRun(tenantKey, lastDay, firstDay, holdingKey, principalCount);

CREATE INDEX metadataOperationBySnapshot ON metadataOperation(metadataSnapshotKey, bindingType);

CREATE INDEX metadataTypeByName ON metadataType(qualifiedName);

CREATE INDEX oauth2PermissionGrantRunByLastDay ON oauth2PermissionGrantRun(tenantKey, lastDay);

CREATE INDEX permissionVersionByPathSet ON permissionVersion(pathSetKey) WHERE pathSetKey IS NOT NULL;

CREATE INDEX permissionVersionByPermissionId ON permissionVersion(permissionId) WHERE permissionId IS NOT NULL;

CREATE INDEX riskImportByList ON riskImport (listKey);

CREATE INDEX scopeSetByHash ON scopeSet(scopeHash);

CREATE INDEX servicePrincipalByAppId ON servicePrincipal(tenantId, appId);

CREATE INDEX servicePrincipalRunByLastDay ON servicePrincipalRun(tenantKey, lastDay);

CREATE INDEX tenantSnapshotByFileSet ON tenantSnapshot(asOf, fileSetHash);

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

CREATE TABLE apiPathResolution (
    metadataSnapshotKey INTEGER NOT NULL REFERENCES metadataSnapshot(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    resourceType TEXT,
    isCollection INTEGER CHECK (isCollection IN (0, 1)),
    -- The bound action or function the path ends with, called on resourceType, and what it returns.
    operation TEXT,
    operationKind TEXT CHECK (operationKind IN ('action', 'function')),
    returnType TEXT,
    -- How the path was read where it bends the rules (a member of a derived type without the cast, ...).
    note TEXT,
    unresolvedSegment TEXT,
    problem TEXT,
    CHECK ((resourceType IS NULL) = (problem IS NOT NULL)),
    PRIMARY KEY (metadataSnapshotKey, path)
) STRICT, WITHOUT ROWID;

CREATE TABLE apiPathSet (
    id INTEGER PRIMARY KEY,
    contentHash TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE "appRoleAssignment" (
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

CREATE TABLE appRoleAssignmentElement (
    versionKey INTEGER PRIMARY KEY,
    digest0 INTEGER NOT NULL,
    digest1 INTEGER NOT NULL,
    digest2 INTEGER NOT NULL,
    digest3 INTEGER NOT NULL
) STRICT;

CREATE TABLE "appRoleAssignmentRun" (
    versionKey INTEGER NOT NULL,
    tenantKey INTEGER NOT NULL,
    firstDay INTEGER NOT NULL,
    lastDay INTEGER NOT NULL CHECK (lastDay >= firstDay),
    PRIMARY KEY (versionKey, firstDay)
) STRICT, WITHOUT ROWID;

CREATE TABLE catalogFetch (
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    etag TEXT,
    lastModified TEXT,
    bodySha256 TEXT NOT NULL,
    -- When the source was last asked, and last found changed (YYYY-MM-DDTHH:MM:SSZ).
    checkedAt TEXT NOT NULL,
    changedAt TEXT NOT NULL,
    PRIMARY KEY (source, url)
) STRICT;

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

CREATE TABLE currentCatalogPermission (
    permissionKey INTEGER PRIMARY KEY REFERENCES permission(id),
    resourceAppId TEXT NOT NULL,
    kind TEXT NOT NULL,
    permission TEXT NOT NULL,
    permissionId TEXT,
    adminConsentDisplayName TEXT,
    adminConsentDescription TEXT,
    userConsentDisplayName TEXT,
    userConsentDescription TEXT,
    requiresAdminConsent INTEGER,
    requiresAdminConsentSource TEXT,
    servicePrincipalRequiresAdminConsent INTEGER,
    kibaliRequiresAdminConsent INTEGER,
    descriptionsRequiresAdminConsent INTEGER,
    consentFlagsDisagree INTEGER NOT NULL,
    privilegeLevel INTEGER,
    isEnabled INTEGER,
    authorizationType TEXT
) STRICT;

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

CREATE TABLE graphCallTotal (
    importKey INTEGER NOT NULL REFERENCES activityImport(id) ON DELETE CASCADE,
    appId TEXT NOT NULL,
    scheme TEXT NOT NULL CHECK (scheme IN ('application', 'delegated')),
    method TEXT NOT NULL,
    template TEXT NOT NULL,
    matchKind TEXT NOT NULL CHECK (matchKind IN ('exact', 'dollarStripped', 'meAlias', 'unmatched')),
    statusClass TEXT NOT NULL,
    -- The first day with such calls, and the lowest API version they used.
    firstDay TEXT NOT NULL,
    apiVersion TEXT NOT NULL,
    calls INTEGER NOT NULL,
    firstSeen TEXT NOT NULL,
    lastSeen TEXT NOT NULL,
    PRIMARY KEY (importKey, appId, scheme, method, template, matchKind, statusClass)
) STRICT, WITHOUT ROWID;

CREATE TABLE graphCallUri (
    importKey INTEGER NOT NULL REFERENCES activityImport(id) ON DELETE CASCADE,
    appId TEXT NOT NULL,
    scheme TEXT NOT NULL CHECK (scheme IN ('application', 'delegated')),
    method TEXT NOT NULL,
    template TEXT NOT NULL,
    uri TEXT NOT NULL,
    PRIMARY KEY (importKey, appId, scheme, method, template, uri)
) STRICT, WITHOUT ROWID;

CREATE TABLE heldPermission (
    permissionKey INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('delegated', 'application')),
    name TEXT NOT NULL,
    UNIQUE (kind, name)
) STRICT;

CREATE TABLE "holding" (
    holdingKey INTEGER PRIMARY KEY,
    clientKey INTEGER NOT NULL,
    resourceKey INTEGER NOT NULL,
    permissionKey INTEGER NOT NULL,
    consentType TEXT NOT NULL CHECK (consentType = 'AllPrincipals' OR consentType = 'Principal' OR consentType = 'Application'),
    UNIQUE (resourceKey, permissionKey, clientKey, consentType)
) STRICT;

CREATE TABLE "holdingRun" (
    holdingKey INTEGER NOT NULL,
    tenantKey INTEGER NOT NULL,
    firstDay INTEGER NOT NULL,
    lastDay INTEGER NOT NULL CHECK (lastDay >= firstDay),
    principalCount INTEGER NOT NULL CHECK (principalCount >= 0),
    PRIMARY KEY (holdingKey, firstDay)
) STRICT, WITHOUT ROWID;

CREATE TABLE latestHoldingImage (
    tenantKey INTEGER PRIMARY KEY REFERENCES tenant (tenantKey),
    day INTEGER NOT NULL,
    holdingCount INTEGER NOT NULL CHECK (holdingCount >= 0),
    holdings BLOB NOT NULL
) STRICT;

CREATE TABLE metadataContainerMember (
    metadataSnapshotKey INTEGER NOT NULL REFERENCES metadataSnapshot(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('entitySet', 'singleton', 'functionImport', 'actionImport')),
    type TEXT NOT NULL,
    description TEXT,
    PRIMARY KEY (metadataSnapshotKey, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE metadataEnumMember (
    typeKey INTEGER NOT NULL REFERENCES metadataType(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    value TEXT,
    description TEXT,
    PRIMARY KEY (typeKey, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE metadataNamespace (
    metadataSnapshotKey INTEGER NOT NULL REFERENCES metadataSnapshot(id) ON DELETE CASCADE,
    namespace TEXT NOT NULL,
    alias TEXT,
    PRIMARY KEY (metadataSnapshotKey, namespace)
) STRICT, WITHOUT ROWID;

CREATE TABLE metadataOperation (
    id INTEGER PRIMARY KEY,
    metadataSnapshotKey INTEGER NOT NULL REFERENCES metadataSnapshot(id) ON DELETE CASCADE,
    qualifiedName TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('action', 'function')),
    isBound INTEGER NOT NULL CHECK (isBound IN (0, 1)),
    isComposable INTEGER NOT NULL CHECK (isComposable IN (0, 1)),
    bindingType TEXT,
    bindingIsCollection INTEGER CHECK (bindingIsCollection IN (0, 1)),
    returnType TEXT,
    returnIsCollection INTEGER CHECK (returnIsCollection IN (0, 1)),
    description TEXT
) STRICT;

CREATE TABLE metadataParameter (
    operationKey INTEGER NOT NULL REFERENCES metadataOperation(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    isCollection INTEGER NOT NULL CHECK (isCollection IN (0, 1)),
    nullable INTEGER CHECK (nullable IN (0, 1)),
    PRIMARY KEY (operationKey, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE metadataProperty (
    typeKey INTEGER NOT NULL REFERENCES metadataType(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('property', 'navigationProperty')),
    -- The element type, qualified (Edm.String, microsoft.graph.callRoute); isCollection for Collection(...).
    type TEXT NOT NULL,
    isCollection INTEGER NOT NULL CHECK (isCollection IN (0, 1)),
    -- NULL when the document does not say (CSDL's default is nullable).
    nullable INTEGER CHECK (nullable IN (0, 1)),
    containsTarget INTEGER CHECK (containsTarget IN (0, 1)),
    description TEXT,
    PRIMARY KEY (typeKey, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE metadataSnapshot (
    id INTEGER PRIMARY KEY,
    -- The Graph endpoint the document describes: 'v1.0' or 'beta'.
    apiVersion TEXT NOT NULL CHECK (apiVersion IN ('v1.0', 'beta')),
    asOf TEXT NOT NULL,
    fileName TEXT NOT NULL,
    fileSha256 TEXT NOT NULL,
    importedAt TEXT NOT NULL,
    UNIQUE (apiVersion, asOf)
) STRICT;

CREATE TABLE metadataType (
    id INTEGER PRIMARY KEY,
    metadataSnapshotKey INTEGER NOT NULL REFERENCES metadataSnapshot(id) ON DELETE CASCADE,
    -- Namespace-qualified, aliases replaced: microsoft.graph.call.
    qualifiedName TEXT NOT NULL,
    namespace TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('entityType', 'complexType', 'enumType')),
    baseType TEXT,
    isAbstract INTEGER NOT NULL CHECK (isAbstract IN (0, 1)),
    isOpenType INTEGER NOT NULL CHECK (isOpenType IN (0, 1)),
    description TEXT,
    UNIQUE (metadataSnapshotKey, qualifiedName)
) STRICT;

CREATE TABLE microsoftApplication (
    snapshotKey INTEGER NOT NULL REFERENCES catalogSnapshot(id) ON DELETE CASCADE,
    appId TEXT NOT NULL,
    appDisplayName TEXT,
    appOwnerOrganizationId TEXT,
    listedBy TEXT,
    PRIMARY KEY (snapshotKey, appId)
) STRICT, WITHOUT ROWID;

CREATE TABLE oauth2PermissionGrantElement (
    versionKey INTEGER PRIMARY KEY,
    digest0 INTEGER NOT NULL,
    digest1 INTEGER NOT NULL,
    digest2 INTEGER NOT NULL,
    digest3 INTEGER NOT NULL
) STRICT;

CREATE TABLE "oauth2PermissionGrantRun" (
    versionKey INTEGER NOT NULL,
    tenantKey INTEGER NOT NULL,
    firstDay INTEGER NOT NULL,
    lastDay INTEGER NOT NULL CHECK (lastDay >= firstDay),
    PRIMARY KEY (versionKey, firstDay)
) STRICT, WITHOUT ROWID;

CREATE TABLE oauth2PermissionGrantVersion (
    versionKey INTEGER PRIMARY KEY,
    tenantKey INTEGER NOT NULL,
    id TEXT NOT NULL,
    clientKey INTEGER NOT NULL,
    principalKey INTEGER,
    resourceKey INTEGER NOT NULL,
    scopeSetKey INTEGER NOT NULL,
    digest0 INTEGER NOT NULL,
    digest1 INTEGER NOT NULL,
    digest2 INTEGER NOT NULL,
    digest3 INTEGER NOT NULL
) STRICT;

CREATE TABLE permission (
    id INTEGER PRIMARY KEY,
    resourceAppId TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('delegated', 'application')),
    value TEXT NOT NULL CHECK (value <> ''),
    UNIQUE (resourceAppId, kind, value)
) STRICT;

CREATE VIRTUAL TABLE permissionSearch USING fts5(
    permission, nameWords, displayName, description,
    permissionKey UNINDEXED, resourceAppId UNINDEXED, kind UNINDEXED, permissionId UNINDEXED,
    requiresAdminConsent UNINDEXED, privilegeLevel UNINDEXED,
    tokenize = 'unicode61');

CREATE TABLE 'permissionSearch_config'(k PRIMARY KEY, v) WITHOUT ROWID;

CREATE TABLE 'permissionSearch_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9);

CREATE TABLE 'permissionSearch_data'(id INTEGER PRIMARY KEY, block BLOB);

CREATE TABLE 'permissionSearch_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

CREATE TABLE 'permissionSearch_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

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

CREATE TABLE riskEntry (
    listKey INTEGER NOT NULL REFERENCES riskList(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    -- Where in the file: a JSON path or a line, for provenance.
    location TEXT NOT NULL,
    -- NULL: any resource (MSIdentityTools' table names no API).
    resourceAppId TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('delegated', 'application')),
    -- The name as the source gives it: for msIdentityTools, a full name or a name's root (the part before its first dot).
    permission TEXT,
    permissionId TEXT,
    level TEXT CHECK (level IN ('low', 'medium', 'high', 'critical')),
    tier INTEGER CHECK (tier IN (0, 1, 2)),
    -- The source's own words: EntraOps' service, MSIdentityTools' reason, azure-tiering's path type.
    category TEXT,
    -- 1 when the catalog knows a permission this entry matches; entries it does not know are kept and counted.
    inCatalog INTEGER NOT NULL CHECK (inCatalog IN (0, 1)),
    CHECK (permission IS NOT NULL OR permissionId IS NOT NULL),
    CHECK (level IS NOT NULL OR tier IS NOT NULL),
    PRIMARY KEY (listKey, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE riskException (
    listKey INTEGER NOT NULL REFERENCES riskList(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    -- The client app's appId or service principal id.
    app TEXT NOT NULL CHECK (app <> ''),
    permission TEXT NOT NULL CHECK (permission <> ''),
    kind TEXT CHECK (kind IN ('delegated', 'application')),
    resourceAppId TEXT,
    reason TEXT NOT NULL CHECK (reason <> ''),
    owner TEXT NOT NULL CHECK (owner <> ''),
    expires TEXT NOT NULL CHECK (expires GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    PRIMARY KEY (listKey, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE riskImport (
    id INTEGER PRIMARY KEY,
    listKey INTEGER NOT NULL REFERENCES riskList(id) ON DELETE CASCADE,
    asOf TEXT NOT NULL CHECK (asOf GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    fileName TEXT NOT NULL,
    fileSha256 TEXT NOT NULL,
    importedAt TEXT NOT NULL
) STRICT;

CREATE TABLE riskList (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('entraOps', 'msIdentityTools', 'azureTiering', 'policy')),
    asOf TEXT NOT NULL CHECK (asOf GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    fileName TEXT NOT NULL,
    fileSha256 TEXT NOT NULL,
    -- sha256 over the decoded entries, rules and exceptions: the same content in another layout hashes alike.
    contentHash TEXT NOT NULL,
    entryCount INTEGER NOT NULL CHECK (entryCount >= 0),
    importedAt TEXT NOT NULL,
    UNIQUE (source, contentHash)
) STRICT;

CREATE TABLE riskPolicyRule (
    listKey INTEGER NOT NULL REFERENCES riskList(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    -- A pattern on the permission's name: * any characters, ? one; NULL matches every name.
    permission TEXT,
    kind TEXT CHECK (kind IN ('delegated', 'application')),
    resourceAppId TEXT,
    -- The client app's publisher.
    publisher TEXT CHECK (publisher IN ('microsoft', 'thisTenant', 'thirdParty')),
    level TEXT CHECK (level IN ('low', 'medium', 'high', 'critical')),
    tier INTEGER CHECK (tier IN (0, 1, 2)),
    reason TEXT,
    CHECK (level IS NOT NULL OR tier IS NOT NULL),
    PRIMARY KEY (listKey, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE schemaNote (
    name TEXT PRIMARY KEY,
    summary TEXT NOT NULL
) STRICT;

CREATE TABLE "scopeSet" (
    scopeSetKey INTEGER PRIMARY KEY,
    -- A JSON array of heldPermission keys, each once.
    permissionKeys TEXT NOT NULL,
    -- NULL: the names of permissionKeys joined by single spaces, in their order.
    scope TEXT,
    scopeHash INTEGER NOT NULL CHECK (scopeHash BETWEEN 0 AND 4294967295)
) STRICT;

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

CREATE TABLE servicePrincipalAppRole (
    versionKey INTEGER NOT NULL REFERENCES servicePrincipal(versionKey) ON DELETE CASCADE,
    id TEXT NOT NULL,
    value TEXT,
    allowedMemberTypes TEXT,
    isEnabled INTEGER CHECK (isEnabled IN (0, 1)),
    displayName TEXT,
    PRIMARY KEY (versionKey, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE servicePrincipalElement (
    versionKey INTEGER PRIMARY KEY,
    digest0 INTEGER NOT NULL,
    digest1 INTEGER NOT NULL,
    digest2 INTEGER NOT NULL,
    digest3 INTEGER NOT NULL
) STRICT;

CREATE TABLE "servicePrincipalRun" (
    versionKey INTEGER NOT NULL,
    tenantKey INTEGER NOT NULL,
    firstDay INTEGER NOT NULL,
    lastDay INTEGER NOT NULL CHECK (lastDay >= firstDay),
    PRIMARY KEY (versionKey, firstDay)
) STRICT, WITHOUT ROWID;

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

CREATE TABLE servicePrincipalSignIn (
    importKey INTEGER NOT NULL REFERENCES signInActivityImport(id) ON DELETE CASCADE,
    appId TEXT NOT NULL,
    lastSignIn TEXT,
    delegatedClient TEXT,
    delegatedResource TEXT,
    applicationClient TEXT,
    applicationResource TEXT,
    PRIMARY KEY (importKey, appId)
) STRICT, WITHOUT ROWID;

CREATE TABLE signInActivityImport (
    id INTEGER PRIMARY KEY,
    fileSetHash TEXT NOT NULL UNIQUE,
    asOf TEXT NOT NULL,
    appCount INTEGER NOT NULL,
    importedAt TEXT NOT NULL
) STRICT;

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

CREATE TABLE syncPage (
    runKey INTEGER NOT NULL,
    collection TEXT NOT NULL,
    pageNumber INTEGER NOT NULL,
    itemCount INTEGER NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (runKey, collection, pageNumber),
    FOREIGN KEY (runKey, collection) REFERENCES syncCollection(runKey, name) ON DELETE CASCADE
) STRICT;

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
, pid INTEGER, host TEXT) STRICT;

CREATE TABLE tenant (
    tenantKey INTEGER PRIMARY KEY,
    tenantId TEXT NOT NULL UNIQUE CHECK (tenantId <> '')
) STRICT;

CREATE TABLE tenantObject (
    objectKey INTEGER PRIMARY KEY,
    tenantId TEXT NOT NULL,
    id TEXT NOT NULL,
    UNIQUE (tenantId, id)
) STRICT;

CREATE TABLE tenantSnapshot (
    id INTEGER PRIMARY KEY,
    tenantId TEXT NOT NULL CHECK (tenantId <> ''),
    asOf TEXT NOT NULL CHECK (asOf GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    -- sha256 over the export's objects, whatever their files and order: equal content, equal hash.
    contentHash TEXT NOT NULL,
    importedAt TEXT NOT NULL, fileSetHash TEXT,
    UNIQUE (tenantId, asOf)
) STRICT;

CREATE TABLE "tenantUser" (
    userKey INTEGER PRIMARY KEY,
    tenantKey INTEGER NOT NULL,
    id TEXT NOT NULL,
    UNIQUE (tenantKey, id)
) STRICT;

CREATE VIEW adminConsentHolding AS
SELECT h.*
FROM permissionHolding h
JOIN latestTenantSnapshot l ON l.id = h.snapshotKey
WHERE h.requiresAdminConsent = 1 OR h.requiresAdminConsent IS NULL;

CREATE VIEW appRoleAssignmentAt AS
SELECT s.snapshotKey, s.asOf, a.*
FROM tenantSnapshotDay s
JOIN appRoleAssignmentRun p ON p.tenantKey = s.tenantKey AND p.firstDay <= s.day AND s.day <= p.lastDay
JOIN appRoleAssignment a ON a.versionKey = p.versionKey;

CREATE VIEW catalogPermission AS
SELECT * FROM currentCatalogPermission;

CREATE VIEW catalogPermissionComputed AS
WITH
    cpv AS MATERIALIZED (SELECT * FROM currentPermissionVersion),
    sp AS (SELECT * FROM cpv WHERE source = 'servicePrincipal'),
    kb AS (SELECT * FROM cpv WHERE source = 'kibali'),
    pi AS (SELECT * FROM cpv WHERE source = 'provisioningInfo'),
    pd AS (SELECT * FROM cpv WHERE source = 'permissionsDescriptions'),
    -- provisioningInfo also lists names that no catalog publishes (other resources, hidden ones): it only
    -- supplies GUIDs here. Its own rows stay in currentPermissionVersion.
    known AS (SELECT DISTINCT permissionKey FROM cpv WHERE source <> 'provisioningInfo')
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
       (SELECT count(DISTINCT c.requiresAdminConsent) > 1 FROM cpv c
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

CREATE VIEW currentApiPathResolution AS
WITH uses AS MATERIALIZED (
    SELECT path, count(DISTINCT resourceAppId || ' ' || kind || ' ' || permission) AS permissionCount
    FROM permissionApiPath
    GROUP BY path)
SELECT r.path, r.resourceType, r.isCollection, r.operation, r.operationKind, r.returnType, r.note,
       r.unresolvedSegment, r.problem, u.permissionCount, m.asOf AS metadataAsOf
FROM uses u
JOIN latestMetadataSnapshot m ON m.apiVersion = 'v1.0'
JOIN apiPathResolution r ON r.metadataSnapshotKey = m.id AND r.path = u.path;

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

CREATE VIEW currentRiskEntry AS
SELECT l.source, l.asOf, l.fileName, e.location, e.resourceAppId, e.kind, e.permission, e.permissionId,
       e.level, e.tier, e.category, e.inCatalog
FROM latestRiskList l
JOIN riskEntry e ON e.listKey = l.id;

CREATE VIEW delegatedGrantScope AS
SELECT g.snapshotKey, g.tenantId, g.asOf, g.id AS grantId, g.clientId, g.consentType, g.principalId,
       g.resourceId, v.value AS permission
FROM oauth2PermissionGrantAt g
JOIN scopeSetValue v ON v.scopeSetKey = g.scopeSetKey;

CREATE VIEW holdingPresence AS
SELECT p.holdingKey, t.tenantId, date(p.firstDay * 86400, 'unixepoch') AS firstSeen, date(p.lastDay * 86400, 'unixepoch') AS lastSeen,
       p.principalCount
FROM holdingRun p JOIN tenant t ON t.tenantKey = p.tenantKey;

CREATE VIEW latestCatalogSnapshot AS
SELECT s.*
FROM catalogSnapshot s
WHERE s.id = (
    SELECT s2.id FROM catalogSnapshot s2
    WHERE s2.source = s.source AND s2.resourceAppId IS s.resourceAppId
    ORDER BY s2.asOf DESC, s2.id DESC
    LIMIT 1);

CREATE VIEW latestMetadataSnapshot AS
SELECT m.*
FROM metadataSnapshot m
WHERE m.id = (SELECT m2.id FROM metadataSnapshot m2 WHERE m2.apiVersion = m.apiVersion ORDER BY m2.asOf DESC, m2.id DESC LIMIT 1);

CREATE VIEW latestRiskList AS
SELECT l.id, l.source, i.asOf, i.fileName, i.fileSha256, l.contentHash, l.entryCount, i.importedAt, i.id AS importId
FROM riskImport i
JOIN riskList l ON l.id = i.listKey
WHERE i.id = (SELECT i2.id FROM riskImport i2 JOIN riskList l2 ON l2.id = i2.listKey
              WHERE l2.source = l.source
              ORDER BY CASE WHEN l2.source = 'policy' THEN '' ELSE i2.asOf END DESC, i2.id DESC LIMIT 1);

CREATE VIEW latestTenantSnapshot AS
SELECT t.*
FROM tenantSnapshot t
WHERE t.id = (SELECT t2.id FROM tenantSnapshot t2 WHERE t2.tenantId = t.tenantId ORDER BY t2.asOf DESC, t2.id DESC LIMIT 1);

CREATE VIEW oauth2PermissionGrant AS
SELECT g.versionKey, t.tenantId, g.id, c.id AS clientId,
       CASE WHEN g.principalKey IS NULL THEN 'AllPrincipals' ELSE 'Principal' END AS consentType,
       u.id AS principalId, r.id AS resourceId, g.scopeSetKey,
       printf('%016x%016x%016x%016x', g.digest0, g.digest1, g.digest2, g.digest3) AS contentHash
FROM oauth2PermissionGrantVersion g
JOIN tenant t ON t.tenantKey = g.tenantKey
JOIN tenantObject c ON c.objectKey = g.clientKey
JOIN tenantObject r ON r.objectKey = g.resourceKey
LEFT JOIN tenantUser u ON u.userKey = g.principalKey;

CREATE VIEW oauth2PermissionGrantAt AS
SELECT s.snapshotKey, s.asOf, g.*,
       coalesce(ss.scope, (SELECT group_concat(v.value, ' ') FROM scopeSetValue v WHERE v.scopeSetKey = ss.scopeSetKey)) AS scope
FROM tenantSnapshotDay s
JOIN oauth2PermissionGrantRun p ON p.tenantKey = s.tenantKey AND p.firstDay <= s.day AND s.day <= p.lastDay
JOIN oauth2PermissionGrant g ON g.versionKey = p.versionKey
JOIN scopeSet ss ON ss.scopeSetKey = g.scopeSetKey;

CREATE VIEW permissionApiPath AS
SELECT p.resourceAppId, p.kind, p.value AS permission, v.scheme,
       a.method, a.path, a.schemeKeys, a.leastPrivilegeSchemes, a.alsoRequires
FROM latestCatalogSnapshot s
JOIN catalogSnapshotEntry e ON e.snapshotKey = s.id
JOIN permissionVersion v ON v.id = e.versionKey AND v.source = 'kibali'
JOIN permission p ON p.id = v.permissionKey
JOIN apiPath a ON a.pathSetKey = v.pathSetKey;

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

CREATE VIEW permissionResource AS
SELECT pa.resourceAppId, pa.kind, pa.permission, r.resourceType,
       count(DISTINCT pa.path) AS pathCount,
       group_concat(DISTINCT pa.method) AS methods
FROM permissionApiPath pa
JOIN latestMetadataSnapshot m ON m.apiVersion = 'v1.0'
JOIN apiPathResolution r ON r.metadataSnapshotKey = m.id AND r.path = pa.path
WHERE r.resourceType IS NOT NULL
GROUP BY pa.resourceAppId, pa.kind, pa.permission, r.resourceType;

CREATE VIEW resourceProperty AS
WITH RECURSIVE
    current AS (SELECT * FROM latestMetadataSnapshot WHERE apiVersion = 'v1.0'),
    lineage (typeKey, resourceType, declaringKey, depth) AS (
        SELECT t.id, t.qualifiedName, t.id, 0
        FROM metadataType t JOIN current c ON t.metadataSnapshotKey = c.id
        WHERE t.kind IN ('entityType', 'complexType')
        UNION ALL
        SELECT l.typeKey, l.resourceType, b.id, l.depth + 1
        FROM lineage l
        JOIN metadataType d ON d.id = l.declaringKey
        JOIN metadataType b ON b.metadataSnapshotKey = d.metadataSnapshotKey AND b.qualifiedName = d.baseType
        WHERE l.depth < 32)
SELECT l.resourceType, p.name, p.kind, p.type, p.isCollection, p.nullable, p.containsTarget,
       d.qualifiedName AS declaringType, l.depth, p.position,
       coalesce(p.description, (
           SELECT op.description FROM metadataType ot
           JOIN metadataProperty op ON op.typeKey = ot.id AND op.name = p.name
           JOIN metadataSnapshot os ON os.id = ot.metadataSnapshotKey
           WHERE ot.qualifiedName = d.qualifiedName AND op.description IS NOT NULL
           ORDER BY os.asOf DESC LIMIT 1)) AS description,
       CASE WHEN p.description IS NOT NULL THEN c.asOf ELSE (
           SELECT os.asOf FROM metadataType ot
           JOIN metadataProperty op ON op.typeKey = ot.id AND op.name = p.name
           JOIN metadataSnapshot os ON os.id = ot.metadataSnapshotKey
           WHERE ot.qualifiedName = d.qualifiedName AND op.description IS NOT NULL
           ORDER BY os.asOf DESC LIMIT 1) END AS descriptionAsOf
FROM lineage l
JOIN metadataType d ON d.id = l.declaringKey
JOIN metadataProperty p ON p.typeKey = d.id
CROSS JOIN current c;

CREATE VIEW scopeSetValue AS
SELECT s.scopeSetKey, p.name AS value
FROM scopeSet s
JOIN json_each(s.permissionKeys) k
JOIN heldPermission p ON p.permissionKey = k.value;

CREATE VIEW servicePrincipalAt AS
SELECT s.snapshotKey, s.asOf, v.*
FROM tenantSnapshotDay s
JOIN servicePrincipalRun p ON p.tenantKey = s.tenantKey AND p.firstDay <= s.day AND s.day <= p.lastDay
JOIN servicePrincipalVersion v ON v.versionKey = p.versionKey;

CREATE VIEW servicePrincipalVersion AS
SELECT sp.*,
       CASE
           WHEN sp.appOwnerOrganizationId IN ('f8cdef31-a31e-4b4a-93e4-5f571e91255a', '72f988bf-86f1-41af-91ab-2d7cd011db47')
                OR sp.appId IN (SELECT m.appId FROM microsoftApplication m
                                WHERE m.snapshotKey IN (SELECT id FROM latestCatalogSnapshot WHERE source = 'microsoftApps'))
               THEN 'microsoft'
           WHEN sp.appOwnerOrganizationId = sp.tenantId THEN 'thisTenant'
           ELSE 'thirdParty'
       END AS publisher
FROM servicePrincipal sp;

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

CREATE VIEW tenantSnapshotDay AS
SELECT s.id AS snapshotKey, s.tenantId, s.asOf, t.tenantKey, CAST(julianday(s.asOf) - 2440587.5 AS INTEGER) AS day
FROM tenantSnapshot s
JOIN tenant t ON t.tenantId = s.tenantId;

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

CREATE VIEW unresolvedApiPath AS
SELECT path, unresolvedSegment, problem, permissionCount, metadataAsOf
FROM currentApiPathResolution
WHERE resourceType IS NULL;
