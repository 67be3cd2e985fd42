/* sd-dashboard.c — every SES region of every account, loaded concurrently
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-aws-endpoints.h"
#include "sd-aws-error.h"
#include "sd-aws-json.h"
#include "sd-aws-pages.h"
#include "sd-dashboard.h"
#include "sd-region-health.h"
#include "sd-sesv2.h"

/* Large enough that a region's IPs usually come in one page. */
#define DEDICATED_IPS_PAGE_SIZE 100
/* A region with more pages than this is a server looping, not a region. */
#define MAX_PAGES 1000
/* How long the regions loaded meanwhile are applied in one go: each one
 * shown changes widgets, and 1,350 regions of an organization can end
 * within moments of each other; the main loop comes round between slices. */
#define APPLY_SLICE_USEC 4000

struct _SdDashboard
{
  GObject        parent_instance;

  SdAwsClient   *client;      /* owned */
  GListStore    *regions;     /* owned; of SdRegionStatus */
  GCancellable  *cancellable; /* owned while a refresh runs */
  GPtrArray     *waiting;     /* owned; Waiter: the callers of the running refresh */
  SdChangeLog   *change_log;  /* owned, nullable */
  GHashTable    *accounts;    /* owned; profile → SdAccount, those added with _add_account_full() */
  GQueue         applying;    /* RegionLoad (owned) finished, waiting to be shown */
  guint          apply_id;
  guint          n_pending;   /* regions still loading or waiting to be shown */
  gboolean       recording;   /* the change log is being written */
  gboolean       record_again; /* regions loaded meanwhile: write it again after */
  guint          n_failed;
  gint64         updated;
};

G_DEFINE_FINAL_TYPE (SdDashboard, sd_dashboard, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The load of one region: GetAccount, every page of GetDedicatedIps, every
 * page of ListDedicatedIpPools and GetDedicatedIpPool for each pool, and the
 * health figures (one GetMetricData, or GetSendStatistics when denied). */
typedef struct {
  SdDashboard    *dashboard;  /* owned */
  SdRegionStatus *status;     /* owned */
  JsonObject     *account;    /* owned, nullable */
  GPtrArray      *ips;        /* owned; of JsonObject */
  GPtrArray      *pools;      /* owned; of JsonObject */
  SdRegionHealth *health;     /* owned, nullable */
  SdAwsPages      ip_pages;
  SdAwsPages      pool_pages;
  GError         *error;      /* owned; the first failure */
  guint           pending;    /* calls in flight */
} RegionLoad;

/* A caller of the running refresh: its task, and the handler that passes
 * a cancel of its cancellable on to the refresh (disconnected at the end:
 * the window reuses one cancellable for every refresh). */
typedef struct {
  GTask        *task;        /* owned */
  GCancellable *cancellable; /* owned, nullable: the caller's */
  gulong        handler_id;
} Waiter;

static void region_load_step_done (RegionLoad *load);

/* Auxiliary functions */

typedef struct {
  GCancellable *cancellable; /* owned */
  gulong        handler_id;
} Connection;

static gboolean
disconnect_later (gpointer data)
{
  Connection *connection = data;

  g_cancellable_disconnect (connection->cancellable, connection->handler_id);
  g_object_unref (connection->cancellable);
  g_free (connection);
  return G_SOURCE_REMOVE;
}

/* The caller's cancellable no longer reaches the refresh. */
static void
waiter_disconnect (Waiter *waiter)
{
  if (waiter->cancellable == NULL)
    return;
  if (g_cancellable_is_cancelled (waiter->cancellable))
    {
      /* Perhaps still inside its "cancelled" emission, where disconnecting
       * would wait for itself: once it is over. */
      Connection *connection = g_new0 (Connection, 1);

      connection->cancellable = g_steal_pointer (&waiter->cancellable);
      connection->handler_id = waiter->handler_id;
      g_idle_add (disconnect_later, connection);
      return;
    }
  g_cancellable_disconnect (waiter->cancellable, waiter->handler_id);
  g_clear_object (&waiter->cancellable);
}

static void
waiter_free (gpointer data)
{
  Waiter *waiter = data;

  waiter_disconnect (waiter);
  g_object_unref (waiter->task);
  g_free (waiter);
}

static void
region_load_free (RegionLoad *load)
{
  g_clear_object (&load->dashboard);
  g_clear_object (&load->status);
  g_clear_pointer (&load->account, json_object_unref);
  g_clear_pointer (&load->ips, g_ptr_array_unref);
  g_clear_pointer (&load->pools, g_ptr_array_unref);
  g_clear_object (&load->health);
  sd_aws_pages_clear (&load->ip_pages);
  sd_aws_pages_clear (&load->pool_pages);
  g_clear_error (&load->error);
  g_free (load);
}

static void
region_load_fail (RegionLoad *load,
                  GError     *error)
{
  /* GetAccount's error says most about the region; keep the first one. */
  if (load->error == NULL)
    load->error = error;
  else
    g_error_free (error);
}

static void end_refresh (SdDashboard *self, gboolean cancelled);
static void update_change_log (SdDashboard *self);

static void
on_change_log_updated (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(SdDashboard) self = user_data;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = sd_change_log_update_finish (SD_CHANGE_LOG (source), result, &error);
  if (found == NULL)
    g_warning ("Could not record the changes: %s", error->message);
  self->recording = FALSE;
  /* Regions added meanwhile have loaded too: their turn. */
  if (self->record_again)
    {
      self->record_again = FALSE;
      update_change_log (self);
      return;
    }
  if (self->n_pending == 0)
    end_refresh (self, g_cancellable_is_cancelled (self->cancellable));
}

/* Compares every region that loaded with its last state seen, on a thread
 * (the file of a fleet is large); the refresh ends when it is recorded. */
static void
update_change_log (SdDashboard *self)
{
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func ((GDestroyNotify) sd_region_facts_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->regions));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (G_LIST_MODEL (self->regions), i);
      SdRegionFacts *f;

      /* A region that failed this time says nothing new. */
      if (sd_region_status_get_error (status) != NULL)
        continue;
      f = sd_region_status_dup_facts (status);
      if (f != NULL)
        g_ptr_array_add (facts, f);
    }
  self->recording = TRUE;
  sd_change_log_update_async (self->change_log, facts, g_get_real_time () / G_USEC_PER_SEC,
                              on_change_log_updated, g_object_ref (self));
}

