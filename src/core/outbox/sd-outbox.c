/* sd-outbox.c — requests sent at most once, never lost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sd-aws-error.h"
#include "sd-aws-pages.h"
#include "sd-aws-json.h"
#include "sd-state-file.h"
#include "sd-outbox-private.h"
#include "sd-request-check.h"
#include "sd-service-quotas.h"
#include "sd-sesv2.h"
#include "sd-support.h"

#define JOURNAL_NAME            "outbox.json"
#define JOURNAL_VERSION         1
#define DEFAULT_SETTLE_MS       60000
/* How far before the send a reconciliation looks, for clocks that differ. */
#define RECONCILE_MARGIN_S      3600
#define MAX_RECONCILE_PAGES     20
#define MAX_RECONCILE_RETRIES   5
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

/* Waiting for the user to make the case in the Support Center. */
static gboolean
entry_is_awaiting_case (SdOutboxEntry *entry)
{
  return entry->route == SD_REQUEST_ROUTE_SUPPORT_CENTER && entry->state == SD_OUTBOX_STATE_NEEDS_USER &&
         (entry->reason == SD_OUTBOX_REASON_SUPPORT_CENTER ||
          entry->reason == SD_OUTBOX_REASON_SUBSCRIPTION_REQUIRED);
}

static char *
iso_time (double seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc ((gint64) seconds);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("1970-01-01T00:00:00Z");
}

/* A timestamp as AWS JSON gives it: epoch seconds, or an ISO 8601 string. */
static double
json_time (JsonObject *object,
           const char *member)
{
  const char *text = sd_json_get_string (object, member);
  gint64 seconds = 0;

  if (text == NULL)
    return sd_json_get_double (object, member, 0);
  return sd_aws_parse_iso8601 (text, &seconds) ? (double) seconds : 0;
}

