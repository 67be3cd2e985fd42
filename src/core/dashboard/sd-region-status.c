/* sd-region-status.c — one SES region of one account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-aws-endpoints.h"
#include "sd-aws-json.h"
#include "sd-region-status.h"

struct _SdRegionStatus
{
  GObject         parent_instance;

  char           *profile;             /* owned */
  char           *account_name;        /* owned, nullable: the profile then */
  char           *account_id;          /* owned, nullable */
  char           *region;              /* owned */
  gboolean        loading;
  GError         *error;               /* owned, nullable */
  gint64          updated;

  SdSandboxState  state;
  double          max_24_hour_send;
  double          max_send_rate;
  double          sent_last_24_hours;
  gboolean        sending_enabled;
  gboolean        auto_warmup;
  char           *enforcement_status;  /* owned, nullable */
  char           *review_case_id;      /* owned, nullable */
  GPtrArray      *dedicated_ips;       /* owned; of SdDedicatedIp */
  GPtrArray      *pools;               /* owned; of SdIpPool */
  SdRegionHealth *health;              /* owned; replaced by each load */
};

G_DEFINE_FINAL_TYPE (SdRegionStatus, sd_region_status, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SdSandboxState, sd_sandbox_state,
  G_DEFINE_ENUM_VALUE (SD_SANDBOX_STATE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (SD_SANDBOX_STATE_SANDBOX, "sandbox"),
  G_DEFINE_ENUM_VALUE (SD_SANDBOX_STATE_PRODUCTION, "production"),
  G_DEFINE_ENUM_VALUE (SD_SANDBOX_STATE_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (SD_SANDBOX_STATE_DENIED, "denied"),
  G_DEFINE_ENUM_VALUE (SD_SANDBOX_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_REGION,
  PROP_LOADING,
  PROP_STATE,
  PROP_UPDATED,
  PROP_HAS_ERROR,
  PROP_HEALTH,
  PROP_HEALTH_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static void
dedicated_ip_free (gpointer data)
{
  SdDedicatedIp *ip = data;

  g_free (ip->ip);
  g_free (ip->pool_name);
  g_free (ip);
}

static void
ip_pool_free (gpointer data)
{
  SdIpPool *pool = data;

  g_free (pool->name);
  g_free (pool->scaling_mode);
  g_free (pool);
}

static void
warning_free (gpointer data)
{
  SdWarning *warning = data;

  g_free (warning->title);
  g_free (warning->reason);
  g_free (warning);
}

static SdWarmupStatus
warmup_status_from_string (const char *s)
{
  if (g_strcmp0 (s, "IN_PROGRESS") == 0)
    return SD_WARMUP_IN_PROGRESS;
  if (g_strcmp0 (s, "DONE") == 0)
    return SD_WARMUP_DONE;
  if (g_strcmp0 (s, "NOT_APPLICABLE") == 0)
    return SD_WARMUP_NOT_APPLICABLE;
  return SD_WARMUP_UNKNOWN;
}

static void
add_warning (GPtrArray     *warnings,
             SdWarningKind  kind,
             char          *title,
             char          *reason)
{
  SdWarning *warning = g_new0 (SdWarning, 1);

  warning->kind = kind;
  warning->title = title;
  warning->reason = reason;
  g_ptr_array_add (warnings, warning);
}

static void
notify_all (SdRegionStatus *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ERROR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEALTH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEALTH_LEVEL]);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Overrides */

static void
sd_region_status_finalize (GObject *object)
{
  SdRegionStatus *self = SD_REGION_STATUS (object);

  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->account_name, g_free);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->enforcement_status, g_free);
  g_clear_pointer (&self->review_case_id, g_free);
  g_clear_pointer (&self->dedicated_ips, g_ptr_array_unref);
  g_clear_pointer (&self->pools, g_ptr_array_unref);
  g_clear_object (&self->health);

  G_OBJECT_CLASS (sd_region_status_parent_class)->finalize (object);
}

static void
sd_region_status_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SdRegionStatus *self = SD_REGION_STATUS (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;
    case PROP_HAS_ERROR:
      g_value_set_boolean (value, self->error != NULL);
      break;
    case PROP_HEALTH:
      g_value_set_object (value, self->health);
      break;
    case PROP_HEALTH_LEVEL:
      g_value_set_enum (value, sd_region_status_get_health_level (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_region_status_class_init (SdRegionStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sd_region_status_finalize;
  object_class->get_property = sd_region_status_get_property;

  properties[PROP_PROFILE] =
    g_param_spec_string ("profile", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SD_TYPE_SANDBOX_STATE, SD_SANDBOX_STATE_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED] =
    g_param_spec_int64 ("updated", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_ERROR] =
    g_param_spec_boolean ("has-error", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_HEALTH] =
    g_param_spec_object ("health", NULL, NULL, SD_TYPE_REGION_HEALTH,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEALTH_LEVEL] =
    g_param_spec_enum ("health-level", NULL, NULL, SD_TYPE_HEALTH_LEVEL, SD_HEALTH_LEVEL_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted once after a load was applied or failed: everything may have changed. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sd_region_status_init (SdRegionStatus *self)
{
  self->dedicated_ips = g_ptr_array_new_with_free_func (dedicated_ip_free);
  self->pools = g_ptr_array_new_with_free_func (ip_pool_free);
  self->health = sd_region_health_new_empty (g_get_real_time () / G_USEC_PER_SEC);
}

/* Public API */

const char *
sd_sandbox_state_to_id (SdSandboxState state)
{
  switch (state)
    {
    case SD_SANDBOX_STATE_SANDBOX: return "sandbox";
    case SD_SANDBOX_STATE_PRODUCTION: return "production";
    case SD_SANDBOX_STATE_PENDING: return "pending";
    case SD_SANDBOX_STATE_DENIED: return "denied";
    case SD_SANDBOX_STATE_FAILED: return "failed";
    case SD_SANDBOX_STATE_UNKNOWN:
    default:
      return NULL;
    }
}

const char *
sd_sandbox_state_to_label (SdSandboxState state)
{
  switch (state)
    {
    case SD_SANDBOX_STATE_SANDBOX: return _("Sandbox");
    case SD_SANDBOX_STATE_PRODUCTION: return _("Production");
    case SD_SANDBOX_STATE_PENDING: return _("Review pending");
    case SD_SANDBOX_STATE_DENIED: return _("Denied");
    case SD_SANDBOX_STATE_FAILED: return _("Failed");
    case SD_SANDBOX_STATE_UNKNOWN:
    default:
      return _("Unknown");
    }
}

SdSandboxState
sd_sandbox_state_from_account (gboolean    production_access_enabled,
                               const char *review_status)
{
  /* Production access, once granted, is what counts whatever an older review says. */
  if (production_access_enabled)
    return SD_SANDBOX_STATE_PRODUCTION;
  if (g_strcmp0 (review_status, "PENDING") == 0)
    return SD_SANDBOX_STATE_PENDING;
  if (g_strcmp0 (review_status, "DENIED") == 0)
    return SD_SANDBOX_STATE_DENIED;
  if (g_strcmp0 (review_status, "FAILED") == 0)
    return SD_SANDBOX_STATE_FAILED;
  return SD_SANDBOX_STATE_SANDBOX;
}

SdRegionStatus *
sd_region_status_new (const char *profile,
                      const char *region)
{
  SdRegionStatus *self;

  g_return_val_if_fail (region != NULL, NULL);

  self = g_object_new (SD_TYPE_REGION_STATUS, NULL);
  self->profile = g_strdup (profile);
  self->region = g_strdup (region);
  return self;
}

const char *
sd_region_status_get_profile (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), NULL);
  return self->profile;
}

const char *
sd_region_status_get_account_name (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), NULL);
  return self->account_name != NULL ? self->account_name : self->profile;
}

const char *
sd_region_status_get_account_id (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), NULL);
  return self->account_id;
}

