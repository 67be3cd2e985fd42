/* sd-request-check.c — what AWS says before a request is sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-aws-error.h"
#include "sd-aws-json.h"
#include "sd-region-health.h"
#include "sd-request-check.h"
#include "sd-request-target-private.h"
#include "sd-service-quotas.h"
#include "sd-sesv2.h"
#include "sd-support.h"

#define MAX_IDENTITY_PAGES  10
#define MAX_DKIM_LOOKUPS    20
#define HISTORY_PAGE_SIZE   100

/* SdRequestCheck */

struct _SdRequestCheck
{
  GObject     parent_instance;

  GListStore *targets;     /* of SdRequestTarget */
  GListStore *readiness;   /* of SdReadinessItem */
  gboolean    support_api;
};

G_DEFINE_FINAL_TYPE (SdRequestCheck, sd_request_check, G_TYPE_OBJECT)

static void
sd_request_check_finalize (GObject *object)
{
  SdRequestCheck *self = SD_REQUEST_CHECK (object);

  g_object_unref (self->targets);
  g_object_unref (self->readiness);
  G_OBJECT_CLASS (sd_request_check_parent_class)->finalize (object);
}

static void
sd_request_check_class_init (SdRequestCheckClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sd_request_check_finalize;
}

static void
sd_request_check_init (SdRequestCheck *self)
{
  self->targets = g_list_store_new (SD_TYPE_REQUEST_TARGET);
  self->readiness = g_list_store_new (SD_TYPE_READINESS_ITEM);
  self->support_api = TRUE;
}

GListModel *
sd_request_check_get_targets (SdRequestCheck *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_CHECK (self), NULL);
  return G_LIST_MODEL (self->targets);
}

GListModel *
sd_request_check_get_readiness (SdRequestCheck *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_CHECK (self), NULL);
  return G_LIST_MODEL (self->readiness);
}

SdRequestTarget *
sd_request_check_get_target (SdRequestCheck *self,
                             const char     *region)
{
  g_return_val_if_fail (SD_IS_REQUEST_CHECK (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->targets)); i++)
    {
      g_autoptr(SdRequestTarget) target = g_list_model_get_item (G_LIST_MODEL (self->targets), i);

      if (g_strcmp0 (target->region, region) == 0)
        return target;  /* the store keeps its reference */
    }
  return NULL;
}

gboolean
sd_request_check_get_support_api (SdRequestCheck *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_CHECK (self), FALSE);
  return self->support_api;
}

gboolean
sd_request_check_get_sendable (SdRequestCheck *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_CHECK (self), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->targets)); i++)
    {
      g_autoptr(SdRequestTarget) target = g_list_model_get_item (G_LIST_MODEL (self->targets), i);

      if (target->blocker == SD_REQUEST_BLOCKER_NONE)
        return TRUE;
    }
  return FALSE;
}

/* Pure parts */

static gboolean
contains_ci (const char *haystack,
             const char *needle)
{
  g_autofree char *h = haystack != NULL ? g_ascii_strdown (haystack, -1) : NULL;

  return h != NULL && strstr (h, needle) != NULL;
}

static JsonObject *
find_category (JsonArray  *categories,
               const char *exact,
               const char *containing,
               const char *excluding)
{
  for (guint i = 0; categories != NULL && i < json_array_get_length (categories); i++)
    {
      JsonObject *category = sd_json_array_get_object (categories, i);
      const char *code = sd_json_get_string (category, "code");

      if (code == NULL)
        continue;
      if (exact != NULL && g_str_equal (code, exact))
        return category;
      if (containing != NULL && (contains_ci (code, containing) ||
                                 contains_ci (sd_json_get_string (category, "name"), containing)) &&
          (excluding == NULL || !contains_ci (code, excluding)))
        return category;
    }
  return NULL;
}

