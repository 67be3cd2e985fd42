/* sd-case-list-known.c — finding the cases the app's requests opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-aws-config.h"
#include "sd-aws-json.h"
#include "sd-case-list-known.h"
#include "sd-service-quotas.h"
#include "sd-sesv2.h"

#define MAX_HISTORY_PAGES 20

typedef struct {
  SdCaseList *list;
  guint       pending;
  int         found;
} Discovery;

typedef struct {
  GTask *task;
  char  *region;
  char  *quota_code;
  guint  n_pages;
} Call;

static void
call_free (Call *call)
{
  g_object_unref (call->task);
  g_free (call->region);
  g_free (call->quota_code);
  g_free (call);
}

char *
sd_case_known_from_account (JsonObject *account)
{
  JsonObject *review = sd_json_get_object (sd_json_get_object (account, "Details"), "ReviewDetails");
  const char *id = sd_json_get_string (review, "CaseId");

  return id != NULL && id[0] != '\0' ? g_strdup (id) : NULL;
}

GStrv
sd_case_known_from_quota_history (JsonObject *history)
{
  JsonArray *requests = sd_json_get_array (history, "RequestedQuotas");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; requests != NULL && i < json_array_get_length (requests); i++)
    {
      JsonObject *request = sd_json_array_get_object (requests, i);
      const char *id = sd_json_get_string (request, "CaseId");

      if (id != NULL && id[0] != '\0')
        g_strv_builder_add (builder, id);
    }
  return g_strv_builder_end (builder);
}

static void
call_done (Call *call)
{
  GTask *task = g_object_ref (call->task);
  Discovery *discovery = g_task_get_task_data (task);

  call_free (call);
  if (--discovery->pending == 0)
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", "cancelled");
      else
        g_task_return_int (task, discovery->found);
    }
  g_object_unref (task);
}

static void
on_account (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Call *call = user_data;
  Discovery *discovery = g_task_get_task_data (call->task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) account = sd_sesv2_finish (SD_AWS_CLIENT (source), result, &error);
  g_autofree char *id = sd_case_known_from_account (account);

  if (account == NULL)
    g_debug ("No review case from %s: %s", call->region, error->message);
  if (id != NULL)
    {
      sd_case_list_add_known_case (discovery->list, id, SD_CASE_ORIGIN_REVIEW, call->region);
      discovery->found++;
    }
  call_done (call);
}

static void fetch_history (SdAwsClient *client, Call *call, const char *next_token);

static void
on_history (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Call *call = user_data;
  Discovery *discovery = g_task_get_task_data (call->task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) history = sd_service_quotas_finish (SD_AWS_CLIENT (source), result, &error);
  g_auto(GStrv) ids = NULL;
  const char *next;

  if (history == NULL)
    {
      g_debug ("No quota request cases from %s: %s", call->region, error->message);
      call_done (call);
      return;
    }

  ids = sd_case_known_from_quota_history (history);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      sd_case_list_add_known_case (discovery->list, ids[i], SD_CASE_ORIGIN_QUOTA_REQUEST,
                                   call->region);
      discovery->found++;
    }

  next = sd_json_get_string (history, "NextToken");
  if (next != NULL && next[0] != '\0' && ++call->n_pages < MAX_HISTORY_PAGES)
    {
      fetch_history (SD_AWS_CLIENT (source), call, next);
      return;
    }
  call_done (call);
}

static void
fetch_history (SdAwsClient *client,
               Call        *call,
               const char  *next_token)
{
  Discovery *discovery = g_task_get_task_data (call->task);
  g_autoptr(JsonObject) input = json_object_new ();

  json_object_set_string_member (input, "ServiceCode", "ses");
  json_object_set_string_member (input, "QuotaCode", call->quota_code);
  if (next_token != NULL)
    json_object_set_string_member (input, "NextToken", next_token);
  sd_service_quotas_list_change_history_by_quota_async (client,
                                                        sd_case_list_get_profile (discovery->list),
                                                        call->region, input,
                                                        g_task_get_cancellable (call->task),
                                                        on_history, call);
}

static Call *
call_new (GTask      *task,
          const char *region,
          const char *quota_code)
{
  Call *call = g_new0 (Call, 1);
  Discovery *discovery = g_task_get_task_data (task);

  call->task = g_object_ref (task);
  call->region = g_strdup (region);
  call->quota_code = g_strdup (quota_code);
  discovery->pending++;
  return call;
}

void
sd_case_list_discover_known_async (SdCaseList          *self,
                                   const char * const  *regions,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Discovery *discovery;
  SdAwsClient *client;
  const char *profile;

  g_return_if_fail (SD_IS_CASE_LIST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_case_list_discover_known_async);
  discovery = g_new0 (Discovery, 1);
  discovery->list = self;
  g_task_set_task_data (task, discovery, g_free);

  client = sd_case_list_get_client (self);
  profile = sd_case_list_get_profile (self);

  /* Held while the calls are started, so none can complete the task early. */
  discovery->pending++;
  for (guint i = 0; regions != NULL && regions[i] != NULL; i++)
    {
      static const char * const quota_codes[] = { SD_SES_QUOTA_SENDING_QUOTA, SD_SES_QUOTA_SENDING_RATE };

      sd_sesv2_get_account_async (client, profile, regions[i], cancellable, on_account,
                                  call_new (task, regions[i], NULL));
      for (gsize q = 0; q < G_N_ELEMENTS (quota_codes); q++)
        fetch_history (client, call_new (task, regions[i], quota_codes[q]), NULL);
    }
  discovery->pending--;
  if (discovery->pending == 0)
    g_task_return_int (task, 0);
}

void
sd_case_list_add_known_cases_from_outbox (SdCaseList *self,
                                          SdOutbox   *outbox)
{
  GListModel *entries;
  const char *profile;

  g_return_if_fail (SD_IS_CASE_LIST (self));
  g_return_if_fail (SD_IS_OUTBOX (outbox));

  profile = sd_case_list_get_profile (self);
  if (profile == NULL)
    profile = sd_aws_config_default_profile_name ();
  entries = sd_outbox_get_entries (outbox);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(SdOutboxEntry) entry = g_list_model_get_item (entries, i);
      const char *id = sd_outbox_entry_get_case_id (entry);
      SdCaseOrigin origin;

      if (id == NULL)
        id = sd_outbox_entry_get_display_id (entry);
      if (id == NULL || g_strcmp0 (sd_outbox_entry_get_profile (entry), profile) != 0)
        continue;
      switch (sd_outbox_entry_get_route (entry))
        {
        case SD_REQUEST_ROUTE_SUPPORT_CASE:
          origin = SD_CASE_ORIGIN_CREATED;
          break;
        case SD_REQUEST_ROUTE_SERVICE_QUOTAS:
          origin = SD_CASE_ORIGIN_QUOTA_REQUEST;
          break;
        case SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS:
          origin = SD_CASE_ORIGIN_REVIEW;
          break;
        default:
          continue;
        }
      sd_case_list_add_known_case (self, id, origin, sd_outbox_entry_get_region (entry));
    }
}

int
sd_case_list_discover_known_finish (SdCaseList    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  return g_task_propagate_int (G_TASK (result), error);
}