void
sd_region_status_set_account (SdRegionStatus *self,
                              const char     *name,
                              const char     *account_id)
{
  g_return_if_fail (SD_IS_REGION_STATUS (self));

  if (g_strcmp0 (self->account_name, name) == 0 && g_strcmp0 (self->account_id, account_id) == 0)
    return;
  g_free (self->account_name);
  self->account_name = g_strdup (name);
  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
sd_region_status_get_region (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), NULL);
  return self->region;
}

const char *
sd_region_status_get_region_name (SdRegionStatus *self)
{
  const char *name;

  g_return_val_if_fail (SD_IS_REGION_STATUS (self), NULL);
  name = sd_aws_region_display_name (self->region);
  return name != NULL ? _(name) : self->region;
}

gboolean
sd_region_status_get_loading (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), FALSE);
  return self->loading;
}

const GError *
sd_region_status_get_error (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), NULL);
  return self->error;
}

gint64
sd_region_status_get_updated (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), 0);
  return self->updated;
}

SdSandboxState
sd_region_status_get_state (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), SD_SANDBOX_STATE_UNKNOWN);
  return self->state;
}

double
sd_region_status_get_max_24_hour_send (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), 0);
  return self->max_24_hour_send;
}

double
sd_region_status_get_max_send_rate (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), 0);
  return self->max_send_rate;
}