gboolean
sd_request_check_pick_support_codes (JsonObject     *services,
                                     SdRequestKind   kind,
                                     char          **service_code,
                                     char          **category_code)
{
  JsonArray *list = sd_json_get_array (services, "services");
  JsonObject *ses_service = NULL;
  JsonObject *general_service = NULL;
  JsonObject *service = NULL;
  JsonObject *category = NULL;
  JsonArray *categories;

  *service_code = NULL;
  *category_code = NULL;

  /* A question to SES support: never service-limit-increase, which the
   * Support API does not take even where DescribeServices lists it. */
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *candidate = sd_json_array_get_object (list, i);
      const char *code = sd_json_get_string (candidate, "code");

      if (code == NULL || g_str_equal (code, "service-limit-increase"))
        continue;
      if (g_str_equal (code, "general-info"))
        general_service = candidate;
      else if (ses_service == NULL &&
               (contains_ci (code, "simple-email") || g_str_equal (code, "ses") || g_str_has_prefix (code, "ses-") ||
                contains_ci (sd_json_get_string (candidate, "name"), "simple email service")))
        ses_service = candidate;
    }

  if (ses_service != NULL)
    {
      categories = sd_json_get_array (ses_service, "categories");
      category = find_category (categories, NULL, "dedicated", NULL);
      if (category == NULL && kind != SD_REQUEST_KIND_SENDING_LIMITS)
        category = find_category (categories, NULL, "ip", NULL);
      if (category == NULL)
        category = find_category (categories, NULL, "general", NULL);
      if (category == NULL)
        category = find_category (categories, NULL, "", NULL);
      service = ses_service;
    }
  else if (general_service != NULL)
    {
      service = general_service;
      category = find_category (sd_json_get_array (service, "categories"), NULL, "", NULL);
    }
  if (service == NULL)
    return FALSE;

  *service_code = g_strdup (sd_json_get_string (service, "code"));
  *category_code = g_strdup (sd_json_get_string (category, "code"));
  return TRUE;
}

char *
sd_request_check_pick_quota_code (JsonObject  *quotas,
                                  SdLimitKind  limit,
                                  double      *current_value)
{
  const char *known = limit == SD_LIMIT_SEND_RATE ? SD_SES_QUOTA_SENDING_RATE : SD_SES_QUOTA_SENDING_QUOTA;
  const char *name_part = limit == SD_LIMIT_SEND_RATE ? "sending rate" : "sending quota";
  JsonArray *list = sd_json_get_array (quotas, "Quotas");
  JsonObject *by_name = NULL;
  JsonObject *found = NULL;

  if (current_value != NULL)
    *current_value = 0;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *quota = sd_json_array_get_object (list, i);
      const char *code = sd_json_get_string (quota, "QuotaCode");

      if (code == NULL)
        continue;
      if (g_str_equal (code, known))
        {
          found = quota;
          break;
        }
      if (by_name == NULL && contains_ci (sd_json_get_string (quota, "QuotaName"), name_part))
        by_name = quota;
    }
  if (found == NULL)
    found = by_name;
  if (found == NULL)
    return g_strdup (known);
  if (current_value != NULL)
    *current_value = sd_json_get_double (found, "Value", 0);
  return g_strdup (sd_json_get_string (found, "QuotaCode"));
}

/* The check itself */

typedef struct {
  SdAwsClient         *client;    /* owned */
  SdRequest           *request;   /* owned */
  SdRequestCheck      *check;     /* owned */
  SdRequestCheckFlags  flags;
  guint                pending;
  GPtrArray           *regions;   /* of RegionCheck, owned */
} CheckState;

typedef struct {
  GTask            *task;         /* unowned: the state owns us, the task owns the state */
  SdRequestTarget  *target;       /* owned */
  JsonObject       *account;      /* owned, nullable */
  GPtrArray        *verified;     /* of char*, verified identities */
  GPtrArray        *domains;      /* of char*, verified domains */
  GPtrArray        *dkim_bad;     /* of char*, "domain (STATUS)" */
  GError           *identity_error;
  guint             dkim_pending;
  guint             identity_pages;
} RegionCheck;

static void
region_check_free (gpointer data)
{
  RegionCheck *rc = data;

  g_clear_object (&rc->target);
  g_clear_pointer (&rc->account, json_object_unref);
  g_ptr_array_unref (rc->verified);
  g_ptr_array_unref (rc->domains);
  g_ptr_array_unref (rc->dkim_bad);
  g_clear_error (&rc->identity_error);
  g_free (rc);
}

static void
check_state_free (gpointer data)
{
  CheckState *state = data;

  g_object_unref (state->client);
  g_object_unref (state->request);
  g_object_unref (state->check);
  g_ptr_array_unref (state->regions);
  g_free (state);
}

static const char *
profile_of (CheckState *state)
{
  return sd_request_get_profile (state->request);
}

