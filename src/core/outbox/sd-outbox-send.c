/* sd-outbox-send.c — the outbox sending: checks, the journal first, one write per region
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
#include "sd-request-check.h"
#include "sd-service-quotas.h"
#include "sd-sesv2.h"
#include "sd-support.h"

/* AWS refused the case as it was asked (an invalid service or category, a
 * limit increase the API does not take…): not throttling, not credentials. */
static gboolean
error_is_refusal (const GError *error)
{
  if (!sd_outbox_error_is_definite (error))
    return FALSE;
  switch ((SdAwsErrorCode) error->code)
    {
    case SD_AWS_ERROR_VALIDATION:
    case SD_AWS_ERROR_NOT_FOUND:
    case SD_AWS_ERROR_CONFLICT:
    case SD_AWS_ERROR_ALREADY_EXISTS:
    case SD_AWS_ERROR_ACCESS_DENIED:
    case SD_AWS_ERROR_SERVICE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* One entry's send: SENDING, the write, the outcome, a reconciliation when
 * the outcome is open. The task's data is the entry; its one reference goes
 * from each step to the next, and sd_outbox_finish_entry_task() drops it. */

void
sd_outbox_finish_entry_task (GTask *task)  /* taken */
{
  SdOutboxEntry *entry = g_task_get_task_data (task);
  SdOutbox *self = g_task_get_source_object (task);

  sd_outbox_entry_set_busy (entry, FALSE);
  sd_outbox_journal_save_quietly (self);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
on_display_id (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdOutboxEntry *entry = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = sd_support_finish (SD_AWS_CLIENT (source), result, &error);
  JsonArray *cases = sd_json_get_array (answer, "cases");

  for (guint i = 0; cases != NULL && i < json_array_get_length (cases); i++)
    {
      JsonObject *details = sd_json_array_get_object (cases, i);

      if (details == NULL)
        continue;
      sd_outbox_entry_set_string (&entry->display_id, sd_json_get_string (details, "displayId"));
      sd_outbox_entry_results_changed (entry);
      break;
    }
  sd_outbox_finish_entry_task (g_steal_pointer (&task));
}

static void
on_review_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdOutbox *self = g_task_get_source_object (task);
  SdOutboxEntry *entry = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = sd_sesv2_finish (SD_AWS_CLIENT (source), result, &error);

  if (answer != NULL)
    {
      sd_outbox_apply_review (entry, answer);
      sd_outbox_emit_region_changed (self, entry->profile, entry->region);
    }
  sd_outbox_finish_entry_task (g_steal_pointer (&task));
}

/* After a success: the ids, then what reads add (display id, review case). */
static void
entry_succeeded (GTask      *task,
                 JsonObject *answer)
{
  SdOutbox *self = g_task_get_source_object (task);
  SdOutboxEntry *entry = g_task_get_task_data (task);

  switch (entry->route)
    {
    case SD_REQUEST_ROUTE_SUPPORT_CASE:
      sd_outbox_entry_set_string (&entry->case_id, sd_json_get_string (answer, "caseId"));
      break;
    case SD_REQUEST_ROUTE_SERVICE_QUOTAS:
      sd_outbox_apply_quota_request (entry, sd_json_get_object (answer, "RequestedQuota"));
      break;
    case SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS:
    default:
      break;
    }
  sd_outbox_confirm_entry (self, entry);
  sd_outbox_journal_save_quietly (self);

  if (entry->route == SD_REQUEST_ROUTE_SUPPORT_CASE && entry->case_id != NULL)
    {
      g_autoptr(JsonObject) input = json_object_new ();
      JsonArray *ids = json_array_new ();

      json_array_add_string_element (ids, entry->case_id);
      json_object_set_array_member (input, "caseIdList", ids);
      json_object_set_boolean_member (input, "includeResolvedCases", TRUE);
      json_object_set_boolean_member (input, "includeCommunications", FALSE);
      sd_support_describe_cases_async (self->client, entry->profile, input, self->cancellable, on_display_id,
                                       g_steal_pointer (&task));
      return;
    }
  if (entry->route == SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS)
    {
      /* The review case SES opened, for the region's page. */
      sd_sesv2_get_account_async (self->client, entry->profile, entry->region, self->cancellable, on_review_read,
                                  g_steal_pointer (&task));
      return;
    }
  sd_outbox_finish_entry_task (g_steal_pointer (&task));
}

static void
on_conflict_account (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdOutboxEntry *entry = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = sd_sesv2_finish (SD_AWS_CLIENT (source), result, &error);
  JsonObject *review = sd_json_get_object (sd_json_get_object (answer, "Details"), "ReviewDetails");
  const char *status = sd_json_get_string (review, "Status");

  sd_outbox_entry_set_string (&entry->open_case_id, sd_json_get_string (review, "CaseId"));
  if (g_strcmp0 (status, "PENDING") == 0)
    sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_NEEDS_USER, SD_OUTBOX_REASON_REVIEW_PENDING, entry->detail);
  else if (g_strcmp0 (status, "DENIED") == 0)
    sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_NEEDS_USER, SD_OUTBOX_REASON_REVIEW_DENIED, entry->detail);
  else
    sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_FAILED, SD_OUTBOX_REASON_NONE, entry->detail);
  sd_outbox_finish_entry_task (g_steal_pointer (&task));
}