double
sd_region_status_get_sent_last_24_hours (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), 0);
  return self->sent_last_24_hours;
}

gboolean
sd_region_status_get_sending_enabled (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), FALSE);
  return self->sending_enabled;
}

const char *
sd_region_status_get_enforcement_status (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), NULL);
  return self->enforcement_status;
}

const char *
sd_region_status_get_review_case_id (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), NULL);
  return self->review_case_id;
}

gboolean
sd_region_status_get_auto_warmup (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), FALSE);
  return self->auto_warmup;
}

GPtrArray *
sd_region_status_get_dedicated_ips (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), NULL);
  return self->dedicated_ips;
}

GPtrArray *
sd_region_status_get_pools (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), NULL);
  return self->pools;
}

guint
sd_region_status_get_n_dedicated_ips (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), 0);
  return self->dedicated_ips->len;
}

guint
sd_region_status_get_n_warming (SdRegionStatus *self,
                                int            *mean_percentage)
{
  guint n = 0;
  int sum = 0;

  g_return_val_if_fail (SD_IS_REGION_STATUS (self), 0);

  for (guint i = 0; i < self->dedicated_ips->len; i++)
    {
      const SdDedicatedIp *ip = g_ptr_array_index (self->dedicated_ips, i);

      if (ip->warmup_status == SD_WARMUP_IN_PROGRESS)
        {
          n++;
          sum += CLAMP (ip->warmup_percentage, 0, 100);
        }
    }
  if (mean_percentage != NULL)
    *mean_percentage = n > 0 ? sum / (int) n : 0;
  return n;
}