static void
op_begin (GTask *task)
{
  CheckState *state = g_task_get_task_data (task);

  state->pending++;
}

static void
finish_check (GTask *task)
{
  CheckState *state = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < state->regions->len; i++)
    {
      RegionCheck *rc = g_ptr_array_index (state->regions, i);
      SdRequestTarget *target = rc->target;

      /* The request learnt the region's state: its route now follows. */
      if (target->blocker == SD_REQUEST_BLOCKER_NONE || target->blocker == SD_REQUEST_BLOCKER_NO_SUPPORT_API ||
          target->route == SD_REQUEST_ROUTE_UNKNOWN)
        target->route = sd_request_get_route (state->request, target->region);
      g_free (target->route_label);
      target->route_label = sd_request_describe_route (state->request, target->region, target->route);
      g_list_store_append (state->check->targets, target);
      for (guint k = 0; k < G_N_ELEMENTS (target->items); k++)
        if (target->items[k] != NULL)
          g_list_store_append (state->check->readiness, target->items[k]);
    }
  g_task_return_pointer (task, g_object_ref (state->check), g_object_unref);
}

/* The task's own reference is held by the check until its last operation ends. */
static void
op_end (GTask *task)
{
  CheckState *state = g_task_get_task_data (task);

  g_assert (state->pending > 0);
  if (--state->pending == 0)
    {
      finish_check (task);
      g_object_unref (task);
    }
}

static gboolean
is_cancelled (GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
fail_region (RegionCheck *rc,
             GError      *error)  /* taken */
{
  g_clear_error (&rc->target->error);
  rc->target->error = error;
  sd_request_target_block (rc->target, SD_REQUEST_BLOCKER_CHECK_FAILED, SD_REQUEST_OFFER_NONE,
                           g_strdup_printf (_("Could not check %s: %s"), rc->target->region, error->message));
}

/* Readiness: identities and DKIM */

static void
finish_identity_items (RegionCheck *rc)
{
  SdRequestTarget *target = rc->target;
  const char *region = target->region;

  if (rc->identity_error != NULL)
    {
      target->items[SD_READINESS_VERIFIED_IDENTITY] =
        sd_readiness_item_new (region, SD_READINESS_VERIFIED_IDENTITY, SD_READINESS_UNKNOWN,
                               g_strdup_printf (_("Could not list the identities: %s"), rc->identity_error->message));
      target->items[SD_READINESS_DKIM] =
        sd_readiness_item_new (region, SD_READINESS_DKIM, SD_READINESS_UNKNOWN,
                               g_strdup_printf (_("Could not list the identities: %s"), rc->identity_error->message));
      return;
    }

  if (rc->verified->len == 0)
    target->items[SD_READINESS_VERIFIED_IDENTITY] =
      sd_readiness_item_new (region, SD_READINESS_VERIFIED_IDENTITY, SD_READINESS_TO_DO,
                             g_strdup_printf (_("No verified identity in %s. Verify the domain or address you send "
                                                "from (SES console, Identities, Create identity) before you ask: "
                                                "AWS denies requests from accounts without one."), region));
  else
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (rc->verified, NULL);
      list = g_strjoinv (", ", (char **) rc->verified->pdata);
      g_ptr_array_remove_index (rc->verified, rc->verified->len - 1);
      target->items[SD_READINESS_VERIFIED_IDENTITY] =
        sd_readiness_item_new (region, SD_READINESS_VERIFIED_IDENTITY, SD_READINESS_DONE,
                               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u verified identity: %s.", "%u verified identities: %s.",
                                                             rc->verified->len), rc->verified->len, list));
    }

  if (rc->domains->len == 0)
    target->items[SD_READINESS_DKIM] =
      sd_readiness_item_new (region, SD_READINESS_DKIM, SD_READINESS_TO_DO,
                             g_strdup (_("No verified domain: verify your sending domain with DKIM (Easy DKIM "
                                         "publishes three CNAME records) so that AWS sees authenticated mail.")));
  else if (rc->dkim_bad->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (rc->dkim_bad, NULL);
      list = g_strjoinv (", ", (char **) rc->dkim_bad->pdata);
      g_ptr_array_remove_index (rc->dkim_bad, rc->dkim_bad->len - 1);
      target->items[SD_READINESS_DKIM] =
        sd_readiness_item_new (region, SD_READINESS_DKIM, SD_READINESS_TO_DO,
                               g_strdup_printf (_("DKIM is not verified for %s: publish the CNAME records SES gives "
                                                  "for the domain in its DNS, then wait for SES to see them."), list));
    }
  else
    target->items[SD_READINESS_DKIM] =
      sd_readiness_item_new (region, SD_READINESS_DKIM, SD_READINESS_DONE,
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "DKIM verified for %u domain.", "DKIM verified for %u domains.",
                                                           rc->domains->len), rc->domains->len));
}