static void
on_open_request (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdOutboxEntry *entry = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = sd_service_quotas_finish (SD_AWS_CLIENT (source), result, &error);
  JsonArray *requests = sd_json_get_array (answer, "RequestedQuotas");

  for (guint i = 0; requests != NULL && i < json_array_get_length (requests); i++)
    {
      JsonObject *request = sd_json_array_get_object (requests, i);
      const char *status = sd_json_get_string (request, "Status");

      if (g_strcmp0 (status, "PENDING") == 0 || g_strcmp0 (status, "CASE_OPENED") == 0)
        {
          sd_outbox_entry_set_string (&entry->open_id, sd_json_get_string (request, "Id"));
          sd_outbox_entry_set_string (&entry->open_status, status);
          sd_outbox_entry_set_string (&entry->open_case_id, sd_json_get_string (request, "CaseId"));
          entry->open_value = sd_json_get_double (request, "DesiredValue", 0);
          break;
        }
    }
  /* Shown as the open request even when the history could not be read:
   * AWS said there is one. */
  sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_NEEDS_USER, SD_OUTBOX_REASON_QUOTA_REQUEST_OPEN, entry->detail);
  sd_outbox_finish_entry_task (g_steal_pointer (&task));
}

static void
on_entry_sent (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SdOutbox *self = g_task_get_source_object (task);
  SdOutboxEntry *entry = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = sd_aws_client_send_finish (SD_AWS_CLIENT (source), result, &error);

  if (answer != NULL)
    {
      entry_succeeded (g_steal_pointer (&task), answer);
      return;
    }

  g_debug ("%s %s in %s failed: %s", entry->reference, sd_outbox_state_to_id (entry->state), entry->region,
           error->message);

  if (!sd_outbox_error_is_definite (error))
    {
      /* AWS may have acted: find out before anything else. */
      sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_UNCERTAIN, SD_OUTBOX_REASON_NONE, error->message);
      sd_outbox_journal_save_quietly (self);
      sd_outbox_reconcile_entry (self, entry, g_steal_pointer (&task));
      return;
    }

  if (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_SUBSCRIPTION_REQUIRED))
    {
      entry->route = SD_REQUEST_ROUTE_SUPPORT_CENTER;
      sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_NEEDS_USER, SD_OUTBOX_REASON_SUBSCRIPTION_REQUIRED,
                                 error->message);
      sd_outbox_finish_entry_task (g_steal_pointer (&task));
    }
  else if (entry->route == SD_REQUEST_ROUTE_SUPPORT_CASE && error_is_refusal (error))
    {
      /* The same text goes through the Support Center instead; nothing typed is lost. */
      g_autofree char *detail = g_strdup_printf (_("AWS Support refused the case (%s)"), error->message);

      entry->route = SD_REQUEST_ROUTE_SUPPORT_CENTER;
      entry->attempts--;
      entry->sent_at = 0;
      sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_NEEDS_USER, SD_OUTBOX_REASON_SUPPORT_CENTER, detail);
      sd_outbox_finish_entry_task (g_steal_pointer (&task));
    }
  else if (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_ALREADY_EXISTS) &&
           entry->route == SD_REQUEST_ROUTE_SERVICE_QUOTAS)
    {
      g_autoptr(JsonObject) input = json_object_new ();

      sd_outbox_entry_set_string (&entry->detail, error->message);
      json_object_set_string_member (input, "ServiceCode", "ses");
      json_object_set_string_member (input, "QuotaCode", sd_json_get_string (entry->payload, "QuotaCode"));
      json_object_set_int_member (input, "MaxResults", 100);
      sd_service_quotas_list_change_history_by_quota_async (self->client, entry->profile, entry->region, input,
                                                            self->cancellable, on_open_request,
                                                            g_steal_pointer (&task));
    }
  else if (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_CONFLICT) &&
           entry->route == SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS)
    {
      sd_outbox_entry_set_string (&entry->detail, error->message);
      sd_sesv2_get_account_async (self->client, entry->profile, entry->region, self->cancellable,
                                  on_conflict_account, g_steal_pointer (&task));
    }
  else
    {
      sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_FAILED, SD_OUTBOX_REASON_NONE, error->message);
      sd_outbox_finish_entry_task (g_steal_pointer (&task));
    }
}