static gboolean
text_contains (const char *haystack,
               const char *needle)
{
  return haystack != NULL && needle != NULL && strstr (haystack, needle) != NULL;
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

/* One entry's send: SENDING, the write, the outcome, a reconciliation when
 * the outcome is open. The task's data is the entry. */

void
sd_outbox_finish_entry_task (GTask *task)
{
  SdOutboxEntry *entry = g_task_get_task_data (task);
  SdOutbox *self = g_task_get_source_object (task);

  sd_outbox_entry_set_busy (entry, FALSE);
  sd_outbox_journal_save_quietly (self);
  g_task_return_boolean (task, TRUE);
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
  sd_outbox_finish_entry_task (task);
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
  sd_outbox_finish_entry_task (task);
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

/* Reconciling */

typedef struct {
  SdOutbox      *self;    /* owned */
  SdOutboxEntry *entry;   /* owned */
} Scheduled;

static void
scheduled_free (gpointer data)
{
  Scheduled *scheduled = data;

  sd_outbox_busy_release (scheduled->self);
  g_object_unref (scheduled->self);
  g_object_unref (scheduled->entry);
  g_free (scheduled);
}

static void
on_scheduled_reconciled (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  SdOutbox *self = SD_OUTBOX (source);

  sd_outbox_reconcile_finish (self, result, NULL);
  sd_outbox_busy_release (self);
}

static gboolean
on_reconcile_timeout (gpointer user_data)
{
  Scheduled *scheduled = user_data;
  SdOutboxEntry *entry = scheduled->entry;

  entry->reconcile_source = 0;
  if (entry->state == SD_OUTBOX_STATE_UNCERTAIN && !entry->busy)
    {
      sd_outbox_busy_hold (scheduled->self);
      sd_outbox_reconcile_async (scheduled->self, entry, NULL, on_scheduled_reconciled, NULL);
    }
  else
    sd_outbox_entry_set_checking (entry, FALSE);
  return G_SOURCE_REMOVE;
}

static void
schedule_reconcile (SdOutbox      *self,
                    SdOutboxEntry *entry,
                    guint          delay_ms)
{
  Scheduled *scheduled;

  if (entry->reconcile_source != 0)
    return;
  scheduled = g_new0 (Scheduled, 1);
  scheduled->self = g_object_ref (self);
  scheduled->entry = g_object_ref (entry);
  sd_outbox_busy_hold (self);
  sd_outbox_entry_set_checking (entry, TRUE);
  entry->reconcile_source = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, on_reconcile_timeout, scheduled,
                                                scheduled_free);
  g_source_set_name_by_id (entry->reconcile_source, "[sd-outbox] reconcile");
}

/* The outcome of one pass: found at AWS, not found, or could not tell. */
static void
reconcile_done (GTask      *task,
                gboolean    found,
                GError     *error)  /* nullable, not taken */
{
  SdOutbox *self = g_task_get_source_object (task);
  SdOutboxEntry *entry = g_task_get_task_data (task);

  /* Made by hand in the Support Center: linked once found, else still waiting. */
  if (entry->route == SD_REQUEST_ROUTE_SUPPORT_CENTER)
    {
      sd_outbox_entry_set_checking (entry, FALSE);
      if (found)
        sd_outbox_confirm_entry (self, entry);
      else if (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_SUBSCRIPTION_REQUIRED))
        sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_NEEDS_USER, SD_OUTBOX_REASON_SUBSCRIPTION_REQUIRED,
                                   entry->detail);
      else if (error != NULL)
        g_debug ("%s: could not look for its case: %s", entry->reference, error->message);
      sd_outbox_finish_entry_task (task);
      return;
    }

  /* Before sending again: not there means it goes; unknown means it does not. */
  if (g_object_get_data (G_OBJECT (task), "sd-probe") != NULL && !found)
    {
      g_object_set_data (G_OBJECT (task), "sd-probe", NULL);
      sd_outbox_entry_set_checking (entry, FALSE);
      if (error == NULL)
        {
          sd_outbox_send_entry_now (task);
          return;
        }
      {
        g_autofree char *detail = g_strdup_printf (_("could not check whether the earlier attempt arrived (%s)"),
                                                   error->message);

        sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_FAILED, SD_OUTBOX_REASON_NONE, detail);
        sd_outbox_finish_entry_task (task);
        return;
      }
    }

  if (found)
    {
      g_debug ("%s found at AWS: confirmed", entry->reference);
      sd_outbox_entry_set_checking (entry, FALSE);
      sd_outbox_confirm_entry (self, entry);
    }
  else if (error != NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("checking failed: %s"), error->message);
      guint retries = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "sd-reconcile-retries"));

      sd_outbox_entry_set_checking (entry, FALSE);
      sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_UNCERTAIN, SD_OUTBOX_REASON_NONE, detail);
      /* Try again a few times; after that, at the next start or on request. */
      if (retries < MAX_RECONCILE_RETRIES && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_object_set_data (G_OBJECT (entry), "sd-reconcile-retries", GUINT_TO_POINTER (retries + 1));
          schedule_reconcile (self, entry, MIN (self->settle_ms, 1000u << retries));
        }
    }
  else
    {
      double settled_at = entry->sent_at + self->settle_ms / 1000.0;
      double now = sd_outbox_now_seconds ();

      if (entry->sent_at > 0 && now < settled_at)
        {
          /* A request still on its way could arrive later: look again once it
           * cannot, and only then say it was not sent. */
          schedule_reconcile (self, entry, (guint) ((settled_at - now) * 1000) + 1);
        }
      else
        {
          g_autofree char *detail = NULL;

          g_debug ("%s not found at AWS: failed", entry->reference);
          detail = g_strdup_printf (_("AWS has no trace of request %s (%s)."), entry->reference,
                                    entry->detail != NULL ? entry->detail : _("the answer was lost"));
          sd_outbox_entry_set_checking (entry, FALSE);
          sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_FAILED, SD_OUTBOX_REASON_NONE, detail);
        }
    }
  sd_outbox_finish_entry_task (task);
}

static void
free_pages (gpointer data)
{
  sd_aws_pages_clear (data);
  g_free (data);
}

/* A reconciling pass reads its pages from the first (a task may make a
 * second pass: a probe, then a send that fails). */
static void
start_pages (GTask *task)
{
  SdAwsPages *pages = g_new0 (SdAwsPages, 1);

  sd_aws_pages_init (pages, MAX_RECONCILE_PAGES);
  g_object_set_data_full (G_OBJECT (task), "sd-pages", pages, free_pages);
}

/* Where the pass stands in them. */
static SdAwsPages *
task_pages (GTask *task)
{
  return g_object_get_data (G_OBJECT (task), "sd-pages");
}

static void describe_cases_page (GTask *task);

