-- Graph's CSDL $metadata: the resource types a permission's API paths reach, with their properties,
-- kept per imported document so a newer schema never erases an older one's descriptions.

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

CREATE TABLE metadataNamespace (
    metadataSnapshotKey INTEGER NOT NULL REFERENCES metadataSnapshot(id) ON DELETE CASCADE,
    namespace TEXT NOT NULL,
    alias TEXT,
    PRIMARY KEY (metadataSnapshotKey, namespace)
) STRICT, WITHOUT ROWID;

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
CREATE INDEX metadataTypeByName ON metadataType(qualifiedName);

-- Structural and navigation properties, each stored with the type that declares it.
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

CREATE TABLE metadataEnumMember (
    typeKey INTEGER NOT NULL REFERENCES metadataType(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    value TEXT,
    description TEXT,
    PRIMARY KEY (typeKey, name)
) STRICT, WITHOUT ROWID;

-- The entity container: entity sets, singletons (me, communications, ...) and operation imports.
CREATE TABLE metadataContainerMember (
    metadataSnapshotKey INTEGER NOT NULL REFERENCES metadataSnapshot(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('entitySet', 'singleton', 'functionImport', 'actionImport')),
    type TEXT NOT NULL,
    description TEXT,
    PRIMARY KEY (metadataSnapshotKey, name)
) STRICT, WITHOUT ROWID;

-- Actions and functions; a bound one is called on bindingType (a collection of it when bindingIsCollection).
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
CREATE INDEX metadataOperationBySnapshot ON metadataOperation(metadataSnapshotKey, bindingType);

CREATE TABLE metadataParameter (
    operationKey INTEGER NOT NULL REFERENCES metadataOperation(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    isCollection INTEGER NOT NULL CHECK (isCollection IN (0, 1)),
    nullable INTEGER CHECK (nullable IN (0, 1)),
    PRIMARY KEY (operationKey, position)
) STRICT, WITHOUT ROWID;

-- Each Kibali API path resolved through one metadata document's container to the type it addresses.
-- Paths that do not resolve keep a row with resourceType NULL, the segment that failed and why.
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

-- Full-text search over the current catalog (catalogPermission): names, names split into words
-- (Calendars Read Write), display names and descriptions, with the columns a result line shows.
-- Rebuilt by every catalog import.
CREATE VIRTUAL TABLE permissionSearch USING fts5(
    permission, nameWords, displayName, description,
    permissionKey UNINDEXED, resourceAppId UNINDEXED, kind UNINDEXED, permissionId UNINDEXED,
    requiresAdminConsent UNINDEXED, privilegeLevel UNINDEXED,
    tokenize = 'unicode61');

-- The latest metadata document of each API version.
CREATE VIEW latestMetadataSnapshot AS
SELECT m.*
FROM metadataSnapshot m
WHERE m.id = (SELECT m2.id FROM metadataSnapshot m2 WHERE m2.apiVersion = m.apiVersion ORDER BY m2.asOf DESC, m2.id DESC LIMIT 1);

-- Every property of every type in the latest v1.0 document, inherited ones included with the type that
-- declares them (depth 0 = the type itself). A description the latest document lacks is taken from the
-- newest other document that has one, and descriptionAsOf says which.
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

-- The resource types each permission's API paths reach (current Kibali catalog, latest v1.0 document).
CREATE VIEW permissionResource AS
SELECT pa.resourceAppId, pa.kind, pa.permission, r.resourceType,
       count(DISTINCT pa.path) AS pathCount,
       group_concat(DISTINCT pa.method) AS methods
FROM permissionApiPath pa
JOIN latestMetadataSnapshot m ON m.apiVersion = 'v1.0'
JOIN apiPathResolution r ON r.metadataSnapshotKey = m.id AND r.path = pa.path
WHERE r.resourceType IS NOT NULL
GROUP BY pa.resourceAppId, pa.kind, pa.permission, r.resourceType;

-- Every API path of the current Kibali catalog and where it leads in the latest v1.0 document.
CREATE VIEW currentApiPathResolution AS
SELECT r.path, r.resourceType, r.isCollection, r.operation, r.operationKind, r.returnType, r.note,
       r.unresolvedSegment, r.problem,
       count(DISTINCT pa.resourceAppId || ' ' || pa.kind || ' ' || pa.permission) AS permissionCount,
       m.asOf AS metadataAsOf
FROM permissionApiPath pa
JOIN latestMetadataSnapshot m ON m.apiVersion = 'v1.0'
JOIN apiPathResolution r ON r.metadataSnapshotKey = m.id AND r.path = pa.path
GROUP BY r.path;

-- The current API paths that do not resolve against the latest v1.0 document, and why.
CREATE VIEW unresolvedApiPath AS
SELECT path, unresolvedSegment, problem, permissionCount, metadataAsOf
FROM currentApiPathResolution
WHERE resourceType IS NULL;

INSERT INTO schemaNote (name, summary) VALUES
    ('metadataSnapshot', 'Each imported CSDL $metadata document: apiVersion, asOf, file and sha256.'),
    ('metadataNamespace', 'The schemas of a metadata document and their aliases.'),
    ('metadataType', 'Entity, complex and enum types with their base type and description.'),
    ('metadataProperty', 'Properties and navigation properties, with the type that declares them.'),
    ('metadataEnumMember', 'Members of enum types.'),
    ('metadataContainerMember', 'The entity container: entity sets, singletons (me, ...) and operation imports.'),
    ('metadataOperation', 'Actions and functions, with their binding type and return type.'),
    ('metadataParameter', 'Parameters of actions and functions.'),
    ('apiPathResolution', 'Each API path resolved through a metadata document to the type it addresses, or why not.'),
    ('permissionSearch', 'Full-text index (FTS5) over the current catalog''s names, display names and descriptions.'),
    ('latestMetadataSnapshot', 'View: the latest metadata document of each API version.'),
    ('resourceProperty', 'View: every property of every type (latest v1.0), inherited ones with their declaring type.'),
    ('permissionResource', 'View: the resource types each current permission''s API paths reach.'),
    ('currentApiPathResolution', 'View: every current API path and the type it addresses in the latest v1.0 metadata.'),
    ('unresolvedApiPath', 'View: current API paths that do not resolve against the latest v1.0 metadata.');