void
sd_outbox_send_entry_now (GTask *task)
{
  SdOutbox *self = g_task_get_source_object (task);
  SdOutboxEntry *entry = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) payload = json_object_ref (entry->payload);

  entry->attempts++;
  entry->sent_at = sd_outbox_now_seconds ();
  entry->clock_offset = (double) sd_aws_client_get_clock_offset (self->client);
  sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_SENDING, SD_OUTBOX_REASON_NONE, NULL);

  /* The journal says "sending" on disk before the request leaves; if it
   * cannot, the request does not leave. */
  if (!sd_outbox_journal_save (self, &error))
    {
      g_autofree char *detail = g_strdup_printf (_("the outbox journal could not be written (%s)"), error->message);

      entry->attempts--;
      entry->sent_at = 0;
      sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_FAILED, SD_OUTBOX_REASON_NONE, detail);
      sd_outbox_finish_entry_task (task);
      return;
    }

  switch (entry->route)
    {
    case SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS:
      sd_sesv2_put_account_details_async (self->client, entry->profile, entry->region, payload,
                                          self->cancellable, on_entry_sent, task);
      break;
    case SD_REQUEST_ROUTE_SERVICE_QUOTAS:
      sd_service_quotas_request_increase_async (self->client, entry->profile, entry->region, payload,
                                                self->cancellable, on_entry_sent, task);
      break;
    case SD_REQUEST_ROUTE_SUPPORT_CASE:
      sd_support_create_case_async (self->client, entry->profile, payload, self->cancellable, on_entry_sent, task);
      break;
    case SD_REQUEST_ROUTE_SUPPORT_CENTER:
    case SD_REQUEST_ROUTE_NONE:
    case SD_REQUEST_ROUTE_UNKNOWN:
    default:
      entry->attempts--;
      entry->sent_at = 0;
      sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_FAILED, SD_OUTBOX_REASON_NONE,
                                 _("there is no way to send it from here"));
      sd_outbox_finish_entry_task (task);
      break;
    }
}

void
sd_outbox_send_entry_async (SdOutbox            *self,
                            SdOutboxEntry       *entry,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, sd_outbox_send_entry_async);
  g_task_set_task_data (task, g_object_ref (entry), g_object_unref);
  sd_outbox_entry_set_busy (entry, TRUE);

  if (entry->attempts > 0 && entry->sent_at > 0 &&
      (entry->route == SD_REQUEST_ROUTE_SUPPORT_CASE || entry->route == SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS ||
       entry->route == SD_REQUEST_ROUTE_SERVICE_QUOTAS))
    {
      g_object_set_data (G_OBJECT (task), "sd-probe", GINT_TO_POINTER (TRUE));
      sd_outbox_reconcile_entry (self, entry, task);
      return;
    }
  sd_outbox_send_entry_now (task);
}

gboolean
sd_outbox_send_entry_finish (SdOutbox      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Sending */

typedef struct {
  GPtrArray  *claimed;    /* owned; of SdOutboxEntry this send marked busy */
  SdRequest  *request;    /* owned: a copy, with the regions still to send */
  JsonObject *snapshot;   /* owned: the request as the user had it */
  GPtrArray  *result;     /* owned; of SdOutboxEntry */
  GPtrArray  *queue;      /* owned; of SdOutboxEntry to send now */
  guint       next;
  SdOutboxEntry *again;   /* owned, nullable: send again of this entry */
} SendState;

static void
send_state_free (gpointer data)
{
  SendState *state = data;

  g_clear_object (&state->request);
  g_clear_pointer (&state->snapshot, json_object_unref);
  g_ptr_array_unref (state->result);
  g_ptr_array_unref (state->queue);
  g_ptr_array_unref (state->claimed);
  g_clear_object (&state->again);
  g_free (state);
}

static void send_next (GTask *task);

static void
on_entry_sent_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;

  sd_outbox_send_entry_finish (SD_OUTBOX (source), result, NULL);
  send_next (task);
}

