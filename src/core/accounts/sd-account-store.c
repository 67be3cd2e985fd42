/* sd-account-store.c — accounts added in the app, their keys in the Secret Service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>

#include "sd-account-store.h"
#include "sd-aws-config.h"
#include "sd-aws-endpoints.h"

struct _SdAccountStore
{
  GObject     parent_instance;

  GListStore *accounts;     /* owned; of SdAccount */
  GHashTable *credentials;  /* owned; profile → SdAwsCredentials */
};

G_DEFINE_FINAL_TYPE (SdAccountStore, sd_account_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (sd-account-store-error-quark, sd_account_store_error)

static const SecretSchema account_schema = {
  "io.github.sesdesk.SesDesk.Account", SECRET_SCHEMA_NONE,
  {
    { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "region", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "NULL", 0 },
  }
};

typedef struct {
  char *profile;
  char *region;
  char *access_key_id;
  char *secret_access_key;
} AddData;

/* Auxiliary functions */

static void
add_data_free (AddData *data)
{
  g_free (data->profile);
  g_free (data->region);
  g_free (data->access_key_id);
  if (data->secret_access_key != NULL)
    explicit_bzero (data->secret_access_key, strlen (data->secret_access_key));
  g_free (data->secret_access_key);
  g_free (data);
}

static int
compare_accounts (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return g_utf8_collate (sd_account_get_profile ((SdAccount *) a),
                         sd_account_get_profile ((SdAccount *) b));
}

static gboolean
find_account (SdAccountStore *self,
              const char     *profile,
              guint          *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (g_strcmp0 (sd_account_get_profile (account), profile) == 0)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
insert_account (SdAccountStore   *self,
                const char       *profile,
                const char       *region,
                SdAwsCredentials *credentials)
{
  g_autoptr(SdAccount) account = sd_account_new (profile, region, _("Access keys in the keyring"),
                                                 SD_ACCOUNT_SOURCE_ADDED);
  guint position;

  /* Keys first: whoever reacts to the list change may ask for them. */
  g_hash_table_replace (self->credentials, g_strdup (profile), sd_aws_credentials_ref (credentials));
  if (find_account (self, profile, &position))
    g_list_store_remove (self->accounts, position);
  g_list_store_insert_sorted (self->accounts, account, compare_accounts, NULL);
}

/* The secret is a small JSON object so that both keys stay together. */
static char *
encode_secret (const char *access_key_id,
               const char *secret_access_key)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_key_id");
  json_builder_add_string_value (builder, access_key_id);
  json_builder_set_member_name (builder, "secret_access_key");
  json_builder_add_string_value (builder, secret_access_key);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static SdAwsCredentials *
decode_secret (const char *text,
               const char *profile)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *source = NULL;
  JsonObject *object;
  const char *access_key_id;
  const char *secret_access_key;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  access_key_id = json_object_get_string_member_with_default (object, "access_key_id", NULL);
  secret_access_key = json_object_get_string_member_with_default (object, "secret_access_key", NULL);
  if (access_key_id == NULL || secret_access_key == NULL)
    return NULL;

  source = g_strdup_printf ("keyring account %s", profile);
  return sd_aws_credentials_new (access_key_id, secret_access_key, NULL, 0, source);
}

static void
set_secret_service_error (GError       **error,
                          const GError  *cause)
{
  g_set_error (error, SD_ACCOUNT_STORE_ERROR, SD_ACCOUNT_STORE_ERROR_SECRET_SERVICE,
               _("The keyring could not be used (%s). Is a Secret Service such as GNOME Keyring running?"),
               cause->message);
}

/* Callbacks */

static void
on_search_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdAccountStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  GList *items = secret_service_search_finish (NULL, result, &error);

  if (error != NULL)
    {
      GError *wrapped = NULL;

      set_secret_service_error (&wrapped, error);
      g_task_return_error (task, wrapped);
      return;
    }

  g_list_store_remove_all (self->accounts);
  g_hash_table_remove_all (self->credentials);

  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretItem *item = l->data;
      g_autoptr(GHashTable) attributes = secret_item_get_attributes (item);
      g_autoptr(SecretValue) value = secret_item_get_secret (item);
      const char *profile = g_hash_table_lookup (attributes, "profile");
      const char *region = g_hash_table_lookup (attributes, "region");
      g_autoptr(SdAwsCredentials) credentials = NULL;

      if (profile == NULL || value == NULL)
        continue;
      credentials = decode_secret (secret_value_get_text (value), profile);
      /* An item we cannot read is left alone in the keyring rather than lost. */
      if (credentials == NULL)
        {
          g_warning ("The keyring item of account %s could not be read; it is skipped", profile);
          continue;
        }
      insert_account (self, profile, region, credentials);
    }
  g_list_free_full (items, g_object_unref);

  g_task_return_boolean (task, TRUE);
}

