/* sd-aws-tls-database.c — the system's trusted roots plus CA bundles
 *
 * GIO's TLS backend verifies a server's chain with one GTlsDatabase. This
 * one asks the system's database first and then one GTlsFileDatabase per
 * bundle: each check is the backend's own (expiry, name, purpose), only the
 * trusted roots differ. The AWS CLI reads the bundle instead of its own
 * roots; trusting both keeps every public AWS endpoint working when a
 * bundle holds only a proxy's root.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-aws-error.h"
#include "sd-aws-tls-database.h"

struct _SdAwsTlsDatabase
{
  GTlsDatabase  parent_instance;

  GTlsDatabase *system;              /* owned; the backend's default, once system_ready */
  gsize         system_ready;
  GMutex        lock;                /* guards the two below: handshakes verify on threads */
  GPtrArray    *bundles;             /* GTlsDatabase*, in the order added */
  GHashTable   *loaded;              /* paths of the bundles */
};

G_DEFINE_FINAL_TYPE (SdAwsTlsDatabase, sd_aws_tls_database, G_TYPE_TLS_DATABASE)

/* Auxiliary functions */

/* The system's roots, read at the first verification (on the handshake's
 * thread) rather than when the client is made: reading them parses every
 * certificate of the system's store. NULL if the backend has none. */
static GTlsDatabase *
system_database (SdAwsTlsDatabase *self)
{
  if (g_once_init_enter (&self->system_ready))
    {
      self->system = g_tls_backend_get_default_database (g_tls_backend_get_default ());
      g_once_init_leave (&self->system_ready, 1);
    }
  return self->system;
}

static GPtrArray *
bundles_snapshot (SdAwsTlsDatabase *self)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->bundles->len; i++)
    g_ptr_array_add (out, g_object_ref (g_ptr_array_index (self->bundles, i)));
  g_mutex_unlock (&self->lock);
  return out;
}

static GTlsDatabase *
load_bundle (const char  *path,
             const char  *source,
             GError     **error)
{
  g_autoptr(GError) local = NULL;
  GList *certificates;
  GTlsDatabase *database;

  certificates = g_tls_certificate_list_new_from_file (path, &local);
  if (local == NULL && certificates == NULL)
    local = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                 _("it holds no PEM certificate"));
  g_list_free_full (certificates, g_object_unref);

  database = local == NULL ? g_tls_file_database_new (path, &local) : NULL;
  if (database == NULL)
    {
      g_set_error (error, SD_AWS_ERROR, SD_AWS_ERROR_CONFIG,
                   _("The CA bundle “%s” (%s) cannot be used: %s. Fix the path, or unset it to "
                     "trust only the system's certificate authorities."),
                   path, source, local->message);
      return NULL;
    }
  return database;
}

/* Overrides */

static GTlsCertificateFlags
sd_aws_tls_database_verify_chain (GTlsDatabase             *database,
                                  GTlsCertificate          *chain,
                                  const char               *purpose,
                                  GSocketConnectable       *identity,
                                  GTlsInteraction          *interaction,
                                  GTlsDatabaseVerifyFlags   flags,
                                  GCancellable             *cancellable,
                                  GError                  **error)
{
  SdAwsTlsDatabase *self = SD_AWS_TLS_DATABASE (database);
  g_autoptr(GPtrArray) bundles = bundles_snapshot (self);
  GTlsCertificateFlags result = G_TLS_CERTIFICATE_UNKNOWN_CA;

  if (system_database (self) != NULL)
    {
      result = g_tls_database_verify_chain (self->system, chain, purpose, identity, interaction,
                                            flags, cancellable, error);
      if (result == 0 || (error != NULL && *error != NULL))
        return result;
    }

  for (guint i = 0; i < bundles->len; i++)
    {
      GTlsCertificateFlags with_bundle;

      with_bundle = g_tls_database_verify_chain (g_ptr_array_index (bundles, i), chain, purpose,
                                                 identity, interaction, flags, cancellable, error);
      if (with_bundle == 0 || (error != NULL && *error != NULL))
        return with_bundle;
    }

  /* The system's verdict says best what is wrong (expired, wrong name…). */
  return result;
}

/* The backend may look issuers up to build a chain: the system's database answers. */
static GTlsCertificate *
sd_aws_tls_database_lookup_certificate_issuer (GTlsDatabase             *database,
                                               GTlsCertificate          *certificate,
                                               GTlsInteraction          *interaction,
                                               GTlsDatabaseLookupFlags   flags,
                                               GCancellable             *cancellable,
                                               GError                  **error)
{
  SdAwsTlsDatabase *self = SD_AWS_TLS_DATABASE (database);

  if (system_database (self) == NULL)
    return NULL;
  return g_tls_database_lookup_certificate_issuer (self->system, certificate, interaction, flags,
                                                   cancellable, error);
}

