-- The sha256 over the sorted sha256 of an import's tenant files: an export imported again, byte for byte,
-- is recognised before any of it is parsed.
ALTER TABLE tenantSnapshot ADD COLUMN fileSetHash TEXT;
CREATE INDEX tenantSnapshotByFileSet ON tenantSnapshot(asOf, fileSetHash);