static void
on_reconcile_cases (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  SdOutboxEntry *entry = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = sd_support_finish (SD_AWS_CLIENT (source), result, &error);
  JsonArray *cases;

  if (answer == NULL)
    {
      reconcile_done (task, FALSE, error);
      return;
    }

  cases = sd_json_get_array (answer, "cases");
  /* Newest first: the oldest match is the one this entry sent. */
  for (guint i = cases != NULL ? json_array_get_length (cases) : 0; i > 0; i--)
    {
      JsonObject *details = sd_json_array_get_object (cases, i - 1);
      JsonArray *communications = sd_json_get_array (sd_json_get_object (details, "recentCommunications"),
                                                     "communications");
      gboolean match = text_contains (sd_json_get_string (details, "subject"), entry->reference);

      for (guint k = 0; !match && communications != NULL && k < json_array_get_length (communications); k++)
        match = text_contains (sd_json_get_string (sd_json_array_get_object (communications, k), "body"),
                               entry->reference);
      if (match)
        {
          sd_outbox_entry_set_string (&entry->case_id, sd_json_get_string (details, "caseId"));
          sd_outbox_entry_set_string (&entry->display_id, sd_json_get_string (details, "displayId"));
          reconcile_done (task, TRUE, NULL);
          return;
        }
    }

  if (sd_aws_pages_next (task_pages (task), answer, "nextToken"))
    {
      describe_cases_page (task);
      return;
    }
  reconcile_done (task, FALSE, NULL);
}

static void
describe_cases_page (GTask *task)
{
  SdOutbox *self = g_task_get_source_object (task);
  SdOutboxEntry *entry = g_task_get_task_data (task);
  g_autoptr(JsonObject) input = json_object_new ();
  /* A case made by hand is not older than its entry. */
  double since = entry->sent_at > 0 ? entry->sent_at + entry->clock_offset : (double) entry->created;
  g_autofree char *after = iso_time (since - RECONCILE_MARGIN_S);
  const char *language = sd_json_get_string (entry->payload, "language");

  json_object_set_boolean_member (input, "includeResolvedCases", TRUE);
  json_object_set_boolean_member (input, "includeCommunications", TRUE);
  json_object_set_string_member (input, "afterTime", after);
  json_object_set_int_member (input, "maxResults", 100);
  /* Without a language, older AWS answers only English cases. A case made
   * by hand may have any language the Support Center's form was left at:
   * all of them (AWS answers every language without one since 2025). */
  if (language != NULL && entry->route != SD_REQUEST_ROUTE_SUPPORT_CENTER)
    json_object_set_string_member (input, "language", language);
  sd_aws_pages_apply (task_pages (task), input, "nextToken");
  sd_support_describe_cases_async (self->client, entry->profile, input, self->cancellable, on_reconcile_cases, task);
}

static void
on_reconcile_account (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  SdOutboxEntry *entry = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = sd_sesv2_finish (SD_AWS_CLIENT (source), result, &error);
  JsonObject *details;

  if (answer == NULL)
    {
      reconcile_done (task, FALSE, error);
      return;
    }
  /* Ours when the description SES keeps carries our reference. */
  details = sd_json_get_object (answer, "Details");
  if (text_contains (sd_json_get_string (details, "UseCaseDescription"), entry->reference))
    {
      sd_outbox_apply_review (entry, answer);
      reconcile_done (task, TRUE, NULL);
      return;
    }
  /* An answer without the description: a review that opened after ours
   * left, for our website, is ours. */
  if (details != NULL && sd_json_get_string (details, "UseCaseDescription") == NULL)
    {
      JsonObject *review = sd_json_get_object (details, "ReviewDetails");
      const char *case_id = sd_json_get_string (review, "CaseId");

      if (case_id != NULL && g_strcmp0 (case_id, entry->review_case_before) != 0 &&
          g_strcmp0 (sd_json_get_string (details, "WebsiteURL"), sd_json_get_string (entry->payload, "WebsiteURL")) == 0)
        {
          sd_outbox_apply_review (entry, answer);
          reconcile_done (task, TRUE, NULL);
          return;
        }
    }
  reconcile_done (task, FALSE, NULL);
}

static void history_page (GTask *task);

