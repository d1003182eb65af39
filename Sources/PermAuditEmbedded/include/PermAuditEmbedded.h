#ifndef PERMAUDIT_EMBEDDED_H
#define PERMAUDIT_EMBEDDED_H

#include <stddef.h>

/// A file compiled into the binary: its name and its bytes.
typedef struct {
    const char *name;
    const unsigned char *bytes;
    size_t length;
} PAEmbeddedFile;

/// Migrations/*.sql, in the order they apply.
size_t pa_migration_count(void);
PAEmbeddedFile pa_migration(size_t index);

/// Seeds/default-catalog.sqlite.zlib: the seeds imported into a database, its size then its zlib stream.
PAEmbeddedFile pa_seed_image(void);

/// Seeds/sample-tenant: the synthetic Contoso tenant export (imported on request only).
size_t pa_sample_tenant_count(void);
PAEmbeddedFile pa_sample_tenant(size_t index);

/// Sources/PermAuditSite/Templates: the static site's Mustache templates, stylesheet and script.
size_t pa_site_file_count(void);
PAEmbeddedFile pa_site_file(size_t index);

#endif