static GList *
sd_aws_tls_database_lookup_certificates_issued_by (GTlsDatabase             *database,
                                                   GByteArray               *issuer_raw_dn,
                                                   GTlsInteraction          *interaction,
                                                   GTlsDatabaseLookupFlags   flags,
                                                   GCancellable             *cancellable,
                                                   GError                  **error)
{
  SdAwsTlsDatabase *self = SD_AWS_TLS_DATABASE (database);

  if (system_database (self) == NULL)
    return NULL;
  return g_tls_database_lookup_certificates_issued_by (self->system, issuer_raw_dn, interaction,
                                                       flags, cancellable, error);
}

static char *
sd_aws_tls_database_create_certificate_handle (GTlsDatabase    *database,
                                               GTlsCertificate *certificate)
{
  SdAwsTlsDatabase *self = SD_AWS_TLS_DATABASE (database);

  if (system_database (self) == NULL)
    return NULL;
  return g_tls_database_create_certificate_handle (self->system, certificate);
}

static GTlsCertificate *
sd_aws_tls_database_lookup_certificate_for_handle (GTlsDatabase             *database,
                                                   const char               *handle,
                                                   GTlsInteraction          *interaction,
                                                   GTlsDatabaseLookupFlags   flags,
                                                   GCancellable             *cancellable,
                                                   GError                  **error)
{
  SdAwsTlsDatabase *self = SD_AWS_TLS_DATABASE (database);

  if (system_database (self) == NULL)
    return NULL;
  return g_tls_database_lookup_certificate_for_handle (self->system, handle, interaction, flags,
                                                       cancellable, error);
}

static void
sd_aws_tls_database_finalize (GObject *object)
{
  SdAwsTlsDatabase *self = SD_AWS_TLS_DATABASE (object);

  g_clear_object (&self->system);
  g_clear_pointer (&self->bundles, g_ptr_array_unref);
  g_clear_pointer (&self->loaded, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (sd_aws_tls_database_parent_class)->finalize (object);
}

static void
sd_aws_tls_database_class_init (SdAwsTlsDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  object_class->finalize = sd_aws_tls_database_finalize;
  database_class->verify_chain = sd_aws_tls_database_verify_chain;
  database_class->lookup_certificate_issuer = sd_aws_tls_database_lookup_certificate_issuer;
  database_class->lookup_certificates_issued_by = sd_aws_tls_database_lookup_certificates_issued_by;
  database_class->create_certificate_handle = sd_aws_tls_database_create_certificate_handle;
  database_class->lookup_certificate_for_handle = sd_aws_tls_database_lookup_certificate_for_handle;
}

static void
sd_aws_tls_database_init (SdAwsTlsDatabase *self)
{
  g_mutex_init (&self->lock);
  self->bundles = g_ptr_array_new_with_free_func (g_object_unref);
  self->loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API */

SdAwsTlsDatabase *
sd_aws_tls_database_new (void)
{
  GTlsBackend *backend = g_tls_backend_get_default ();
  SdAwsTlsDatabase *self;

  if (!g_tls_backend_supports_tls (backend))
    return NULL;
  self = g_object_new (SD_TYPE_AWS_TLS_DATABASE, NULL);
  return self;
}

gboolean
sd_aws_tls_database_add_bundle (SdAwsTlsDatabase  *self,
                                const char        *path,
                                const char        *source,
                                GError           **error)
{
  GTlsDatabase *database;
  gboolean known;

  g_return_val_if_fail (SD_IS_AWS_TLS_DATABASE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  g_mutex_lock (&self->lock);
  known = g_hash_table_contains (self->loaded, path);
  g_mutex_unlock (&self->lock);
  if (known)
    return TRUE;

  /* Read outside the lock: a handshake must not wait on the disk. A file
   * that fails is read again next time, so that fixing it needs no restart. */
  database = load_bundle (path, source, error);
  if (database == NULL)
    return FALSE;

  g_mutex_lock (&self->lock);
  if (g_hash_table_add (self->loaded, g_strdup (path)))
    g_ptr_array_add (self->bundles, g_steal_pointer (&database));
  g_mutex_unlock (&self->lock);

  g_clear_object (&database);
  return TRUE;
}
