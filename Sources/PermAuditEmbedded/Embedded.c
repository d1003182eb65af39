// Migrations, the default catalog's database image, the sample tenant and the site's files, compiled in with
// C23 #embed so the binary needs no file beside it. A new migration is added here too; a test checks the
// lists against the folders.
#include "PermAuditEmbedded.h"

static const unsigned char migration_0001[] = {
#embed "../../Migrations/0001_create_catalog.sql"
};
static const unsigned char migration_0002[] = {
#embed "../../Migrations/0002_create_catalog_views.sql"
};

static const unsigned char migration_0003[] = {
#embed "../../Migrations/0003_create_tenant.sql"
};
static const unsigned char migration_0004[] = {
#embed "../../Migrations/0004_create_tenant_views.sql"
};

static const unsigned char migration_0005[] = {
#embed "../../Migrations/0005_add_tenant_file_set_hash.sql"
};

static const unsigned char migration_0006[] = {
#embed "../../Migrations/0006_store_tenant_history.sql"
};

static const unsigned char migration_0007[] = {
#embed "../../Migrations/0007_create_metadata.sql"
};

static const unsigned char migration_0008[] = {
#embed "../../Migrations/0008_create_risk.sql"
};

static const unsigned char migration_0009[] = {
#embed "../../Migrations/0009_record_risk_imports.sql"
};

static const unsigned char migration_0010[] = {
#embed "../../Migrations/0010_rebuild_path_resolution_views.sql"
};

static const unsigned char migration_0011[] = {
#embed "../../Migrations/0011_create_grant_groups.sql"
};
static const unsigned char migration_0012[] = {
#embed "../../Migrations/0012_create_graph_activity.sql"
};
static const unsigned char migration_0013[] = {
#embed "../../Migrations/0013_create_sign_in_activity.sql"
};
static const unsigned char migration_0014[] = {
#embed "../../Migrations/0014_create_sync.sql"
};
static const unsigned char migration_0015[] = {
#embed "../../Migrations/0015_record_sync_sources.sql"
};
static const unsigned char migration_0016[] = {
#embed "../../Migrations/0016_create_graph_call_totals.sql"
};
static const unsigned char migration_0017[] = {
#embed "../../Migrations/0017_create_graph_call_uris.sql"
};
static const unsigned char migration_0018[] = {
#embed "../../Migrations/0018_store_holdings.sql"
};
static const unsigned char migration_0019[] = {
#embed "../../Migrations/0019_open_presence_runs.sql"
};
static const unsigned char migration_0020[] = {
#embed "../../Migrations/0020_drop_version_text_indexes.sql"
};
static const unsigned char migration_0021[] = {
#embed "../../Migrations/0021_store_current_catalog.sql"
};
static const unsigned char migration_0022[] = {
#embed "../../Migrations/0022_append_scope_sets_and_holdings.sql"
};
static const unsigned char migration_0023[] = {
#embed "../../Migrations/0023_store_presence_as_integer_runs.sql"
};
static const unsigned char migration_0024[] = {
#embed "../../Migrations/0024_check_holding_consent_types_inline.sql"
};
static const unsigned char migration_0025[] = {
#embed "../../Migrations/0025_key_grants_by_interned_ids.sql"
};
static const unsigned char migration_0026[] = {
#embed "../../Migrations/0026_declare_no_foreign_keys_on_import_tables.sql"
};
static const unsigned char migration_0027[] = {
#embed "../../Migrations/0027_publish_service_principal_versions.sql"
};
static const unsigned char migration_0028[] = {
#embed "../../Migrations/0028_remember_export_elements.sql"
};
static const unsigned char migration_0029[] = {
#embed "../../Migrations/0029_store_scope_sets_as_permission_keys.sql"
};
static const unsigned char migration_0030[] = {
#embed "../../Migrations/0030_store_user_counts_in_holding_runs.sql"
};
static const unsigned char migration_0031[] = {
#embed "../../Migrations/0031_cover_holding_runs_by_day.sql"
};
static const unsigned char migration_0032[] = {
#embed "../../Migrations/0032_remember_assignment_elements.sql"
};
static const unsigned char migration_0033[] = {
#embed "../../Migrations/0033_pack_latest_holdings.sql"
};