static void
on_store_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdAccountStore *self = g_task_get_source_object (task);
  AddData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdAwsCredentials) credentials = NULL;
  g_autofree char *label_source = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      GError *wrapped = NULL;

      set_secret_service_error (&wrapped, error);
      g_task_return_error (task, wrapped);
      return;
    }

  label_source = g_strdup_printf ("keyring account %s", data->profile);
  credentials = sd_aws_credentials_new (data->access_key_id, data->secret_access_key,
                                        NULL, 0, label_source);
  insert_account (self, data->profile, data->region, credentials);
  g_task_return_boolean (task, TRUE);
}

static void
on_clear_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdAccountStore *self = g_task_get_source_object (task);
  const char *profile = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint position;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      GError *wrapped = NULL;

      set_secret_service_error (&wrapped, error);
      g_task_return_error (task, wrapped);
      return;
    }

  if (find_account (self, profile, &position))
    g_list_store_remove (self->accounts, position);
  g_hash_table_remove (self->credentials, profile);
  g_task_return_boolean (task, TRUE);
}

/* Overrides */

static void
sd_account_store_finalize (GObject *object)
{
  SdAccountStore *self = SD_ACCOUNT_STORE (object);

  g_clear_object (&self->accounts);
  g_clear_pointer (&self->credentials, g_hash_table_unref);

  G_OBJECT_CLASS (sd_account_store_parent_class)->finalize (object);
}

static void
sd_account_store_class_init (SdAccountStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sd_account_store_finalize;
}

static void
sd_account_store_init (SdAccountStore *self)
{
  self->accounts = g_list_store_new (SD_TYPE_ACCOUNT);
  self->credentials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) sd_aws_credentials_unref);
}

/* Public API */

SdAccountStore *
sd_account_store_new (void)
{
  return g_object_new (SD_TYPE_ACCOUNT_STORE, NULL);
}

GListModel *
sd_account_store_get_accounts (SdAccountStore *self)
{
  g_return_val_if_fail (SD_IS_ACCOUNT_STORE (self), NULL);
  return G_LIST_MODEL (self->accounts);
}

SdAwsCredentials *
sd_account_store_get_credentials (SdAccountStore *self,
                                  const char     *profile)
{
  SdAwsCredentials *credentials;

  g_return_val_if_fail (SD_IS_ACCOUNT_STORE (self), NULL);

  credentials = g_hash_table_lookup (self->credentials, profile);
  return credentials != NULL ? sd_aws_credentials_ref (credentials) : NULL;
}

void
sd_account_store_apply (SdAccountStore *self,
                        SdAwsClient    *client)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (SD_IS_ACCOUNT_STORE (self));

  g_hash_table_iter_init (&iter, self->credentials);
  while (g_hash_table_iter_next (&iter, &key, &value))
    sd_aws_client_set_profile_credentials (client, key, value);
}

