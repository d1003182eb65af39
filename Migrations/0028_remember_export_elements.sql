-- Each stored tenant version remembers the SHA-256 of the export element it was last read from: the object's
-- bytes exactly as the export had them, from its opening brace to its closing one. A weekly export repeats
-- nearly every object byte for byte, and an import that finds an element's digest here takes the element as
-- that version without decoding it (decoding and hashing the content were most of a 0.1%-change import).
-- An element that decodes to more than one object (a service principal with its app role assignments
-- inlined) is never remembered. App role assignments (a tenant has a tenth as many as grants, and their
-- holdings need their roles) are decoded every time and have no table here.
--
-- One table per collection, keyed by the version's key, so that the versions' tables and the views that
-- select their columns (servicePrincipalVersion, appRoleAssignmentAt, ...) keep the columns they had. The
-- digest is four signed 64-bit words, the first eight bytes the first word, as oauth2PermissionGrantVersion
-- keeps its content digest. A version without a row here is decoded when it comes, then remembered.
-- A release that changes what a version's content is (which properties are read) must empty these tables.
CREATE TABLE servicePrincipalElement (
    versionKey INTEGER PRIMARY KEY,
    digest0 INTEGER NOT NULL,
    digest1 INTEGER NOT NULL,
    digest2 INTEGER NOT NULL,
    digest3 INTEGER NOT NULL
) STRICT;

CREATE TABLE oauth2PermissionGrantElement (
    versionKey INTEGER PRIMARY KEY,
    digest0 INTEGER NOT NULL,
    digest1 INTEGER NOT NULL,
    digest2 INTEGER NOT NULL,
    digest3 INTEGER NOT NULL
) STRICT;

INSERT INTO schemaNote (name, summary) VALUES
    ('servicePrincipalElement', 'Import bookkeeping: the SHA-256 of the export element each service principal version was last read from, so that an unchanged element is not decoded again.'),
    ('oauth2PermissionGrantElement', 'Import bookkeeping: the same for grant versions.');
