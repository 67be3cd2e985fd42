/* sd-outbox.c — requests sent at most once, never lost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sd-aws-error.h"
#include "sd-aws-json.h"
#include "sd-state-file.h"
#include "sd-outbox-private.h"

#define JOURNAL_NAME            "outbox.json"
#define JOURNAL_VERSION         1
#define DEFAULT_SETTLE_MS       60000
/* Finished entries older than this leave the journal at start. */
#define KEEP_FINISHED_DAYS      180

G_DEFINE_FINAL_TYPE (SdOutbox, sd_outbox, G_TYPE_OBJECT)

G_DEFINE_QUARK (sd-outbox-error-quark, sd_outbox_error)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REGION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

void
sd_outbox_busy_hold (SdOutbox *self)
{
  if (self->busy++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
sd_outbox_busy_release (SdOutbox *self)
{
  g_assert (self->busy > 0);
  if (--self->busy == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

double
sd_outbox_now_seconds (void)
{
  return g_get_real_time () / (double) G_USEC_PER_SEC;
}

void
sd_outbox_emit_region_changed (SdOutbox   *self,
                               const char *profile,
                               const char *region)
{
  g_signal_emit (self, signals[REGION_CHANGED], 0, profile, region);
}

gboolean
sd_outbox_journal_save (SdOutbox  *self,
                        GError   **error)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *array = json_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdOutboxEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      json_array_add_object_element (array, sd_outbox_entry_to_json (entry));
    }
  json_object_set_int_member (root, "version", JOURNAL_VERSION);
  json_object_set_array_member (root, "entries", array);

  if (!sd_state_file_ensure_dir (self->directory, error) ||
      !sd_state_file_write_json (self->journal_path, root, error))
    return FALSE;
  return TRUE;
}

void
sd_outbox_journal_save_quietly (SdOutbox *self)
{
  g_autoptr(GError) error = NULL;

  if (!sd_outbox_journal_save (self, &error))
    g_message ("Could not update the outbox journal: %s", error->message);
}

gboolean
sd_outbox_error_is_definite (const GError *error)
{
  guint status;

  if (error == NULL || error->domain != SD_AWS_ERROR)
    return FALSE;
  status = sd_aws_error_get_http_status (error);
  if (status >= 500)
    return FALSE;

  switch ((SdAwsErrorCode) error->code)
    {
    /* AWS refused it, or it never left: nothing was applied. */
    case SD_AWS_ERROR_THROTTLED:
    case SD_AWS_ERROR_ACCESS_DENIED:
    case SD_AWS_ERROR_SIGNATURE:
    case SD_AWS_ERROR_NOT_FOUND:
    case SD_AWS_ERROR_CONFLICT:
    case SD_AWS_ERROR_ALREADY_EXISTS:
    case SD_AWS_ERROR_SUBSCRIPTION_REQUIRED:
    case SD_AWS_ERROR_VALIDATION:
    case SD_AWS_ERROR_NO_CREDENTIALS:
    case SD_AWS_ERROR_CREDENTIALS_EXPIRED:
    case SD_AWS_ERROR_CREDENTIAL_PROCESS:
    case SD_AWS_ERROR_CONFIG:
    case SD_AWS_ERROR_NO_PROFILE:
    case SD_AWS_ERROR_CERTIFICATE:
    case SD_AWS_ERROR_ENDPOINT:
      return TRUE;
    case SD_AWS_ERROR_SERVICE:
      return status >= 400;
    /* Anything after which AWS may have acted. */
    case SD_AWS_ERROR_NETWORK:
    case SD_AWS_ERROR_TIMEOUT:
    case SD_AWS_ERROR_SERVER:
    case SD_AWS_ERROR_BAD_RESPONSE:
    case SD_AWS_ERROR_FAILED:
    case SD_AWS_ERROR_CANCELLED:
    default:
      return FALSE;
    }
}

void
sd_outbox_confirm_entry (SdOutbox      *self,
                         SdOutboxEntry *entry)
{
  JsonArray *regions;
  gboolean all = TRUE;

  sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_CONFIRMED, SD_OUTBOX_REASON_NONE, NULL);
  sd_outbox_entry_results_changed (entry);
  sd_outbox_emit_region_changed (self, entry->profile, entry->region);

  /* The draft goes once AWS has every region of it. */
  if (self->drafts == NULL || entry->request_id == NULL)
    return;
  regions = sd_json_get_array (entry->request, "regions");
  for (guint i = 0; regions != NULL && i < json_array_get_length (regions); i++)
    {
      SdOutboxEntry *other = sd_outbox_find_entry (self, entry->request_id,
                                                   sd_json_array_get_string (regions, i));

      if (other == NULL || other->state != SD_OUTBOX_STATE_CONFIRMED)
        all = FALSE;
    }
  if (all)
    sd_draft_store_discard (self->drafts, entry->request_id, NULL);
}

void
sd_outbox_apply_review (SdOutboxEntry *entry,
                        JsonObject    *account)
{
  JsonObject *review = sd_json_get_object (sd_json_get_object (account, "Details"), "ReviewDetails");

  sd_outbox_entry_set_string (&entry->review_status, sd_json_get_string (review, "Status"));
  if (sd_json_get_string (review, "CaseId") != NULL)
    sd_outbox_entry_set_string (&entry->case_id, sd_json_get_string (review, "CaseId"));
  sd_outbox_entry_results_changed (entry);
}

void
sd_outbox_apply_quota_request (SdOutboxEntry *entry,
                               JsonObject    *requested)
{
  sd_outbox_entry_set_string (&entry->quota_request_id, sd_json_get_string (requested, "Id"));
  sd_outbox_entry_set_string (&entry->quota_status, sd_json_get_string (requested, "Status"));
  if (sd_json_get_string (requested, "CaseId") != NULL)
    sd_outbox_entry_set_string (&entry->case_id, sd_json_get_string (requested, "CaseId"));
}

/* Loading */

static void
journal_load (SdOutbox  *self,
              GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonArray *entries;
  gboolean changed = FALSE;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  root = sd_state_file_read_json (self->journal_path, &local_error);
  if (root == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return;
      /* Kept aside, never deleted: it may hold what the user needs to see. */
      if (g_file_test (self->journal_path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *aside = g_strdup_printf ("%s.broken-%" G_GINT64_FORMAT, self->journal_path, now);

          g_rename (self->journal_path, aside);
          g_set_error (error, SD_OUTBOX_ERROR, SD_OUTBOX_ERROR_JOURNAL,
                       _("The outbox journal could not be read (%s); it was kept as %s."), local_error->message,
                       aside);
        }
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return;
    }

  entries = sd_json_get_array (root, "entries");
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *item = sd_json_array_get_object (entries, i);
      g_autoptr(SdOutboxEntry) entry = NULL;

      if (item == NULL || (entry = sd_outbox_entry_new_from_json (item)) == NULL)
        {
          changed = TRUE;
          continue;
        }

      if (entry->state == SD_OUTBOX_STATE_PENDING)
        {
          /* Journalled as sending before leaving: pending never left. */
          sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_FAILED, SD_OUTBOX_REASON_NONE,
                                     _("SES Desk stopped before it left."));
          changed = TRUE;
        }
      else if (entry->state == SD_OUTBOX_STATE_SENDING)
        {
          sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_UNCERTAIN, SD_OUTBOX_REASON_NONE,
                                     _("SES Desk stopped while it was being sent"));
          changed = TRUE;
        }
      else if (entry->state != SD_OUTBOX_STATE_UNCERTAIN && entry->updated > 0 &&
               now - entry->updated > KEEP_FINISHED_DAYS * 24 * 3600)
        {
          changed = TRUE;
          continue;
        }
      g_list_store_append (self->entries, entry);
    }

  if (changed)
    sd_outbox_journal_save_quietly (self);
}