static void
send_next (GTask *task)
{
  SdOutbox *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  SdOutboxEntry *entry;

  if (state->next >= state->queue->len)
    {
      for (guint i = 0; i < state->claimed->len; i++)
        sd_outbox_entry_set_busy (g_ptr_array_index (state->claimed, i), FALSE);
      sd_outbox_busy_release (self);
      g_task_return_pointer (task, g_ptr_array_ref (state->result), (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  entry = g_ptr_array_index (state->queue, state->next++);
  sd_outbox_send_entry_async (self, entry, on_entry_sent_done, task);
}

/* Turns a checked region into its entry: ready to send, or what stops it. */
static void
prepare_entry (SdOutboxEntry   *entry,
               SdRequest       *request,
               JsonObject      *snapshot,
               SdRequestTarget *target)
{
  const char *region = entry->region;
  SdRequestBlocker blocker = target != NULL ? sd_request_target_get_blocker (target)
                                            : SD_REQUEST_BLOCKER_CHECK_FAILED;
  SdRequestRoute route = target != NULL ? sd_request_target_get_route (target) : SD_REQUEST_ROUTE_UNKNOWN;
  g_autoptr(JsonObject) payload = NULL;

  /* Sending again keeps the whole request the entry came from. */
  if (snapshot != NULL)
    {
      g_clear_pointer (&entry->request, json_object_unref);
      entry->request = json_object_ref (snapshot);
    }
  /* What AWS had before the first attempt: anything new since then that
   * matches may be that attempt, landed late. */
  if (target != NULL && entry->attempts == 0)
    {
      g_strfreev (entry->known_request_ids);
      entry->known_request_ids = g_strdupv ((char **) sd_request_target_get_known_request_ids (target));
      sd_outbox_entry_set_string (&entry->review_case_before, sd_request_target_get_review_case_id (target));
    }
  g_clear_pointer (&entry->open_id, g_free);
  g_clear_pointer (&entry->open_status, g_free);
  g_clear_pointer (&entry->open_case_id, g_free);
  entry->open_value = 0;

  if (blocker == SD_REQUEST_BLOCKER_NO_SUPPORT_API)
    route = SD_REQUEST_ROUTE_SUPPORT_CENTER;
  /* Sending again, the open request or review may be our own earlier
   * attempt, landed late: the probe before sending finds it; if it is not
   * ours, AWS refuses the write (ResourceAlreadyExists, Conflict) and that
   * is shown instead. */
  if (entry->attempts > 0 &&
      ((blocker == SD_REQUEST_BLOCKER_QUOTA_REQUEST_OPEN && entry->route == SD_REQUEST_ROUTE_SERVICE_QUOTAS) ||
       (blocker == SD_REQUEST_BLOCKER_REVIEW_PENDING && entry->route == SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS)))
    {
      route = entry->route;
      blocker = SD_REQUEST_BLOCKER_NONE;
    }
  entry->route = route;
  payload = sd_request_build_payload (request, region, route);
  json_object_unref (entry->payload);
  entry->payload = g_steal_pointer (&payload);

  switch (blocker)
    {
    case SD_REQUEST_BLOCKER_NONE:
      /* Nothing leaves: the user makes the case, SES Desk then finds it. */
      if (route == SD_REQUEST_ROUTE_SUPPORT_CENTER)
        sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_NEEDS_USER, SD_OUTBOX_REASON_SUPPORT_CENTER, NULL);
      else
        sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_PENDING, SD_OUTBOX_REASON_NONE, NULL);
      break;
    case SD_REQUEST_BLOCKER_NO_SUPPORT_API:
      sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_NEEDS_USER, SD_OUTBOX_REASON_SUBSCRIPTION_REQUIRED,
                                 sd_request_target_get_message (target));
      break;
    case SD_REQUEST_BLOCKER_REVIEW_PENDING:
    case SD_REQUEST_BLOCKER_REVIEW_DENIED:
      entry->open_case_id = g_strdup (sd_request_target_get_review_case_id (target));
      sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_NEEDS_USER,
                                 blocker == SD_REQUEST_BLOCKER_REVIEW_PENDING ? SD_OUTBOX_REASON_REVIEW_PENDING
                                                                              : SD_OUTBOX_REASON_REVIEW_DENIED,
                                 sd_request_target_get_message (target));
      break;
    case SD_REQUEST_BLOCKER_QUOTA_REQUEST_OPEN:
      entry->open_id = g_strdup (sd_request_target_get_open_request_id (target));
      entry->open_status = g_strdup (sd_request_target_get_open_request_status (target));
      entry->open_case_id = g_strdup (sd_request_target_get_open_request_case_id (target));
      entry->open_value = sd_request_target_get_open_request_value (target);
      sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_NEEDS_USER, SD_OUTBOX_REASON_QUOTA_REQUEST_OPEN,
                                 sd_request_target_get_message (target));
      break;
    case SD_REQUEST_BLOCKER_ALREADY_AT_VALUE:
      sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_NEEDS_USER, SD_OUTBOX_REASON_ALREADY_AT_VALUE,
                                 sd_request_target_get_message (target));
      break;
    case SD_REQUEST_BLOCKER_CHECK_FAILED:
    default:
      sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_FAILED, SD_OUTBOX_REASON_NONE,
                                 target != NULL ? sd_request_target_get_message (target)
                                                : _("The region could not be checked."));
      break;
    }
  sd_outbox_entry_results_changed (entry);
}