/* Every region has loaded (or the refresh was cancelled). */
static void
finish_refresh (SdDashboard *self)
{
  gboolean cancelled = g_cancellable_is_cancelled (self->cancellable);

  if (self->recording)
    self->record_again = !cancelled;
  else if (!cancelled && self->change_log != NULL)
    update_change_log (self);
  else
    end_refresh (self, cancelled);
}

static void
end_refresh (SdDashboard *self,
             gboolean     cancelled)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new_with_free_func (waiter_free);
  g_clear_object (&self->cancellable);
  if (!cancelled)
    {
      self->updated = g_get_real_time () / G_USEC_PER_SEC;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  for (guint i = 0; i < waiting->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiting, i);
      GTask *task = waiter->task;

      waiter_disconnect (waiter);
      if (cancelled)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                                 "The refresh was cancelled");
      else
        g_task_return_int (task, self->n_failed);
    }
}

/* Callbacks */

static void
on_get_account (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RegionLoad *load = user_data;
  GError *error = NULL;

  load->account = sd_sesv2_finish (SD_AWS_CLIENT (source), result, &error);
  if (error != NULL)
    {
      /* Put GetAccount's error first: it is the region's own. */
      g_clear_error (&load->error);
      load->error = error;
    }
  region_load_step_done (load);
}

static void
on_health_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RegionLoad *load = user_data;
  GError *error = NULL;

  /* Only a cancellation fails: a refused or failed metrics call is in the figures. */
  load->health = sd_region_health_load_finish (result, &error);
  if (load->health == NULL)
    region_load_fail (load, error);
  region_load_step_done (load);
}