typedef struct {
  RegionCheck *rc;
  char        *domain;
} DkimLookup;

static void
on_dkim_lookup (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DkimLookup *lookup = user_data;
  RegionCheck *rc = lookup->rc;
  GTask *task = rc->task;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = sd_sesv2_finish (SD_AWS_CLIENT (source), result, &error);

  rc->dkim_pending--;
  if (answer == NULL)
    {
      if (!is_cancelled (error))
        g_ptr_array_add (rc->dkim_bad, g_strdup_printf ("%s (%s)", lookup->domain, error->message));
    }
  else
    {
      const char *status = sd_json_get_string (sd_json_get_object (answer, "DkimAttributes"), "Status");

      if (g_strcmp0 (status, "SUCCESS") != 0)
        g_ptr_array_add (rc->dkim_bad, g_strdup_printf ("%s (%s)", lookup->domain,
                                                        status != NULL ? status : "NOT_STARTED"));
    }
  g_free (lookup->domain);
  g_free (lookup);

  if (rc->dkim_pending == 0)
    finish_identity_items (rc);
  op_end (task);
}

static void list_identities_page (RegionCheck *rc, const char *next_token);

static void
on_identities (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RegionCheck *rc = user_data;
  GTask *task = rc->task;
  CheckState *state = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(JsonObject) answer = sd_sesv2_finish (SD_AWS_CLIENT (source), result, &error);
  JsonArray *identities;
  const char *next;

  if (answer == NULL)
    {
      if (!is_cancelled (error))
        {
          rc->identity_error = error;
          finish_identity_items (rc);
        }
      else
        g_error_free (error);
      op_end (task);
      return;
    }

  identities = sd_json_get_array (answer, "EmailIdentities");
  for (guint i = 0; identities != NULL && i < json_array_get_length (identities); i++)
    {
      JsonObject *identity = sd_json_array_get_object (identities, i);
      const char *name = sd_json_get_string (identity, "IdentityName");
      const char *status = sd_json_get_string (identity, "VerificationStatus");

      if (name == NULL)
        continue;
      /* Older answers have no VerificationStatus: SendingEnabled says it then. */
      if (status != NULL ? g_str_equal (status, "SUCCESS") : sd_json_get_boolean (identity, "SendingEnabled", FALSE))
        {
          g_ptr_array_add (rc->verified, g_strdup (name));
          if (g_strcmp0 (sd_json_get_string (identity, "IdentityType"), "DOMAIN") == 0 ||
              (sd_json_get_string (identity, "IdentityType") == NULL && strchr (name, '@') == NULL))
            g_ptr_array_add (rc->domains, g_strdup (name));
        }
    }

  next = sd_json_get_string (answer, "NextToken");
  if (next != NULL && *next != '\0' && ++rc->identity_pages < MAX_IDENTITY_PAGES)
    {
      list_identities_page (rc, next);
      op_end (task);
      return;
    }

  if (rc->domains->len == 0)
    finish_identity_items (rc);
  else
    {
      guint n = MIN (rc->domains->len, MAX_DKIM_LOOKUPS);

      /* Only the first domains are looked at; the rest count as checked. */
      g_ptr_array_set_size (rc->domains, n);
      rc->dkim_pending = n;
      for (guint i = 0; i < n; i++)
        {
          DkimLookup *lookup = g_new0 (DkimLookup, 1);

          lookup->rc = rc;
          lookup->domain = g_strdup (g_ptr_array_index (rc->domains, i));
          op_begin (task);
          sd_sesv2_get_email_identity_async (state->client, profile_of (state), rc->target->region,
                                             lookup->domain, g_task_get_cancellable (task), on_dkim_lookup, lookup);
        }
    }
  op_end (task);
}