static void
on_send_checked (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  SdOutbox *self = g_task_get_source_object (task);
  SendState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(SdRequestCheck) check = sd_request_check_finish (result, &error);
  const char * const *regions = sd_request_get_regions (state->request);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();

  if (check == NULL)
    {
      for (guint i = 0; i < state->claimed->len; i++)
        sd_outbox_entry_set_busy (g_ptr_array_index (state->claimed, i), FALSE);
      sd_outbox_busy_release (self);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  for (guint i = 0; regions[i] != NULL; i++)
    {
      SdOutboxEntry *entry = sd_outbox_find_entry (self, sd_request_get_id (state->request), regions[i]);

      if (entry == NULL)
        {
          entry = sd_outbox_entry_new (state->request, regions[i]);
          g_ptr_array_add (added, entry);
          g_ptr_array_add (state->result, entry);   /* takes the new reference */
          g_ptr_array_add (state->claimed, g_object_ref (entry));
          sd_outbox_entry_set_busy (entry, TRUE);
        }
      prepare_entry (entry, state->request, state->again == NULL ? state->snapshot : NULL,
                     sd_request_check_get_target (check, regions[i]));
      if (entry->state == SD_OUTBOX_STATE_PENDING)
        g_ptr_array_add (state->queue, g_object_ref (entry));
    }
  for (guint i = 0; i < added->len; i++)
    g_list_store_insert (self->entries, 0, g_ptr_array_index (added, i));

  /* Every entry is on disk, with its reference, before any request leaves. */
  if (!sd_outbox_journal_save (self, &error))
    {
      for (guint i = 0; i < state->queue->len; i++)
        {
          g_autofree char *detail = g_strdup_printf (_("the outbox journal could not be written (%s)"),
                                                     error->message);

          sd_outbox_entry_set_state (g_ptr_array_index (state->queue, i), SD_OUTBOX_STATE_FAILED,
                                     SD_OUTBOX_REASON_NONE, detail);
        }
      for (guint i = 0; i < state->claimed->len; i++)
        sd_outbox_entry_set_busy (g_ptr_array_index (state->claimed, i), FALSE);
      sd_outbox_busy_release (self);
      g_task_return_new_error (task, SD_OUTBOX_ERROR, SD_OUTBOX_ERROR_JOURNAL,
                               _("Nothing was sent: the outbox journal could not be written (%s)."), error->message);
      g_object_unref (task);
      return;
    }
  send_next (task);
}

static void
start_send (SdOutbox     *self,
            GTask        *task,   /* taken */
            SdRequest    *request,
            GCancellable *cancellable)
{
  SendState *state = g_task_get_task_data (task);
  const char * const *regions = sd_request_get_regions (request);
  g_autoptr(GStrvBuilder) to_send = g_strv_builder_new ();
  g_auto(GStrv) send_regions = NULL;

  sd_outbox_busy_hold (self);
  /* References first, so the draft, the journal and AWS all carry them. */
  for (guint i = 0; regions[i] != NULL; i++)
    {
      SdOutboxEntry *existing = sd_outbox_find_entry (self, sd_request_get_id (request), regions[i]);

      if (existing != NULL)
        sd_request_set_reference (request, regions[i], existing->reference);
      else
        sd_request_get_reference (request, regions[i]);
    }
  if (self->drafts != NULL && state->again == NULL)
    sd_draft_store_save (self->drafts, request, NULL);

  state->request = sd_request_copy (request);
  state->snapshot = sd_request_to_json (request);

  for (guint i = 0; regions[i] != NULL; i++)
    {
      SdOutboxEntry *existing = sd_outbox_find_entry (self, sd_request_get_id (request), regions[i]);

      if (existing != NULL)
        {
          g_ptr_array_add (state->result, g_object_ref (existing));
          /* Never twice: only what AWS definitely does not have goes again. */
          if (existing->busy || existing->checking ||
              (existing->state != SD_OUTBOX_STATE_FAILED && existing->state != SD_OUTBOX_STATE_NEEDS_USER))
            continue;
          sd_outbox_entry_set_busy (existing, TRUE);
          g_ptr_array_add (state->claimed, g_object_ref (existing));
        }
      g_strv_builder_add (to_send, regions[i]);
    }
  send_regions = g_strv_builder_end (to_send);

  if (send_regions[0] == NULL)
    {
      sd_outbox_busy_release (self);
      g_task_return_pointer (task, g_ptr_array_ref (state->result), (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  sd_request_set_regions (state->request, (const char * const *) send_regions);
  sd_request_check_async (self->client, state->request, SD_REQUEST_CHECK_NONE, cancellable, on_send_checked, task);
}

void
sd_outbox_send_async (SdOutbox            *self,
                      SdRequest           *request,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  SendState *state;

  g_return_if_fail (SD_IS_OUTBOX (self));
  g_return_if_fail (SD_IS_REQUEST (request));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_outbox_send_async);
  state = g_new0 (SendState, 1);
  state->result = g_ptr_array_new_with_free_func (g_object_unref);
  state->queue = g_ptr_array_new_with_free_func (g_object_unref);
  state->claimed = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, state, send_state_free);

  if (!sd_request_get_valid (request))
    {
      guint n = 0;
      const SdRequestField *fields = sd_request_kind_get_fields (sd_request_get_kind (request), &n);
      const char *reason = NULL;

      for (guint i = 0; i < n && reason == NULL; i++)
        reason = sd_request_get_field_error (request, fields[i]);
      g_task_return_new_error (task, SD_OUTBOX_ERROR, SD_OUTBOX_ERROR_INVALID,
                               _("The request has a field to fix: %s"), reason != NULL ? reason : "");
      g_object_unref (task);
      return;
    }
  start_send (self, task, request, cancellable);
}

GPtrArray *
sd_outbox_send_finish (SdOutbox      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_sent_again (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sd_outbox_send_finish (SD_OUTBOX (source), result, &error);

  if (entries == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
sd_outbox_send_again_async (SdOutbox            *self,
                            SdOutboxEntry       *entry,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SdRequest) request = NULL;
  GTask *send_task;
  SendState *state;
  const char *regions[2] = { NULL, NULL };

  g_return_if_fail (SD_IS_OUTBOX (self));
  g_return_if_fail (SD_IS_OUTBOX_ENTRY (entry));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_outbox_send_again_async);

  if (!sd_outbox_entry_get_can_send_again (entry))
    {
      g_task_return_new_error (task, SD_OUTBOX_ERROR, SD_OUTBOX_ERROR_NOT_ALLOWED,
                               _("Request %s may have reached AWS: it is not sent again."), entry->reference);
      return;
    }
  request = sd_request_new_from_json (entry->request, NULL);
  if (request == NULL)
    {
      g_task_return_new_error (task, SD_OUTBOX_ERROR, SD_OUTBOX_ERROR_JOURNAL,
                               _("Request %s cannot be read back from the journal."), entry->reference);
      return;
    }
  /* Only this region, under its own reference. */
  regions[0] = entry->region;
  sd_request_set_regions (request, regions);
  sd_request_set_reference (request, entry->region, entry->reference);

  send_task = g_task_new (self, cancellable, on_sent_again, g_steal_pointer (&task));
  g_task_set_source_tag (send_task, sd_outbox_send_async);
  state = g_new0 (SendState, 1);
  state->result = g_ptr_array_new_with_free_func (g_object_unref);
  state->queue = g_ptr_array_new_with_free_func (g_object_unref);
  state->claimed = g_ptr_array_new_with_free_func (g_object_unref);
  state->again = g_object_ref (entry);
  g_task_set_task_data (send_task, state, send_state_free);
  start_send (self, send_task, request, cancellable);
}

gboolean
sd_outbox_send_again_finish (SdOutbox      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