static void
on_get_dedicated_ips (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  RegionLoad *load = user_data;
  GError *error = NULL;
  g_autoptr(JsonObject) answer = sd_sesv2_finish (SD_AWS_CLIENT (source), result, &error);
  g_autoptr(JsonArray) ips = json_array_new ();

  if (answer == NULL)
    {
      region_load_fail (load, error);
      region_load_step_done (load);
      return;
    }

  sd_aws_pages_collect (ips, answer, "DedicatedIps");
  for (guint i = 0; i < json_array_get_length (ips); i++)
    g_ptr_array_add (load->ips, json_object_ref (sd_json_array_get_object (ips, i)));

  /* No paginator in the model: follow NextToken by hand, to the end. */
  if (sd_aws_pages_next (&load->ip_pages, answer, "NextToken") && load->error == NULL)
    {
      sd_sesv2_get_dedicated_ips_async (load->dashboard->client,
                                        sd_region_status_get_profile (load->status),
                                        sd_region_status_get_region (load->status),
                                        NULL, load->ip_pages.token, DEDICATED_IPS_PAGE_SIZE,
                                        load->dashboard->cancellable,
                                        on_get_dedicated_ips, load);
      return;
    }
  region_load_step_done (load);
}

static void
on_get_dedicated_ip_pool (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  RegionLoad *load = user_data;
  GError *error = NULL;
  g_autoptr(JsonObject) answer = sd_sesv2_finish (SD_AWS_CLIENT (source), result, &error);
  JsonNode *pool;

  if (answer == NULL)
    region_load_fail (load, error);
  else if ((pool = json_object_get_member (answer, "DedicatedIpPool")) != NULL &&
           JSON_NODE_HOLDS_OBJECT (pool))
    g_ptr_array_add (load->pools, json_object_ref (json_node_get_object (pool)));

  region_load_step_done (load);
}

static void
on_list_dedicated_ip_pools (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  RegionLoad *load = user_data;
  GError *error = NULL;
  g_autoptr(JsonObject) answer = sd_sesv2_finish (SD_AWS_CLIENT (source), result, &error);
  JsonArray *names;

  if (answer == NULL)
    {
      region_load_fail (load, error);
      region_load_step_done (load);
      return;
    }

  names = sd_json_get_array (answer, "DedicatedIpPools");
  for (guint i = 0; names != NULL && i < json_array_get_length (names); i++)
    {
      const char *name = sd_json_array_get_string (names, i);

      if (name == NULL)
        continue;
      load->pending++;
      sd_sesv2_get_dedicated_ip_pool_async (load->dashboard->client,
                                            sd_region_status_get_profile (load->status),
                                            sd_region_status_get_region (load->status),
                                            name, load->dashboard->cancellable,
                                            on_get_dedicated_ip_pool, load);
    }

  if (sd_aws_pages_next (&load->pool_pages, answer, "NextToken") && load->error == NULL)
    {
      sd_sesv2_list_dedicated_ip_pools_async (load->dashboard->client,
                                              sd_region_status_get_profile (load->status),
                                              sd_region_status_get_region (load->status),
                                              load->pool_pages.token, load->dashboard->cancellable,
                                              on_list_dedicated_ip_pools, load);
      return;
    }
  region_load_step_done (load);
}