GPtrArray *
sd_region_status_compute_warnings (SdRegionStatus *self)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func (warning_free);
  guint n_standard = 0;
  guint n_warming;
  int mean = 0;

  g_return_val_if_fail (SD_IS_REGION_STATUS (self), warnings);

  if (self->state == SD_SANDBOX_STATE_UNKNOWN)
    return warnings;

  if (self->state != SD_SANDBOX_STATE_PRODUCTION)
    add_warning (warnings, SD_WARNING_SANDBOX_LIMITS,
                 g_strdup (_("Sandbox limits apply")),
                 g_strdup (_("In the sandbox you can send only 200 messages a day, 1 a second, and only to verified addresses.")));

  for (guint i = 0; i < self->dedicated_ips->len; i++)
    {
      const SdDedicatedIp *ip = g_ptr_array_index (self->dedicated_ips, i);

      if (ip->warmup_status != SD_WARMUP_NOT_APPLICABLE)
        n_standard++;
    }
  if (n_standard > 0 && n_standard < 3)
    add_warning (warnings, SD_WARNING_FEW_DEDICATED_IPS,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Only %u standard dedicated IP",
                                               "Only %u standard dedicated IPs", n_standard),
                                  n_standard),
                 g_strdup (_("With fewer than 3 dedicated IPs your sending is not spread over several availability zones, so one outage stops it.")));

  for (guint i = 0; i < self->pools->len; i++)
    {
      const SdIpPool *pool = g_ptr_array_index (self->pools, i);

      if (pool->n_ips == 1 && g_strcmp0 (pool->scaling_mode, "MANAGED") != 0)
        add_warning (warnings, SD_WARNING_POOL_OF_ONE,
                     g_strdup_printf (_("Pool “%s” has a single IP"), pool->name),
                     g_strdup (_("A pool of one IP has no spare: if that address is blocked or under maintenance, the pool's mail cannot go out.")));
    }

  n_warming = sd_region_status_get_n_warming (self, &mean);
  if (n_warming > 0)
    add_warning (warnings, SD_WARNING_WARMUP_IN_PROGRESS,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u dedicated IP warming up (%d%%)",
                                               "%u dedicated IPs warming up (%d%% on average)", n_warming),
                                  n_warming, mean),
                 g_strdup (_("A new dedicated IP has no reputation yet: send gradually more through it until warm-up is done, or mailbox providers may throttle or reject the mail.")));

  return warnings;
}

void
sd_region_status_set_loading (SdRegionStatus *self,
                              gboolean        loading)
{
  g_return_if_fail (SD_IS_REGION_STATUS (self));

  loading = !!loading;
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
sd_region_status_apply (SdRegionStatus *self,
                        JsonObject     *account,
                        GPtrArray      *dedicated_ips,
                        GPtrArray      *pools,
                        gint64          now)
{
  JsonObject *quota;
  JsonObject *review;
  g_autoptr(GHashTable) ips_per_pool = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (SD_IS_REGION_STATUS (self));
  g_return_if_fail (account != NULL);

  quota = sd_json_get_object (account, "SendQuota");
  review = sd_json_get_object (sd_json_get_object (account, "Details"), "ReviewDetails");

  self->state = sd_sandbox_state_from_account (sd_json_get_boolean (account, "ProductionAccessEnabled", FALSE),
                                               sd_json_get_string (review, "Status"));
  self->max_24_hour_send = sd_json_get_double (quota, "Max24HourSend", 0);
  self->max_send_rate = sd_json_get_double (quota, "MaxSendRate", 0);
  self->sent_last_24_hours = sd_json_get_double (quota, "SentLast24Hours", 0);
  self->sending_enabled = sd_json_get_boolean (account, "SendingEnabled", FALSE);
  self->auto_warmup = sd_json_get_boolean (account, "DedicatedIpAutoWarmupEnabled", FALSE);
  g_free (self->enforcement_status);
  self->enforcement_status = g_strdup (sd_json_get_string (account, "EnforcementStatus"));
  g_free (self->review_case_id);
  self->review_case_id = g_strdup (sd_json_get_string (review, "CaseId"));

  g_ptr_array_set_size (self->dedicated_ips, 0);
  for (guint i = 0; dedicated_ips != NULL && i < dedicated_ips->len; i++)
    {
      JsonObject *object = g_ptr_array_index (dedicated_ips, i);
      SdDedicatedIp *ip;

      if (sd_json_get_string (object, "Ip") == NULL)
        continue;
      ip = g_new0 (SdDedicatedIp, 1);
      ip->ip = g_strdup (sd_json_get_string (object, "Ip"));
      ip->pool_name = g_strdup (sd_json_get_string (object, "PoolName"));
      ip->warmup_status = warmup_status_from_string (sd_json_get_string (object, "WarmupStatus"));
      ip->warmup_percentage = (int) sd_json_get_double (object, "WarmupPercentage", 0);
      /* Older accounts report a finished standard IP as 1 %: DONE is what counts. */
      if (ip->warmup_status == SD_WARMUP_DONE)
        ip->warmup_percentage = 100;
      g_ptr_array_add (self->dedicated_ips, ip);
      if (ip->pool_name != NULL)
        g_hash_table_insert (ips_per_pool, ip->pool_name,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (ips_per_pool, ip->pool_name)) + 1));
    }

  g_ptr_array_set_size (self->pools, 0);
  for (guint i = 0; pools != NULL && i < pools->len; i++)
    {
      JsonObject *object = g_ptr_array_index (pools, i);
      SdIpPool *pool;

      if (sd_json_get_string (object, "PoolName") == NULL)
        continue;
      pool = g_new0 (SdIpPool, 1);
      pool->name = g_strdup (sd_json_get_string (object, "PoolName"));
      pool->scaling_mode = g_strdup (sd_json_get_string (object, "ScalingMode"));
      pool->n_ips = GPOINTER_TO_UINT (g_hash_table_lookup (ips_per_pool, pool->name));
      g_ptr_array_add (self->pools, pool);
    }

  g_clear_error (&self->error);
  self->updated = now;
  notify_all (self);
}