static const PAEmbeddedFile migrations[] = {
    {"0001_create_catalog.sql", migration_0001, sizeof migration_0001},
    {"0002_create_catalog_views.sql", migration_0002, sizeof migration_0002},
    {"0003_create_tenant.sql", migration_0003, sizeof migration_0003},
    {"0004_create_tenant_views.sql", migration_0004, sizeof migration_0004},
    {"0005_add_tenant_file_set_hash.sql", migration_0005, sizeof migration_0005},
    {"0006_store_tenant_history.sql", migration_0006, sizeof migration_0006},
    {"0007_create_metadata.sql", migration_0007, sizeof migration_0007},
    {"0008_create_risk.sql", migration_0008, sizeof migration_0008},
    {"0009_record_risk_imports.sql", migration_0009, sizeof migration_0009},
    {"0010_rebuild_path_resolution_views.sql", migration_0010, sizeof migration_0010},
    {"0011_create_grant_groups.sql", migration_0011, sizeof migration_0011},
    {"0012_create_graph_activity.sql", migration_0012, sizeof migration_0012},
    {"0013_create_sign_in_activity.sql", migration_0013, sizeof migration_0013},
    {"0014_create_sync.sql", migration_0014, sizeof migration_0014},
    {"0015_record_sync_sources.sql", migration_0015, sizeof migration_0015},
    {"0016_create_graph_call_totals.sql", migration_0016, sizeof migration_0016},
    {"0017_create_graph_call_uris.sql", migration_0017, sizeof migration_0017},
    {"0018_store_holdings.sql", migration_0018, sizeof migration_0018},
    {"0019_open_presence_runs.sql", migration_0019, sizeof migration_0019},
    {"0020_drop_version_text_indexes.sql", migration_0020, sizeof migration_0020},
    {"0021_store_current_catalog.sql", migration_0021, sizeof migration_0021},
    {"0022_append_scope_sets_and_holdings.sql", migration_0022, sizeof migration_0022},
    {"0023_store_presence_as_integer_runs.sql", migration_0023, sizeof migration_0023},
    {"0024_check_holding_consent_types_inline.sql", migration_0024, sizeof migration_0024},
    {"0025_key_grants_by_interned_ids.sql", migration_0025, sizeof migration_0025},
    {"0026_declare_no_foreign_keys_on_import_tables.sql", migration_0026, sizeof migration_0026},
    {"0027_publish_service_principal_versions.sql", migration_0027, sizeof migration_0027},
    {"0028_remember_export_elements.sql", migration_0028, sizeof migration_0028},
    {"0029_store_scope_sets_as_permission_keys.sql", migration_0029, sizeof migration_0029},
    {"0030_store_user_counts_in_holding_runs.sql", migration_0030, sizeof migration_0030},
    {"0031_cover_holding_runs_by_day.sql", migration_0031, sizeof migration_0031},
    {"0032_remember_assignment_elements.sql", migration_0032, sizeof migration_0032},
    {"0033_pack_latest_holdings.sql", migration_0033, sizeof migration_0033},
};

// The seeds imported into a database (Seeds/README.md): what a new database starts as. The seed files
// themselves are not compiled in: SeedImageTests reads them from Seeds/ to check this image.
static const unsigned char seed_image[] = {
#embed "../../Seeds/default-catalog.sqlite.zlib"
};

static const unsigned char sample_organization_2026_11_01[] = {
#embed "../../Seeds/sample-tenant/organization-2026-11-01.json"
};
static const unsigned char sample_principals_2026_11_01[] = {
#embed "../../Seeds/sample-tenant/servicePrincipals-2026-11-01.json"
};
static const unsigned char sample_grants_2026_11_01[] = {
#embed "../../Seeds/sample-tenant/oauth2PermissionGrants-2026-11-01.json"
};
static const unsigned char sample_assignments_2026_11_01[] = {
#embed "../../Seeds/sample-tenant/appRoleAssignments-2026-11-01.json"
};
static const unsigned char sample_organization_2026_11_08[] = {
#embed "../../Seeds/sample-tenant/organization-2026-11-08.json"
};
static const unsigned char sample_principals_2026_11_08[] = {
#embed "../../Seeds/sample-tenant/servicePrincipals-2026-11-08.json"
};
static const unsigned char sample_grants_2026_11_08[] = {
#embed "../../Seeds/sample-tenant/oauth2PermissionGrants-2026-11-08.json"
};
static const unsigned char sample_assignments_2026_11_08[] = {
#embed "../../Seeds/sample-tenant/appRoleAssignments-2026-11-08.json"
};