gboolean
sd_account_store_validate (const char  *profile,
                           const char  *region,
                           const char  *access_key_id,
                           const char  *secret_access_key,
                           GError     **error)
{
  gsize len;

  if (profile == NULL || *profile == '\0')
    {
      g_set_error_literal (error, SD_ACCOUNT_STORE_ERROR, SD_ACCOUNT_STORE_ERROR_INVALID_NAME,
                           _("Give the account a name."));
      return FALSE;
    }
  for (const char *p = profile; *p != '\0'; p++)
    {
      /* The same names the AWS CLI accepts in a section header. */
      if (!g_ascii_isalnum (*p) && strchr ("-_.@+", *p) == NULL)
        {
          g_set_error_literal (error, SD_ACCOUNT_STORE_ERROR, SD_ACCOUNT_STORE_ERROR_INVALID_NAME,
                               _("A name may hold only letters, digits and - _ . @ +"));
          return FALSE;
        }
    }
  if (strlen (profile) > 64)
    {
      g_set_error_literal (error, SD_ACCOUNT_STORE_ERROR, SD_ACCOUNT_STORE_ERROR_INVALID_NAME,
                           _("A name may be at most 64 characters long."));
      return FALSE;
    }

  if (region == NULL || !sd_aws_region_is_valid (region))
    {
      g_set_error_literal (error, SD_ACCOUNT_STORE_ERROR, SD_ACCOUNT_STORE_ERROR_INVALID_REGION,
                           _("Choose a region such as us-east-1."));
      return FALSE;
    }

  /* Access key ids are 16 to 128 upper-case letters and digits (AKIA… for long-term keys). */
  len = access_key_id != NULL ? strlen (access_key_id) : 0;
  if (len < 16 || len > 128)
    {
      g_set_error_literal (error, SD_ACCOUNT_STORE_ERROR, SD_ACCOUNT_STORE_ERROR_INVALID_KEY,
                           _("An access key ID is 16 to 128 characters long, like AKIAIOSFODNN7EXAMPLE."));
      return FALSE;
    }
  for (const char *p = access_key_id; *p != '\0'; p++)
    {
      if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p))
        {
          g_set_error_literal (error, SD_ACCOUNT_STORE_ERROR, SD_ACCOUNT_STORE_ERROR_INVALID_KEY,
                               _("An access key ID holds only capital letters and digits."));
          return FALSE;
        }
    }

  len = secret_access_key != NULL ? strlen (secret_access_key) : 0;
  if (len < 16 || len > 128 || strpbrk (secret_access_key, " \t\r\n") != NULL)
    {
      g_set_error_literal (error, SD_ACCOUNT_STORE_ERROR, SD_ACCOUNT_STORE_ERROR_INVALID_KEY,
                           _("A secret access key is 40 characters long, with no spaces."));
      return FALSE;
    }

  return TRUE;
}

void
sd_account_store_load_async (SdAccountStore      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (SD_IS_ACCOUNT_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_account_store_load_async);
  secret_service_search (NULL, &account_schema, attributes,
                         SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                         cancellable, on_search_ready, g_steal_pointer (&task));
}

gboolean
sd_account_store_load_finish (SdAccountStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sd_account_store_add_async (SdAccountStore      *self,
                            const char          *profile,
                            const char          *region,
                            const char          *access_key_id,
                            const char          *secret_access_key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *label = NULL;
  GError *error = NULL;
  AddData *data;

  g_return_if_fail (SD_IS_ACCOUNT_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_account_store_add_async);

  if (!sd_account_store_validate (profile, region, access_key_id, secret_access_key, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (find_account (self, profile, NULL))
    {
      g_task_return_new_error (task, SD_ACCOUNT_STORE_ERROR, SD_ACCOUNT_STORE_ERROR_EXISTS,
                               _("An account named “%s” exists already."), profile);
      return;
    }

  data = g_new0 (AddData, 1);
  data->profile = g_strdup (profile);
  data->region = g_strdup (region);
  data->access_key_id = g_strdup (access_key_id);
  data->secret_access_key = g_strdup (secret_access_key);
  g_task_set_task_data (task, data, (GDestroyNotify) add_data_free);

  secret = encode_secret (access_key_id, secret_access_key);
  /* Translators: the label of the keyring item; %s is the account's name */
  label = g_strdup_printf (_("SES Desk account “%s”"), profile);
  secret_password_store (&account_schema, SECRET_COLLECTION_DEFAULT, label, secret,
                         cancellable, on_store_ready, g_steal_pointer (&task),
                         "profile", profile,
                         "region", region,
                         NULL);
  explicit_bzero (secret, strlen (secret));
}

gboolean
sd_account_store_add_finish (SdAccountStore  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
sd_account_store_remove_async (SdAccountStore      *self,
                               const char          *profile,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SD_IS_ACCOUNT_STORE (self));
  g_return_if_fail (profile != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_account_store_remove_async);
  g_task_set_task_data (task, g_strdup (profile), g_free);
  secret_password_clear (&account_schema, cancellable, on_clear_ready, g_steal_pointer (&task),
                         "profile", profile,
                         NULL);
}

gboolean
sd_account_store_remove_finish (SdAccountStore  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
