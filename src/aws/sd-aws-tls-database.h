/* sd-aws-tls-database.h — the system's trusted roots plus CA bundles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A GTlsDatabase that accepts a server certificate when the system's
 * database does, or when any added CA bundle (a PEM file of extra roots:
 * AWS_CA_BUNDLE, a profile's ca_bundle) does — the system's roots plus the
 * bundles', so a TLS-inspecting proxy's root can be added without losing the
 * public ones. Bundles can be added while connections verify on other
 * threads. */
#define SD_TYPE_AWS_TLS_DATABASE (sd_aws_tls_database_get_type ())
G_DECLARE_FINAL_TYPE (SdAwsTlsDatabase, sd_aws_tls_database, SD, AWS_TLS_DATABASE, GTlsDatabase)

/* Over the default TLS backend's database (NULL when there is no TLS backend). */
SdAwsTlsDatabase *sd_aws_tls_database_new        (void);
/* Trusts the roots in the PEM file @path too; a path already added costs
 * nothing. A missing or unreadable file, or one without a
 * certificate, is SD_AWS_ERROR_CONFIG naming the file and @source (where the
 * path came from, e.g. "AWS_CA_BUNDLE"). */
gboolean          sd_aws_tls_database_add_bundle (SdAwsTlsDatabase *self,
                                                  const char       *path,
                                                  const char       *source,
                                                  GError          **error);

G_END_DECLS