static void
list_identities_page (RegionCheck *rc,
                      const char  *next_token)
{
  CheckState *state = g_task_get_task_data (rc->task);

  op_begin (rc->task);
  /* No PageSize: moto 5.2.1 fails on one given in the query string; AWS's default page is fine. */
  sd_sesv2_list_email_identities_async (state->client, profile_of (state), rc->target->region, next_token, 0,
                                        g_task_get_cancellable (rc->task), on_identities, rc);
}

static void
add_suppression_item (RegionCheck *rc)
{
  JsonArray *reasons = sd_json_get_array (sd_json_get_object (rc->account, "SuppressionAttributes"),
                                          "SuppressedReasons");
  gboolean bounce = FALSE;
  gboolean complaint = FALSE;

  for (guint i = 0; reasons != NULL && i < json_array_get_length (reasons); i++)
    {
      const char *reason = sd_json_array_get_string (reasons, i);

      bounce |= g_strcmp0 (reason, "BOUNCE") == 0;
      complaint |= g_strcmp0 (reason, "COMPLAINT") == 0;
    }

  rc->target->items[SD_READINESS_SUPPRESSION_LIST] =
    bounce && complaint
    ? sd_readiness_item_new (rc->target->region, SD_READINESS_SUPPRESSION_LIST, SD_READINESS_DONE,
                             g_strdup (_("The account-level suppression list keeps bounces and complaints.")))
    : sd_readiness_item_new (rc->target->region, SD_READINESS_SUPPRESSION_LIST, SD_READINESS_TO_DO,
                             g_strdup_printf (!bounce && !complaint
                                           ? _("The account-level suppression list is off in %s: turn it on for "
                                               "bounces and complaints (SES console, Configuration, Suppression "
                                               "list).")
                                           : !bounce
                                           ? _("The suppression list in %s keeps complaints but not bounces: add "
                                               "bounces (SES console, Configuration, Suppression list).")
                                           : _("The suppression list in %s keeps bounces but not complaints: add "
                                               "complaints (SES console, Configuration, Suppression list)."),
                                              rc->target->region));
}

/* Service Quotas: the code, the value, any open request */

static void
on_history (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RegionCheck *rc = user_data;
  GTask *task = rc->task;
  CheckState *state = g_task_get_task_data (task);
  SdRequestTarget *target = rc->target;
  GError *error = NULL;
  g_autoptr(JsonObject) answer = sd_service_quotas_finish (SD_AWS_CLIENT (source), result, &error);
  g_autoptr(GStrvBuilder) known = g_strv_builder_new ();
  JsonArray *requests;
  guint64 desired = 0;

  if (answer == NULL)
    {
      /* Without the history a lost answer could not be told from a lost
       * request: better not send than risk sending twice. */
      if (!is_cancelled (error))
        fail_region (rc, error);
      else
        g_error_free (error);
      op_end (task);
      return;
    }

  requests = sd_json_get_array (answer, "RequestedQuotas");
  for (guint i = 0; requests != NULL && i < json_array_get_length (requests); i++)
    {
      JsonObject *request = sd_json_array_get_object (requests, i);
      const char *id = sd_json_get_string (request, "Id");
      const char *status = sd_json_get_string (request, "Status");

      if (id == NULL)
        continue;
      g_strv_builder_add (known, id);
      if (target->open_id == NULL && (g_strcmp0 (status, "PENDING") == 0 || g_strcmp0 (status, "CASE_OPENED") == 0))
        {
          target->open_id = g_strdup (id);
          target->open_status = g_strdup (status);
          target->open_case_id = g_strdup (sd_json_get_string (request, "CaseId"));
          target->open_value = sd_json_get_double (request, "DesiredValue", 0);
        }
    }
  g_strfreev (target->known_ids);
  target->known_ids = g_strv_builder_end (known);

  sd_request_get_limit_number (state->request, &desired);
  if (target->open_id != NULL)
    sd_request_target_block (target, SD_REQUEST_BLOCKER_QUOTA_REQUEST_OPEN, SD_REQUEST_OFFER_SHOW_OPEN_REQUEST,
                             target->open_case_id != NULL
                  ? g_strdup_printf (_("A request to raise this quota in %s to %.0f is already open (%s, case %s): "
                                       "Service Quotas allows one at a time. Follow that one, or wait until AWS "
                                       "answers it."), target->region, target->open_value,
                                     sd_quota_request_status_label (target->open_status), target->open_case_id)
                  : g_strdup_printf (_("A request to raise this quota in %s to %.0f is already open (%s): Service "
                                       "Quotas allows one at a time. Follow that one, or wait until AWS answers it."),
                                     target->region, target->open_value,
                                     sd_quota_request_status_label (target->open_status)));
  else if (target->current_value < 0 ||
           (target->current_value > 0 && desired > 0 && (double) desired <= target->current_value))
    sd_request_target_block (target, SD_REQUEST_BLOCKER_ALREADY_AT_VALUE, SD_REQUEST_OFFER_NONE,
                             target->current_value < 0
                  ? g_strdup_printf (_("The quota in %s is already unlimited."), target->region)
                  : g_strdup_printf (_("The quota in %s is already %.0f: ask for more than that."), target->region,
                                     target->current_value));
  op_end (task);
}