/* Shows what @load found in its region. */
static void
region_load_apply (RegionLoad *load)
{
  SdDashboard *self = load->dashboard;

  if (load->error != NULL)
    {
      if (!g_error_matches (load->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->n_failed++;
          sd_region_status_set_error (load->status, load->error);
        }
    }
  else
    {
      sd_region_status_set_health (load->status, load->health);
      sd_region_status_apply (load->status, load->account, load->ips, load->pools,
                              g_get_real_time () / G_USEC_PER_SEC);
    }
  sd_region_status_set_loading (load->status, FALSE);
}

/* Applies the regions loaded meanwhile, for APPLY_SLICE_USEC at most. */
static gboolean
on_apply_slice (gpointer user_data)
{
  SdDashboard *self = user_data;
  gint64 end = g_get_monotonic_time () + APPLY_SLICE_USEC;
  RegionLoad *load;
  gboolean more;

  g_object_ref (self);
  while (g_get_monotonic_time () < end && (load = g_queue_pop_head (&self->applying)) != NULL)
    {
      region_load_apply (load);
      region_load_free (load);
      g_assert (self->n_pending > 0);
      if (--self->n_pending == 0)
        finish_refresh (self);
    }
  more = !g_queue_is_empty (&self->applying);
  if (!more)
    self->apply_id = 0;
  g_object_unref (self);
  return more ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Called when one call of the region's load has ended. */
static void
region_load_step_done (RegionLoad *load)
{
  SdDashboard *self = load->dashboard;

  g_assert (load->pending > 0);
  if (--load->pending > 0)
    return;

  g_queue_push_tail (&self->applying, load);
  if (self->apply_id == 0)
    self->apply_id = g_idle_add_full (G_PRIORITY_DEFAULT, on_apply_slice, self, NULL);
}

/* The role name of an organization member's profile (the end of its role_arn). */
static const char *
member_role_name (SdDashboard *self,
                  const char  *profile)
{
  const char *arn = sd_aws_config_get_profile_value (sd_aws_client_get_config (self->client),
                                                     profile, "role_arn");
  const char *slash = arn != NULL ? strrchr (arn, '/') : NULL;

  return slash != NULL ? slash + 1 : arn;
}

/* The credentials of a member failed: say which role, which account, and what to do. */
static GError *
member_role_error (SdDashboard  *self,
                   SdAccount    *account,
                   const GError *error)
{
  const char *profile = sd_account_get_profile (account);
  const char *role = member_role_name (self, profile);
  const char *aws_code = sd_aws_error_get_aws_code (error);
  const char *aws_message = sd_aws_error_get_aws_message (error);
  g_autofree char *what = NULL;
  GError *clear = NULL;

  if (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED) && aws_code != NULL)
    what = g_strdup_printf ("%s: %s", aws_code, aws_message != NULL ? aws_message : "");
  else
    what = g_strdup (error->message);

  if (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_ACCESS_DENIED))
    /* AWS's code, message and request id stay with the error (status --json's "code"). */
    sd_aws_error_set_service (&clear, SD_AWS_ERROR_ACCESS_DENIED, aws_code, aws_message,
                              sd_aws_error_get_http_status (error), sd_aws_error_get_request_id (error),
                              /* Translators: role, account id, account name, AWS's error, profile */
                              _("SES Desk could not assume the role “%s” in account %s (%s): %s — "
                                "create the role in that account with a trust policy that lets "
                                "profile “%s” assume it, or add the organization again with the "
                                "role name your accounts have."),
                              role, sd_account_get_account_id (account), sd_account_get_name (account),
                              what, sd_account_get_organization (account));
  else
    sd_aws_error_set_service (&clear, error->domain == SD_AWS_ERROR ? error->code : SD_AWS_ERROR_FAILED,
                              aws_code, aws_message, sd_aws_error_get_http_status (error),
                              sd_aws_error_get_request_id (error),
                              /* Translators: role, account id, account name, the error */
                              _("SES Desk could not assume the role “%s” in account %s (%s): %s"),
                              role, sd_account_get_account_id (account), sd_account_get_name (account),
                              what);
  return clear;
}

/* Ends a region's load at once with @error (its account's problem). */
static void
region_load_fail_now (RegionLoad *load,
                      GError     *error)
{
  region_load_fail (load, error);
  load->pending = 1;
  region_load_step_done (load);
}

static void
start_region_calls (RegionLoad *load)
{
  SdDashboard *self = load->dashboard;
  SdRegionStatus *status = load->status;
  const char *profile = sd_region_status_get_profile (status);
  const char *region = sd_region_status_get_region (status);

  load->pending = 4;
  sd_sesv2_get_account_async (self->client, profile, region, self->cancellable,
                              on_get_account, load);
  sd_sesv2_get_dedicated_ips_async (self->client, profile, region, NULL, NULL,
                                    DEDICATED_IPS_PAGE_SIZE, self->cancellable,
                                    on_get_dedicated_ips, load);
  sd_sesv2_list_dedicated_ip_pools_async (self->client, profile, region, NULL,
                                          self->cancellable, on_list_dedicated_ip_pools, load);
  sd_region_health_load_async (self->client, profile, region, self->cancellable,
                               on_health_loaded, load);
}