static void
on_reconcile_history (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  SdOutboxEntry *entry = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = sd_service_quotas_finish (SD_AWS_CLIENT (source), result, &error);
  JsonArray *requests;
  double desired = sd_json_get_double (entry->payload, "DesiredValue", -1);
  double since = entry->sent_at + entry->clock_offset - RECONCILE_MARGIN_S;
  gboolean older_seen = FALSE;

  if (answer == NULL)
    {
      reconcile_done (task, FALSE, error);
      return;
    }

  requests = sd_json_get_array (answer, "RequestedQuotas");
  for (guint i = requests != NULL ? json_array_get_length (requests) : 0; i > 0; i--)
    {
      JsonObject *request = sd_json_array_get_object (requests, i - 1);
      const char *id = sd_json_get_string (request, "Id");
      double created = json_time (request, "Created");

      if (id == NULL)
        continue;
      if (created > 0 && created < since)
        {
          older_seen = TRUE;
          continue;
        }
      /* A request that was not there before ours left, for our value. */
      if (!g_strv_contains ((const char * const *) entry->known_request_ids, id) &&
          sd_json_get_double (request, "DesiredValue", -2) == desired)
        {
          sd_outbox_apply_quota_request (entry, request);
          reconcile_done (task, TRUE, NULL);
          return;
        }
    }

  /* Newest first: a page reaching back before ours left is the last needed. */
  if (!older_seen && sd_aws_pages_next (task_pages (task), answer, "NextToken"))
    {
      history_page (task);
      return;
    }
  reconcile_done (task, FALSE, NULL);
}

static void
history_page (GTask *task)
{
  SdOutbox *self = g_task_get_source_object (task);
  SdOutboxEntry *entry = g_task_get_task_data (task);
  g_autoptr(JsonObject) input = json_object_new ();

  json_object_set_string_member (input, "ServiceCode", "ses");
  json_object_set_string_member (input, "QuotaCode", sd_json_get_string (entry->payload, "QuotaCode"));
  json_object_set_int_member (input, "MaxResults", 100);
  sd_aws_pages_apply (task_pages (task), input, "NextToken");
  sd_service_quotas_list_change_history_by_quota_async (self->client, entry->profile, entry->region, input,
                                                        self->cancellable, on_reconcile_history, task);
}

void
sd_outbox_reconcile_entry (SdOutbox      *self,
                           SdOutboxEntry *entry,
                           GTask         *task)
{
  sd_outbox_entry_set_busy (entry, TRUE);
  sd_outbox_entry_set_checking (entry, TRUE);
  g_clear_handle_id (&entry->reconcile_source, g_source_remove);

  switch (entry->route)
    {
    case SD_REQUEST_ROUTE_SUPPORT_CASE:
      start_pages (task);
      describe_cases_page (task);
      break;
    case SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS:
      sd_sesv2_get_account_async (self->client, entry->profile, entry->region, self->cancellable,
                                  on_reconcile_account, task);
      break;
    case SD_REQUEST_ROUTE_SERVICE_QUOTAS:
      start_pages (task);
      history_page (task);
      break;
    case SD_REQUEST_ROUTE_SUPPORT_CENTER:
      if (entry_is_awaiting_case (entry))
        {
          start_pages (task);
          describe_cases_page (task);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case SD_REQUEST_ROUTE_NONE:
    case SD_REQUEST_ROUTE_UNKNOWN:
    default:
      /* Nothing of these routes ever leaves the app. */
      sd_outbox_entry_set_checking (entry, FALSE);
      sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_FAILED, SD_OUTBOX_REASON_NONE, _("it never left"));
      sd_outbox_finish_entry_task (task);
      break;
    }
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

/* Reconciling, public */

typedef struct {
  GPtrArray *entries;   /* owned; to reconcile */
  guint      next;
} ReconcileState;

static void
reconcile_state_free (gpointer data)
{
  ReconcileState *state = data;

  g_ptr_array_unref (state->entries);
  g_free (state);
}

static void reconcile_next (GTask *task);

static void
on_entry_reconciled (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  sd_outbox_send_entry_finish (SD_OUTBOX (source), result, NULL);
  reconcile_next (user_data);
}

static void
reconcile_next (GTask *task)
{
  SdOutbox *self = g_task_get_source_object (task);
  ReconcileState *state = g_task_get_task_data (task);
  SdOutboxEntry *entry;
  GTask *entry_task;

  while (state->next < state->entries->len)
    {
      entry = g_ptr_array_index (state->entries, state->next++);
      if (entry->busy)
        continue;
      if (entry->state == SD_OUTBOX_STATE_PENDING)
        {
          sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_FAILED, SD_OUTBOX_REASON_NONE,
                                     _("SES Desk stopped before it left."));
          sd_outbox_journal_save_quietly (self);
          continue;
        }
      if (entry->state != SD_OUTBOX_STATE_UNCERTAIN && entry->state != SD_OUTBOX_STATE_SENDING)
        continue;

      entry_task = g_task_new (self, NULL, on_entry_reconciled, task);
      g_task_set_source_tag (entry_task, sd_outbox_send_entry_async);
      g_task_set_task_data (entry_task, g_object_ref (entry), g_object_unref);
      sd_outbox_entry_set_state (entry, SD_OUTBOX_STATE_UNCERTAIN, SD_OUTBOX_REASON_NONE, entry->detail);
      sd_outbox_reconcile_entry (self, entry, entry_task);
      return;
    }

  {
    guint uncertain = 0;

    for (guint i = 0; i < state->entries->len; i++)
      if (((SdOutboxEntry *) g_ptr_array_index (state->entries, i))->state == SD_OUTBOX_STATE_UNCERTAIN)
        uncertain++;
    sd_outbox_busy_release (self);
    g_task_return_int (task, uncertain);
    g_object_unref (task);
  }
}