/* Overrides */

static void
sd_outbox_dispose (GObject *object)
{
  SdOutbox *self = SD_OUTBOX (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->drafts);

  G_OBJECT_CLASS (sd_outbox_parent_class)->dispose (object);
}

static void
sd_outbox_finalize (GObject *object)
{
  SdOutbox *self = SD_OUTBOX (object);

  g_clear_object (&self->client);
  g_clear_object (&self->entries);
  g_clear_object (&self->cancellable);
  g_free (self->directory);
  g_free (self->journal_path);

  G_OBJECT_CLASS (sd_outbox_parent_class)->finalize (object);
}

static void
sd_outbox_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SdOutbox *self = SD_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_outbox_class_init (SdOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sd_outbox_dispose;
  object_class->finalize = sd_outbox_finalize;
  object_class->get_property = sd_outbox_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SdOutbox::region-changed:
   * @profile: (nullable): the account's profile
   * @region: the region
   *
   * AWS accepted something for the region (a review, a quota request): its
   * dashboard row should be loaded again.
   */
  signals[REGION_CHANGED] = g_signal_new ("region-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
sd_outbox_init (SdOutbox *self)
{
  self->entries = g_list_store_new (SD_TYPE_OUTBOX_ENTRY);
  self->cancellable = g_cancellable_new ();
  self->settle_ms = DEFAULT_SETTLE_MS;
}

/* Public API */

SdOutbox *
sd_outbox_new (SdAwsClient  *client,
               const char   *directory,
               GError      **error)
{
  g_autoptr(SdOutbox) self = NULL;
  g_autoptr(GError) load_error = NULL;

  g_return_val_if_fail (SD_IS_AWS_CLIENT (client), NULL);

  self = g_object_new (SD_TYPE_OUTBOX, NULL);
  self->client = g_object_ref (client);
  self->directory = directory != NULL ? g_strdup (directory) : sd_state_file_default_dir ();
  self->journal_path = g_build_filename (self->directory, JOURNAL_NAME, NULL);
  if (!sd_state_file_ensure_dir (self->directory, error))
    return NULL;
  sd_state_file_clean_dir (self->directory);
  journal_load (self, &load_error);
  if (load_error != NULL)
    g_propagate_error (error, g_steal_pointer (&load_error));
  return g_steal_pointer (&self);
}

GListModel *
sd_outbox_get_entries (SdOutbox *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX (self), NULL);
  return G_LIST_MODEL (self->entries);
}

const char *
sd_outbox_get_journal_path (SdOutbox *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX (self), NULL);
  return self->journal_path;
}