static void
on_member_credentials (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  RegionLoad *load = user_data;
  SdDashboard *self = load->dashboard;
  g_autoptr(SdAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  SdAccount *account;

  credentials = sd_aws_credential_provider_get_finish (SD_AWS_CREDENTIAL_PROVIDER (source),
                                                       result, &error);
  if (credentials != NULL)
    {
      start_region_calls (load);
      return;
    }
  account = g_hash_table_lookup (self->accounts, sd_region_status_get_profile (load->status));
  if (account == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    region_load_fail_now (load, g_steal_pointer (&error));
  else
    region_load_fail_now (load, member_role_error (self, account, error));
}

static void
start_region_load (SdDashboard    *self,
                   SdRegionStatus *status)
{
  RegionLoad *load = g_new0 (RegionLoad, 1);
  const char *profile = sd_region_status_get_profile (status);
  SdAccount *account = g_hash_table_lookup (self->accounts, profile);

  load->dashboard = g_object_ref (self);
  load->status = g_object_ref (status);
  load->ips = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  load->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sd_aws_pages_init (&load->ip_pages, MAX_PAGES);
  sd_aws_pages_init (&load->pool_pages, MAX_PAGES);

  sd_region_status_set_loading (status, TRUE);
  if (account != NULL && sd_account_get_problem (account) != NULL)
    {
      region_load_fail_now (load, g_error_copy (sd_account_get_problem (account)));
      return;
    }
  /* A member's role first: its failure is the account's, said once for each region
   * (the provider shares one AssumeRole among all the regions waiting for it). */
  if (account != NULL && sd_account_get_organization (account) != NULL &&
      g_strcmp0 (sd_account_get_organization (account), profile) != 0)
    {
      load->pending = 1;
      sd_aws_credential_provider_get_async (sd_aws_client_get_credential_provider (self->client, profile),
                                            self->cancellable, on_member_credentials, load);
      return;
    }
  start_region_calls (load);
}

/* Overrides */

static void
sd_dashboard_dispose (GObject *object)
{
  SdDashboard *self = SD_DASHBOARD (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (sd_dashboard_parent_class)->dispose (object);
}

static void
sd_dashboard_finalize (GObject *object)
{
  SdDashboard *self = SD_DASHBOARD (object);

  g_clear_handle_id (&self->apply_id, g_source_remove);
  g_queue_clear_full (&self->applying, (GDestroyNotify) region_load_free);
  g_clear_object (&self->client);
  g_clear_object (&self->regions);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_object (&self->change_log);
  g_clear_pointer (&self->accounts, g_hash_table_unref);

  G_OBJECT_CLASS (sd_dashboard_parent_class)->finalize (object);
}

static void
sd_dashboard_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SdDashboard *self = SD_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, sd_dashboard_get_loading (self));
      break;
    case PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_dashboard_class_init (SdDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sd_dashboard_dispose;
  object_class->finalize = sd_dashboard_finalize;
  object_class->get_property = sd_dashboard_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED] =
    g_param_spec_int64 ("updated", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_dashboard_init (SdDashboard *self)
{
  self->regions = g_list_store_new (SD_TYPE_REGION_STATUS);
  self->waiting = g_ptr_array_new_with_free_func (waiter_free);
  self->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* Public API */

SdDashboard *
sd_dashboard_new (SdAwsClient *client)
{
  SdDashboard *self;

  g_return_val_if_fail (SD_IS_AWS_CLIENT (client), NULL);

  self = g_object_new (SD_TYPE_DASHBOARD, NULL);
  self->client = g_object_ref (client);
  return self;
}

/* Appends @profile's regions, each naming @account (nullable). */
static void
add_regions (SdDashboard        *self,
             const char         *profile,
             SdAccount          *account,
             const char * const *regions)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (regions == NULL)
    {
      const char *home = sd_aws_config_get_region (sd_aws_client_get_config (self->client), profile);
      const SdAwsPartition *partition = sd_aws_partition_for_region (home != NULL ? home : "us-east-1");

      regions = sd_aws_ses_regions (partition);
    }

  for (guint i = 0; regions[i] != NULL; i++)
    {
      SdRegionStatus *status = sd_region_status_new (profile, regions[i]);

      if (account != NULL)
        {
          sd_region_status_set_account (status, sd_account_get_name (account),
                                        sd_account_get_account_id (account));
          /* Failed already: what the account's card says before any refresh. */
          if (sd_account_get_problem (account) != NULL)
            sd_region_status_set_error (status, sd_account_get_problem (account));
        }
      g_ptr_array_add (items, status);
    }

  g_list_store_splice (self->regions, g_list_model_get_n_items (G_LIST_MODEL (self->regions)),
                       0, items->pdata, items->len);
  /* Added while a refresh runs: loaded with it, which ends once they are too. */
  if (self->cancellable != NULL)
    {
      self->n_pending += items->len;
      for (guint i = 0; i < items->len; i++)
        start_region_load (self, g_ptr_array_index (items, i));
    }
}

void
sd_dashboard_add_account (SdDashboard        *self,
                          const char         *profile,
                          const char * const *regions)
{
  g_return_if_fail (SD_IS_DASHBOARD (self));

  add_regions (self, profile, NULL, regions);
}

void
sd_dashboard_add_account_full (SdDashboard        *self,
                               SdAccount          *account,
                               const char * const *regions)
{
  const char *profile;

  g_return_if_fail (SD_IS_DASHBOARD (self));
  g_return_if_fail (SD_IS_ACCOUNT (account));

  profile = sd_account_get_profile (account);
  g_hash_table_replace (self->accounts, g_strdup (profile), g_object_ref (account));
  add_regions (self, profile, account, regions);
}

void
sd_dashboard_name_account (SdDashboard *self,
                           SdAccount   *account)
{
  const char *profile;

  g_return_if_fail (SD_IS_DASHBOARD (self));
  g_return_if_fail (SD_IS_ACCOUNT (account));

  profile = sd_account_get_profile (account);
  g_hash_table_replace (self->accounts, g_strdup (profile), g_object_ref (account));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->regions)); i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (G_LIST_MODEL (self->regions), i);

      if (g_strcmp0 (sd_region_status_get_profile (status), profile) == 0)
        sd_region_status_set_account (status, sd_account_get_name (account), sd_account_get_account_id (account));
    }
}

