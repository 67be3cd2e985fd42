/* sd-outbox-quotas.c — the outbox making the managed pool and tracking quota requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sd-aws-error.h"
#include "sd-aws-json.h"
#include "sd-outbox-private.h"
#include "sd-service-quotas.h"
#include "sd-sesv2.h"

/* The managed pool */

typedef struct {
  char *profile;
  char *region;
  char *pool_name;
} PoolState;

static void
pool_state_free (gpointer data)
{
  PoolState *state = data;

  g_free (state->profile);
  g_free (state->region);
  g_free (state->pool_name);
  g_free (state);
}

static void
on_pool_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PoolState *state = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonObject) answer = sd_sesv2_finish (SD_AWS_CLIENT (source), result, &error);
  const char *mode;

  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  mode = sd_json_get_string (sd_json_get_object (answer, "DedicatedIpPool"), "ScalingMode");
  if (g_strcmp0 (mode, "MANAGED") == 0)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, SD_AWS_ERROR, SD_AWS_ERROR_ALREADY_EXISTS,
                             _("A pool named “%s” already exists in %s with standard scaling: choose another "
                               "name."), state->pool_name, state->region);
}

static void
on_pool_created (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdOutbox *self = g_task_get_source_object (task);
  PoolState *state = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonObject) answer = sd_sesv2_finish (SD_AWS_CLIENT (source), result, &error);

  if (answer != NULL)
    {
      sd_outbox_emit_region_changed (self, state->profile, state->region);
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* The name makes it safe to look: an existing managed pool is the answer. */
  if (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_ALREADY_EXISTS) || !sd_outbox_error_is_definite (error))
    {
      g_error_free (error);
      sd_sesv2_get_dedicated_ip_pool_async (self->client, state->profile, state->region, state->pool_name,
                                            self->cancellable, on_pool_read, g_steal_pointer (&task));
      return;
    }
  g_task_return_error (task, error);
}

void
sd_outbox_create_managed_pool_async (SdOutbox            *self,
                                     const char          *profile,
                                     const char          *region,
                                     const char          *pool_name,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  PoolState *state;

  g_return_if_fail (SD_IS_OUTBOX (self));
  g_return_if_fail (region != NULL && pool_name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_outbox_create_managed_pool_async);
  state = g_new0 (PoolState, 1);
  state->profile = g_strdup (profile);
  state->region = g_strdup (region);
  state->pool_name = g_strdup (pool_name);
  g_task_set_task_data (task, state, pool_state_free);
  sd_sesv2_create_dedicated_ip_pool_async (self->client, profile, region, pool_name, "MANAGED", self->cancellable,
                                           on_pool_created, task);
}

gboolean
sd_outbox_create_managed_pool_finish (SdOutbox      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Tracking the quota requests AWS has */

static gboolean
quota_status_is_open (const char *status)
{
  return status == NULL || g_str_equal (status, "PENDING") || g_str_equal (status, "CASE_OPENED");
}

typedef struct {
  SdOutbox      *outbox;  /* weak */
  SdOutboxEntry *entry;   /* owned */
} TrackData;

static void
track_data_free (TrackData *data)
{
  g_clear_weak_pointer (&data->outbox);
  g_object_set_data (G_OBJECT (data->entry), "sd-outbox-tracking", NULL);
  g_object_unref (data->entry);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrackData, track_data_free)

static void
on_quota_request_read (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(TrackData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = sd_service_quotas_finish (SD_AWS_CLIENT (source), result, &error);
  JsonObject *requested = sd_json_get_object (answer, "RequestedQuota");
  SdOutboxEntry *entry = data->entry;
  g_autofree char *before = NULL;

  if (requested == NULL || data->outbox == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not read quota request %s: %s", entry->quota_request_id, error->message);
      return;
    }
  before = g_strdup (entry->quota_status);
  sd_outbox_apply_quota_request (entry, requested);
  if (g_strcmp0 (before, entry->quota_status) == 0)
    return;
  entry->updated = g_get_real_time () / G_USEC_PER_SEC;
  sd_outbox_entry_results_changed (entry);
  sd_outbox_journal_save_quietly (data->outbox);
  /* An approved request raised the region's quota. */
  sd_outbox_emit_region_changed (data->outbox, entry->profile, entry->region);
}

guint
sd_outbox_track_quota_requests (SdOutbox *self)
{
  guint n, asked = 0;

  g_return_val_if_fail (SD_IS_OUTBOX (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdOutboxEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      g_autoptr(JsonObject) input = NULL;
      TrackData *data;

      if (entry->route != SD_REQUEST_ROUTE_SERVICE_QUOTAS || entry->state != SD_OUTBOX_STATE_CONFIRMED ||
          entry->quota_request_id == NULL || !quota_status_is_open (entry->quota_status) || entry->busy ||
          g_object_get_data (G_OBJECT (entry), "sd-outbox-tracking") != NULL)
        continue;
      input = json_object_new ();
      json_object_set_string_member (input, "RequestId", entry->quota_request_id);
      data = g_new0 (TrackData, 1);
      g_set_weak_pointer (&data->outbox, self);
      data->entry = g_object_ref (entry);
      /* One read at a time per entry. */
      g_object_set_data (G_OBJECT (entry), "sd-outbox-tracking", GINT_TO_POINTER (TRUE));
      sd_service_quotas_get_requested_change_async (self->client, entry->profile, entry->region, input,
                                                    self->cancellable, on_quota_request_read, data);
      asked++;
    }
  return asked;
}