void
sd_region_status_set_error (SdRegionStatus *self,
                            const GError   *error)
{
  g_return_if_fail (SD_IS_REGION_STATUS (self));

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  notify_all (self);
}

SdRegionHealth *
sd_region_status_get_health (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), NULL);
  return self->health;
}

SdHealthLevel
sd_region_status_get_health_level (SdRegionStatus *self)
{
  g_return_val_if_fail (SD_IS_REGION_STATUS (self), SD_HEALTH_LEVEL_UNKNOWN);

  if (self->updated == 0)
    return SD_HEALTH_LEVEL_UNKNOWN;
  return sd_health_level_compute (self->enforcement_status, self->sending_enabled,
                                  sd_region_health_get_rate (self->health, SD_HEALTH_RATE_BOUNCE),
                                  sd_region_health_get_rate (self->health, SD_HEALTH_RATE_COMPLAINT));
}

SdRegionFacts *
sd_region_status_dup_facts (SdRegionStatus *self)
{
  SdRegionFacts *facts;
  g_autoptr(GStrvBuilder) warm = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) warming = g_strv_builder_new ();

  g_return_val_if_fail (SD_IS_REGION_STATUS (self), NULL);

  if (self->updated == 0)
    return NULL;

  facts = sd_region_facts_new (self->profile, self->region);
  facts->access = g_strdup (sd_sandbox_state_to_id (self->state));
  facts->enforcement_status = g_strdup (self->enforcement_status);
  facts->sending_enabled = self->sending_enabled;
  facts->bounce_band = sd_region_health_get_band (self->health, SD_HEALTH_RATE_BOUNCE);
  facts->complaint_band = sd_region_health_get_band (self->health, SD_HEALTH_RATE_COMPLAINT);
  facts->max_24_hour_send = self->max_24_hour_send;
  for (guint i = 0; i < self->dedicated_ips->len; i++)
    {
      const SdDedicatedIp *ip = g_ptr_array_index (self->dedicated_ips, i);

      if (ip->warmup_status == SD_WARMUP_DONE)
        g_strv_builder_add (warm, ip->ip);
      else if (ip->warmup_status == SD_WARMUP_IN_PROGRESS)
        g_strv_builder_add (warming, ip->ip);
    }
  facts->warm_ips = g_strv_builder_end (warm);
  facts->warming_ips = g_strv_builder_end (warming);
  return facts;
}

void
sd_region_status_set_health (SdRegionStatus *self,
                             SdRegionHealth *health)
{
  g_return_if_fail (SD_IS_REGION_STATUS (self));
  g_return_if_fail (SD_IS_REGION_HEALTH (health));

  g_set_object (&self->health, health);
}