void
sd_dashboard_clear (SdDashboard *self)
{
  g_return_if_fail (SD_IS_DASHBOARD (self));

  g_hash_table_remove_all (self->accounts);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_list_store_remove_all (self->regions);
}

GListModel *
sd_dashboard_get_model (SdDashboard *self)
{
  g_return_val_if_fail (SD_IS_DASHBOARD (self), NULL);
  return G_LIST_MODEL (self->regions);
}

gboolean
sd_dashboard_get_loading (SdDashboard *self)
{
  g_return_val_if_fail (SD_IS_DASHBOARD (self), FALSE);
  return self->cancellable != NULL;
}

gint64
sd_dashboard_get_updated (SdDashboard *self)
{
  g_return_val_if_fail (SD_IS_DASHBOARD (self), 0);
  return self->updated;
}

void
sd_dashboard_set_change_log (SdDashboard *self,
                             SdChangeLog *log)
{
  g_return_if_fail (SD_IS_DASHBOARD (self));
  g_return_if_fail (log == NULL || SD_IS_CHANGE_LOG (log));

  g_set_object (&self->change_log, log);
}

SdChangeLog *
sd_dashboard_get_change_log (SdDashboard *self)
{
  g_return_val_if_fail (SD_IS_DASHBOARD (self), NULL);
  return self->change_log;
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

void
sd_dashboard_refresh_async (SdDashboard         *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Waiter *waiter;
  gboolean running;
  guint n;

  g_return_if_fail (SD_IS_DASHBOARD (self));

  /* Already running: this caller gets the same answer, no request doubles. */
  running = self->cancellable != NULL;
  if (!running)
    self->cancellable = g_cancellable_new ();

  waiter = g_new0 (Waiter, 1);
  waiter->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (waiter->task, sd_dashboard_refresh_async);
  if (cancellable != NULL)
    {
      waiter->cancellable = g_object_ref (cancellable);
      waiter->handler_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                  g_object_ref (self->cancellable),
                                                  g_object_unref);
    }
  g_ptr_array_add (self->waiting, waiter);
  if (running)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->regions));
  self->n_failed = 0;
  self->n_pending = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (n == 0)
    {
      finish_refresh (self);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (G_LIST_MODEL (self->regions), i);
      start_region_load (self, status);
    }
}

int
sd_dashboard_refresh_finish (SdDashboard   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  return (int) g_task_propagate_int (G_TASK (result), error);
}
