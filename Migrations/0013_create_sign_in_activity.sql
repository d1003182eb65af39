-- The servicePrincipalSignInActivities report (Graph beta, reports/servicePrincipalSignInActivities): when
-- each app last signed in, delegated and app-only, as the client and as the resource. Per app, not per
-- permission: an app that has not signed in for months uses none of what it holds (issue 19).

-- One import of the report: its content (hash) and the day it describes (the file name's date, else the
-- latest sign-in in it).
CREATE TABLE signInActivityImport (
    id INTEGER PRIMARY KEY,
    fileSetHash TEXT NOT NULL UNIQUE,
    asOf TEXT NOT NULL,
    appCount INTEGER NOT NULL,
    importedAt TEXT NOT NULL
) STRICT;

-- Each app's last sign-ins (lastSignInDateTime of each signInActivity), null when it never did.
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

INSERT INTO schemaNote (name, summary) VALUES
    ('signInActivityImport', 'Each import of the servicePrincipalSignInActivities report: file-set hash, as-of date, number of apps.'),
    ('servicePrincipalSignIn', 'Each app''s last sign-in, delegated and app-only, as client and as resource, per import of the report.');