void
sd_outbox_reconcile_async (SdOutbox            *self,
                           SdOutboxEntry       *entry,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  ReconcileState *state;

  g_return_if_fail (SD_IS_OUTBOX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_outbox_reconcile_async);
  state = g_new0 (ReconcileState, 1);
  state->entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, state, reconcile_state_free);

  if (entry != NULL)
    g_ptr_array_add (state->entries, g_object_ref (entry));
  else
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->entries)); i++)
      g_ptr_array_add (state->entries, g_list_model_get_item (G_LIST_MODEL (self->entries), i));

  sd_outbox_busy_hold (self);
  reconcile_next (task);
}

guint
sd_outbox_reconcile_finish (SdOutbox      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  n = g_task_propagate_int (G_TASK (result), error);
  return n > 0 ? (guint) n : 0;
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

/* Cases made by hand in the Support Center */

static void
on_submitted_looked_for (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  sd_outbox_send_entry_finish (SD_OUTBOX (source), result, NULL);
  sd_outbox_busy_release (SD_OUTBOX (source));
}

guint
sd_outbox_find_submitted (SdOutbox *self)
{
  guint n, asked = 0;

  g_return_val_if_fail (SD_IS_OUTBOX (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdOutboxEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      GTask *task;

      /* Without API access the user pastes the number instead. */
      if (!entry_is_awaiting_case (entry) || entry->reason != SD_OUTBOX_REASON_SUPPORT_CENTER ||
          entry->busy || entry->checking)
        continue;
      task = g_task_new (self, NULL, on_submitted_looked_for, NULL);
      g_task_set_source_tag (task, sd_outbox_send_entry_async);
      g_task_set_task_data (task, g_object_ref (entry), g_object_unref);
      sd_outbox_busy_hold (self);
      sd_outbox_reconcile_entry (self, entry, task);
      asked++;
    }
  return asked;
}

gboolean
sd_outbox_link_case (SdOutbox       *self,
                     SdOutboxEntry  *entry,
                     const char     *case_number,
                     GError        **error)
{
  g_autofree char *number = NULL;
  g_autofree char *old_display = NULL;

  g_return_val_if_fail (SD_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (entry), FALSE);

  number = g_strstrip (g_strdup (case_number != NULL ? case_number : ""));
  if (*number == '\0' || strlen (number) > 32 ||
      strspn (number, "0123456789") != strlen (number))
    {
      g_set_error (error, SD_OUTBOX_ERROR, SD_OUTBOX_ERROR_INVALID,
                   _("“%s” is not a case number: the Support Center shows it as digits only, such as "
                     "17123456781."), number);
      return FALSE;
    }
  if (!entry_is_awaiting_case (entry) || entry->busy)
    {
      g_set_error (error, SD_OUTBOX_ERROR, SD_OUTBOX_ERROR_NOT_ALLOWED,
                   _("Request %s is not waiting for a case."), entry->reference);
      return FALSE;
    }
  old_display = g_strdup (entry->display_id);
  sd_outbox_entry_set_string (&entry->display_id, number);
  if (!sd_outbox_journal_save (self, error))
    {
      sd_outbox_entry_set_string (&entry->display_id, old_display);
      return FALSE;
    }
  sd_outbox_confirm_entry (self, entry);
  sd_outbox_journal_save_quietly (self);
  return TRUE;
}