static void
on_service_quotas (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  RegionCheck *rc = user_data;
  GTask *task = rc->task;
  CheckState *state = g_task_get_task_data (task);
  SdRequestTarget *target = rc->target;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = sd_service_quotas_finish (SD_AWS_CLIENT (source), result, &error);
  g_autoptr(JsonObject) input = json_object_new ();
  double value = 0;

  if (answer == NULL && is_cancelled (error))
    {
      op_end (task);
      return;
    }
  /* No answer: the known code is the fallback; the value stays GetAccount's. */
  g_free (target->quota_code);
  target->quota_code = sd_request_check_pick_quota_code (answer, sd_request_get_limit (state->request), &value);
  if (answer != NULL && value != 0)
    target->current_value = value;
  sd_request_set_quota_code (state->request, target->region, target->quota_code);

  json_object_set_string_member (input, "ServiceCode", "ses");
  json_object_set_string_member (input, "QuotaCode", target->quota_code);
  json_object_set_int_member (input, "MaxResults", HISTORY_PAGE_SIZE);
  op_begin (task);
  sd_service_quotas_list_change_history_by_quota_async (state->client, profile_of (state), target->region, input,
                                                        g_task_get_cancellable (task), on_history, rc);
  op_end (task);
}

/* Sending limits: the region's state first */

/* The rates against AWS's review lines: AWS turns down production access
 * and higher quotas for an account whose bounce rate is over 5 % (or
 * complaint rate over 0.1 %); say so before the request goes. */
static void
on_region_health (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RegionCheck *rc = user_data;
  GTask *task = rc->task;
  const char *region = rc->target->region;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdRegionHealth) health = sd_region_health_load_finish (result, &error);
  double bounce, complaint;
  g_autofree char *bounce_text = NULL;
  g_autofree char *complaint_text = NULL;
  SdReadinessStatus status;
  char *detail;

  if (health == NULL)
    {
      op_end (task);
      return;
    }
  bounce = sd_region_health_get_rate (health, SD_HEALTH_RATE_BOUNCE);
  complaint = sd_region_health_get_rate (health, SD_HEALTH_RATE_COMPLAINT);
  bounce_text = sd_health_format_rate (bounce);
  complaint_text = sd_health_format_rate (complaint);
  if (sd_health_rate_band (SD_HEALTH_RATE_BOUNCE, bounce) >= SD_RATE_BAND_REVIEW)
    {
      status = SD_READINESS_TO_DO;
      detail = g_strdup_printf (_("The bounce rate in %s is %s, at or over AWS's review line of 5 %%: AWS "
                                  "turns down production access and higher quotas at this rate. Bring it "
                                  "under 5 %% before you ask."), region, bounce_text);
    }
  else if (sd_health_rate_band (SD_HEALTH_RATE_COMPLAINT, complaint) >= SD_RATE_BAND_REVIEW)
    {
      status = SD_READINESS_TO_DO;
      detail = g_strdup_printf (_("The complaint rate in %s is %s, at or over AWS's review line of 0.1 %%: "
                                  "AWS turns down production access and higher quotas at this rate. Bring "
                                  "it under 0.1 %% before you ask."), region, complaint_text);
    }
  else if (!sd_health_rate_has_data (bounce) && !sd_health_rate_has_data (complaint))
    {
      status = SD_READINESS_UNKNOWN;
      if (sd_region_health_get_missing_permission (health) != NULL)
        detail = g_strdup_printf (_("CloudWatch refused the rates of %s: the %s permission would show them."),
                                  region, sd_region_health_get_missing_permission (health));
      else
        detail = g_strdup_printf (_("AWS has no bounce or complaint rate for %s yet."), region);
    }
  else
    {
      status = SD_READINESS_DONE;
      detail = g_strdup_printf (_("Bounce rate %s, complaint rate %s in %s: under AWS's review lines "
                                  "(5 %% and 0.1 %%)."), bounce_text, complaint_text, region);
    }
  g_clear_object (&rc->target->items[SD_READINESS_SENDING_RATES]);
  rc->target->items[SD_READINESS_SENDING_RATES] =
    sd_readiness_item_new (region, SD_READINESS_SENDING_RATES, status, detail);
  op_end (task);
}

