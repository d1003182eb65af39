-- The permission catalog, kept as snapshots over time.
--
-- Naming: columns ending in "Id" hold Microsoft Graph identifiers (GUID strings), as in Graph
-- (permissionId, resourceAppId); columns ending in "Key" are this database's integer references.
-- Unchanged content is stored once: a snapshot lists the permission versions it contains, and a
-- version (or a set of API paths) that did not change between snapshots is shared by them.

-- One import series: a catalog source on a given as-of date. Files of one source and date join one snapshot.
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
CREATE UNIQUE INDEX catalogSnapshotBySeries ON catalogSnapshot(source, ifnull(resourceAppId, ''), asOf);

-- What each part of a snapshot came from. A service principal catalog arrives as a scopes file and a roles file.
CREATE TABLE catalogSnapshotPart (
    snapshotKey INTEGER NOT NULL REFERENCES catalogSnapshot(id) ON DELETE CASCADE,
    part TEXT NOT NULL CHECK (part IN ('permissions', 'delegated', 'application', 'provisioning', 'applications')),
    contentHash TEXT NOT NULL,
    fileName TEXT NOT NULL,
    fileSha256 TEXT NOT NULL,
    entryCount INTEGER NOT NULL CHECK (entryCount >= 0),
    PRIMARY KEY (snapshotKey, part)
) STRICT;

-- The identity of a permission: names are case-sensitive, and the same name can be both a
-- delegated scope and an application role, so the key is (resource, kind, value).
CREATE TABLE permission (
    id INTEGER PRIMARY KEY,
    resourceAppId TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('delegated', 'application')),
    value TEXT NOT NULL CHECK (value <> ''),
    UNIQUE (resourceAppId, kind, value)
) STRICT;

-- A set of API paths, stored once and shared by every version that allows exactly these paths.
CREATE TABLE apiPathSet (
    id INTEGER PRIMARY KEY,
    contentHash TEXT NOT NULL UNIQUE
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
-- Not unique on (method, path): Kibali lists some paths in two path sets with different annotations.
CREATE INDEX apiPathBySet ON apiPath(pathSetKey);

-- What one source said about one permission (per Kibali scheme). Shared by all snapshots where it is unchanged.
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
CREATE INDEX permissionVersionByPermissionId ON permissionVersion(permissionId) WHERE permissionId IS NOT NULL;
CREATE INDEX permissionVersionByPathSet ON permissionVersion(pathSetKey) WHERE pathSetKey IS NOT NULL;

-- Which versions a snapshot holds.
CREATE TABLE catalogSnapshotEntry (
    snapshotKey INTEGER NOT NULL REFERENCES catalogSnapshot(id) ON DELETE CASCADE,
    versionKey INTEGER NOT NULL REFERENCES permissionVersion(id),
    PRIMARY KEY (snapshotKey, versionKey)
) STRICT, WITHOUT ROWID;
CREATE INDEX catalogSnapshotEntryByVersion ON catalogSnapshotEntry(versionKey);

-- Microsoft's first-party applications, per snapshot of the list: tells Microsoft's own apps from third parties.
CREATE TABLE microsoftApplication (
    snapshotKey INTEGER NOT NULL REFERENCES catalogSnapshot(id) ON DELETE CASCADE,
    appId TEXT NOT NULL,
    appDisplayName TEXT,
    appOwnerOrganizationId TEXT,
    listedBy TEXT,
    PRIMARY KEY (snapshotKey, appId)
) STRICT, WITHOUT ROWID;
