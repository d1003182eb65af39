-- currentApiPathResolution, as 0007 wrote it, joined each stored resolution to the whole catalog before
-- grouping: 36 s for `permaudit paths` on the seeded catalog. Counting each path's permissions first,
-- then joining on the resolution's primary key, takes 0.2 s. Same columns, same rows.

DROP VIEW unresolvedApiPath;
DROP VIEW currentApiPathResolution;

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

CREATE VIEW unresolvedApiPath AS
SELECT path, unresolvedSegment, problem, permissionCount, metadataAsOf
FROM currentApiPathResolution
WHERE resourceType IS NULL;
