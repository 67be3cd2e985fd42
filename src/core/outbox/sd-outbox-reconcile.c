/* sd-outbox-reconcile.c — the outbox finding at AWS what a send left open
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
#include "sd-outbox-private.h"
#include "sd-service-quotas.h"
#include "sd-sesv2.h"
#include "sd-support.h"

/* How far before the send a reconciliation looks, for clocks that differ. */
#define RECONCILE_MARGIN_S      3600
#define MAX_RECONCILE_PAGES     20
#define MAX_RECONCILE_RETRIES   5

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
reconcile_done (GTask    *task,
                gboolean  found,
                GError   *error)  /* nullable, not taken */
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