void
sd_outbox_set_draft_store (SdOutbox     *self,
                           SdDraftStore *drafts)
{
  g_return_if_fail (SD_IS_OUTBOX (self));
  g_set_object (&self->drafts, drafts);
}

void
sd_outbox_set_settle_time (SdOutbox *self,
                           guint     milliseconds)
{
  g_return_if_fail (SD_IS_OUTBOX (self));
  self->settle_ms = milliseconds;
}

gboolean
sd_outbox_get_busy (SdOutbox *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX (self), FALSE);
  return self->busy > 0;
}

SdOutboxEntry *
sd_outbox_find_entry (SdOutbox   *self,
                      const char *request_id,
                      const char *region)
{
  guint n;

  g_return_val_if_fail (SD_IS_OUTBOX (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdOutboxEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      if (g_strcmp0 (entry->request_id, request_id) == 0 && g_strcmp0 (entry->region, region) == 0)
        return entry;  /* the store keeps its reference */
    }
  return NULL;
}

void
sd_outbox_close (SdOutbox *self)
{
  g_return_if_fail (SD_IS_OUTBOX (self));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->entries)); i++)
    {
      g_autoptr(SdOutboxEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      if (entry->reconcile_source != 0)
        {
          g_clear_handle_id (&entry->reconcile_source, g_source_remove);
          sd_outbox_entry_set_checking (entry, FALSE);
        }
    }
}

gboolean
sd_outbox_dismiss (SdOutbox       *self,
                   SdOutboxEntry  *entry,
                   GError        **error)
{
  guint position;

  g_return_val_if_fail (SD_IS_OUTBOX (self), FALSE);

  if (entry->busy || entry->checking || entry->state == SD_OUTBOX_STATE_UNCERTAIN ||
      entry->state == SD_OUTBOX_STATE_SENDING || entry->state == SD_OUTBOX_STATE_PENDING)
    {
      g_set_error (error, SD_OUTBOX_ERROR, SD_OUTBOX_ERROR_NOT_ALLOWED,
                   _("Request %s is not finished: it stays until AWS’s answer is known."), entry->reference);
      return FALSE;
    }
  if (!g_list_store_find (self->entries, entry, &position))
    return TRUE;
  g_list_store_remove (self->entries, position);
  if (!sd_outbox_journal_save (self, error))
    {
      g_list_store_insert (self->entries, position, entry);
      return FALSE;
    }
  return TRUE;
}