static void
on_account (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RegionCheck *rc = user_data;
  GTask *task = rc->task;
  CheckState *state = g_task_get_task_data (task);
  SdRequestTarget *target = rc->target;
  const char *region = target->region;
  GError *error = NULL;
  JsonObject *answer = sd_sesv2_finish (SD_AWS_CLIENT (source), result, &error);
  JsonObject *review;
  JsonObject *quota;
  const char *review_status;
  SdLimitKind limit = sd_request_get_limit (state->request);

  if (answer == NULL)
    {
      if (!is_cancelled (error))
        fail_region (rc, error);
      else
        g_error_free (error);
      op_end (task);
      return;
    }
  rc->account = answer;

  review = sd_json_get_object (sd_json_get_object (answer, "Details"), "ReviewDetails");
  review_status = sd_json_get_string (review, "Status");
  quota = sd_json_get_object (answer, "SendQuota");
  target->state = sd_sandbox_state_from_account (sd_json_get_boolean (answer, "ProductionAccessEnabled", FALSE),
                                                 review_status);
  target->review_case_id = g_strdup (sd_json_get_string (review, "CaseId"));
  target->current_value = limit == SD_LIMIT_SEND_RATE ? sd_json_get_double (quota, "MaxSendRate", 0)
                                                      : sd_json_get_double (quota, "Max24HourSend", 0);
  sd_request_set_region_info (state->request, region, target->state, sd_json_get_double (quota, "Max24HourSend", 0),
                              sd_json_get_double (quota, "MaxSendRate", 0),
                              sd_request_get_region_ip_count (state->request, region));
  target->route = sd_request_get_route (state->request, region);

  switch (target->route)
    {
    case SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS:
      if (target->state == SD_SANDBOX_STATE_FAILED)
        {
          target->offers |= SD_REQUEST_OFFER_SEND_AGAIN;
          target->message = g_strdup_printf (_("The last production-access request in %s never reached AWS's "
                                               "review (status FAILED): it can be sent again."), region);
        }
      if (state->flags & SD_REQUEST_CHECK_READINESS)
        {
          add_suppression_item (rc);
          list_identities_page (rc, NULL);
        }
      break;

    case SD_REQUEST_ROUTE_SERVICE_QUOTAS:
      {
        g_autoptr(JsonObject) input = json_object_new ();

        json_object_set_string_member (input, "ServiceCode", "ses");
        op_begin (task);
        sd_service_quotas_list_service_quotas_async (state->client, profile_of (state), region, input,
                                                     g_task_get_cancellable (task), on_service_quotas, rc);
      }
      break;

    case SD_REQUEST_ROUTE_NONE:
      if (target->state == SD_SANDBOX_STATE_PENDING)
        sd_request_target_block (target, SD_REQUEST_BLOCKER_REVIEW_PENDING, SD_REQUEST_OFFER_REPLY_ON_CASE,
                                 target->review_case_id != NULL
                      ? g_strdup_printf (_("AWS is reviewing the production-access request of %s (case %s): a "
                                           "second request is not sent. Add information on that case if AWS "
                                           "asks."), region, target->review_case_id)
                      : g_strdup_printf (_("AWS is reviewing the production-access request of %s: a second "
                                           "request is not sent."), region));
      else
        sd_request_target_block (target, SD_REQUEST_BLOCKER_REVIEW_DENIED,
                                 SD_REQUEST_OFFER_REPLY_ON_CASE | SD_REQUEST_OFFER_SERVICE_QUOTAS,
                                 target->review_case_id != NULL
                      ? g_strdup_printf (_("AWS denied production access in %s, and SES refuses a new request "
                                           "while that stands. Reply on the review case %s with more about "
                                           "your mail, or send a Service Quotas request instead."),
                                         region, target->review_case_id)
                      : g_strdup_printf (_("AWS denied production access in %s, and SES refuses a new request "
                                           "while that stands. Reply on the review case with more about your "
                                           "mail, or send a Service Quotas request instead."), region));
      break;

    case SD_REQUEST_ROUTE_UNKNOWN:
    case SD_REQUEST_ROUTE_SUPPORT_CASE:
    case SD_REQUEST_ROUTE_SUPPORT_CENTER:
    default:
      break;
    }
  op_end (task);
}