// Two weekly exports of the sample tenant: the second with known changes, for diffs.
static const PAEmbeddedFile sample_tenant[] = {
    {"sample-tenant/organization-2026-11-01.json", sample_organization_2026_11_01, sizeof sample_organization_2026_11_01},
    {"sample-tenant/servicePrincipals-2026-11-01.json", sample_principals_2026_11_01, sizeof sample_principals_2026_11_01},
    {"sample-tenant/oauth2PermissionGrants-2026-11-01.json", sample_grants_2026_11_01, sizeof sample_grants_2026_11_01},
    {"sample-tenant/appRoleAssignments-2026-11-01.json", sample_assignments_2026_11_01, sizeof sample_assignments_2026_11_01},
    {"sample-tenant/organization-2026-11-08.json", sample_organization_2026_11_08, sizeof sample_organization_2026_11_08},
    {"sample-tenant/servicePrincipals-2026-11-08.json", sample_principals_2026_11_08, sizeof sample_principals_2026_11_08},
    {"sample-tenant/oauth2PermissionGrants-2026-11-08.json", sample_grants_2026_11_08, sizeof sample_grants_2026_11_08},
    {"sample-tenant/appRoleAssignments-2026-11-08.json", sample_assignments_2026_11_08, sizeof sample_assignments_2026_11_08},
};

// The static site's templates and assets (Sources/PermAuditSite/Templates), embedded for `permaudit site`.
static const unsigned char site_head_mustache[] = {
#embed "../PermAuditSite/Templates/head.mustache"
};
static const unsigned char site_changelog_mustache[] = {
#embed "../PermAuditSite/Templates/changelog.mustache"
};
static const unsigned char site_changelog_atom_mustache[] = {
#embed "../PermAuditSite/Templates/changelog.atom.mustache"
};
static const unsigned char site_drift_mustache[] = {
#embed "../PermAuditSite/Templates/drift.mustache"
};
static const unsigned char site_app_mustache[] = {
#embed "../PermAuditSite/Templates/app.mustache"
};
static const unsigned char site_foot_mustache[] = {
#embed "../PermAuditSite/Templates/foot.mustache"
};
static const unsigned char site_index_mustache[] = {
#embed "../PermAuditSite/Templates/index.mustache"
};
static const unsigned char site_permission_mustache[] = {
#embed "../PermAuditSite/Templates/permission.mustache"
};
static const unsigned char site_report_mustache[] = {
#embed "../PermAuditSite/Templates/report.mustache"
};
static const unsigned char site_site_css[] = {
#embed "../PermAuditSite/Templates/site.css"
};
static const unsigned char site_site_js[] = {
#embed "../PermAuditSite/Templates/site.js"
};

static const PAEmbeddedFile site_files[] = {
    {"head.mustache", site_head_mustache, sizeof site_head_mustache},
    {"changelog.mustache", site_changelog_mustache, sizeof site_changelog_mustache},
    {"changelog.atom.mustache", site_changelog_atom_mustache, sizeof site_changelog_atom_mustache},
    {"drift.mustache", site_drift_mustache, sizeof site_drift_mustache},
    {"app.mustache", site_app_mustache, sizeof site_app_mustache},
    {"foot.mustache", site_foot_mustache, sizeof site_foot_mustache},
    {"index.mustache", site_index_mustache, sizeof site_index_mustache},
    {"permission.mustache", site_permission_mustache, sizeof site_permission_mustache},
    {"report.mustache", site_report_mustache, sizeof site_report_mustache},
    {"site.css", site_site_css, sizeof site_site_css},
    {"site.js", site_site_js, sizeof site_site_js},
};

size_t pa_migration_count(void) { return sizeof migrations / sizeof migrations[0]; }
PAEmbeddedFile pa_migration(size_t index) { return migrations[index]; }

PAEmbeddedFile pa_seed_image(void) { return (PAEmbeddedFile){"default-catalog.sqlite.zlib", seed_image, sizeof seed_image}; }

size_t pa_sample_tenant_count(void) { return sizeof sample_tenant / sizeof sample_tenant[0]; }
PAEmbeddedFile pa_sample_tenant(size_t index) { return sample_tenant[index]; }

size_t pa_site_file_count(void) { return sizeof site_files / sizeof site_files[0]; }
PAEmbeddedFile pa_site_file(size_t index) { return site_files[index]; }
