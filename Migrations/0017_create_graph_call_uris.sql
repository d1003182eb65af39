-- With `permaudit import --keep-request-uris`: per activity import, app, scheme, method and catalog template,
-- the first three distinct request URIs as the log wrote them (host, ids and query included), to look into a
-- call: a path the catalog does not know, a refused write. Not kept by default: they hold user names and
-- object ids.
CREATE TABLE graphCallUri (
    importKey INTEGER NOT NULL REFERENCES activityImport(id) ON DELETE CASCADE,
    appId TEXT NOT NULL,
    scheme TEXT NOT NULL CHECK (scheme IN ('application', 'delegated')),
    method TEXT NOT NULL,
    template TEXT NOT NULL,
    uri TEXT NOT NULL,
    PRIMARY KEY (importKey, appId, scheme, method, template, uri)
) STRICT, WITHOUT ROWID;

INSERT INTO schemaNote (name, summary) VALUES
    ('graphCallUri', 'With import --keep-request-uris: up to three raw request URIs per activity import, app, scheme, method and template.');