/* Dedicated IPs: the Support codes */

static void
on_services (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  CheckState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = sd_support_finish (SD_AWS_CLIENT (source), result, &error);
  g_autofree char *service = NULL;
  g_autofree char *category = NULL;

  if (answer == NULL)
    {
      if (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_SUBSCRIPTION_REQUIRED))
        {
          state->check->support_api = FALSE;
          sd_request_set_support_api (state->request, FALSE);
          for (guint i = 0; i < state->regions->len; i++)
            {
              RegionCheck *rc = g_ptr_array_index (state->regions, i);

              sd_request_target_block (rc->target, SD_REQUEST_BLOCKER_NO_SUPPORT_API, SD_REQUEST_OFFER_SUPPORT_CENTER,
                                       g_strdup (_("This account’s support plan has no AWS Support API access (it needs "
                                                   "Business, Enterprise On-Ramp or Enterprise). The case is made in the "
                                                   "Support Center; paste its number here afterwards. Your draft stays.")));
            }
        }
      else if (!is_cancelled (error))
        for (guint i = 0; i < state->regions->len; i++)
          fail_region (g_ptr_array_index (state->regions, i), g_error_copy (error));
      op_end (task);
      return;
    }

  state->check->support_api = TRUE;
  sd_request_set_support_api (state->request, TRUE);
  if (sd_request_check_pick_support_codes (answer, sd_request_get_kind (state->request), &service, &category))
    sd_request_set_support_codes (state->request, service, category);
  op_end (task);
}

void
sd_request_check_async (SdAwsClient         *client,
                        SdRequest           *request,
                        SdRequestCheckFlags  flags,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  CheckState *state;
  const char * const *regions;

  g_return_if_fail (SD_IS_AWS_CLIENT (client));
  g_return_if_fail (SD_IS_REQUEST (request));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sd_request_check_async);
  state = g_new0 (CheckState, 1);
  state->client = g_object_ref (client);
  state->request = g_object_ref (request);
  state->check = g_object_new (SD_TYPE_REQUEST_CHECK, NULL);
  state->flags = flags;
  state->regions = g_ptr_array_new_with_free_func (region_check_free);
  g_task_set_task_data (task, state, check_state_free);

  /* Held open until every region has started, so that an early answer
   * cannot finish the check. */
  op_begin (task);

  regions = sd_request_get_regions (request);
  for (guint i = 0; regions[i] != NULL; i++)
    {
      RegionCheck *rc = g_new0 (RegionCheck, 1);

      rc->task = task;
      rc->target = g_object_new (SD_TYPE_REQUEST_TARGET, NULL);
      rc->target->region = g_strdup (regions[i]);
      rc->target->state = sd_request_get_region_state (request, regions[i]);
      rc->verified = g_ptr_array_new_with_free_func (g_free);
      rc->domains = g_ptr_array_new_with_free_func (g_free);
      rc->dkim_bad = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (state->regions, rc);

      if (sd_request_get_kind (request) == SD_REQUEST_KIND_SENDING_LIMITS)
        {
          op_begin (task);
          sd_sesv2_get_account_async (client, sd_request_get_profile (request), regions[i], cancellable,
                                      on_account, rc);
          op_begin (task);
          sd_region_health_load_async (client, sd_request_get_profile (request), regions[i], cancellable,
                                       on_region_health, rc);
        }
    }

  if (sd_request_get_kind (request) != SD_REQUEST_KIND_SENDING_LIMITS && regions[0] != NULL)
    {
      g_autoptr(JsonObject) input = json_object_new ();

      json_object_set_string_member (input, "language", "en");
      op_begin (task);
      sd_support_describe_services_async (client, sd_request_get_profile (request), input, cancellable,
                                          on_services, task);
    }

  op_end (task);
}

SdRequestCheck *
sd_request_check_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
