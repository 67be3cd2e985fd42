/* sd-region-status.h — one SES region of one account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include "sd-change-log.h"
#include "sd-health.h"
#include "sd-region-health.h"

G_BEGIN_DECLS

typedef enum {
  SD_SANDBOX_STATE_UNKNOWN,     /* not loaded yet, or the region failed */
  SD_SANDBOX_STATE_SANDBOX,
  SD_SANDBOX_STATE_PRODUCTION,
  SD_SANDBOX_STATE_PENDING,     /* a production-access review is under way */
  SD_SANDBOX_STATE_DENIED,
  SD_SANDBOX_STATE_FAILED,      /* the review request never reached AWS */
} SdSandboxState;

#define SD_TYPE_SANDBOX_STATE (sd_sandbox_state_get_type ())
GType           sd_sandbox_state_get_type      (void) G_GNUC_CONST;
/* "sandbox", "production", "pending", "denied", "failed" (NULL for unknown): for scripts. */
const char     *sd_sandbox_state_to_id         (SdSandboxState state);
/* The state in words for people, translated. */
const char     *sd_sandbox_state_to_label      (SdSandboxState state);
/* From GetAccount's ProductionAccessEnabled and Details.ReviewDetails.Status (nullable). */
SdSandboxState  sd_sandbox_state_from_account  (gboolean    production_access_enabled,
                                                const char *review_status);

typedef enum {
  SD_WARMUP_UNKNOWN,
  SD_WARMUP_IN_PROGRESS,
  SD_WARMUP_DONE,
  SD_WARMUP_NOT_APPLICABLE,     /* managed dedicated IPs */
} SdWarmupStatus;

/* One dedicated IP, as GetDedicatedIps reports it. */
typedef struct {
  char           *ip;
  char           *pool_name;          /* nullable */
  SdWarmupStatus  warmup_status;
  int             warmup_percentage;  /* −1 for managed IPs */
} SdDedicatedIp;

/* One dedicated IP pool. */
typedef struct {
  char     *name;
  char     *scaling_mode;   /* "STANDARD", "MANAGED", or NULL when unknown */
  guint     n_ips;
} SdIpPool;

/* A best-practice warning of the SES guide (docs/ses-guide.md), with its one-sentence reason. */
typedef enum {
  SD_WARNING_FEW_DEDICATED_IPS,   /* fewer than 3 standard dedicated IPs */
  SD_WARNING_POOL_OF_ONE,         /* a pool with one IP */
  SD_WARNING_WARMUP_IN_PROGRESS,
  SD_WARNING_SANDBOX_LIMITS,
} SdWarningKind;

typedef struct {
  SdWarningKind  kind;
  char          *title;   /* translated */
  char          *reason;  /* translated, one sentence */
} SdWarning;

#define SD_TYPE_REGION_STATUS (sd_region_status_get_type ())
G_DECLARE_FINAL_TYPE (SdRegionStatus, sd_region_status, SD, REGION_STATUS, GObject)

/* Creates the status of @region of @profile, not loaded yet. */
SdRegionStatus *sd_region_status_new                 (const char *profile,
                                                      const char *region);
/* The profile. */
const char     *sd_region_status_get_profile         (SdRegionStatus *self);
/* The account for people: its name in AWS Organizations, else the profile. */
const char     *sd_region_status_get_account_name    (SdRegionStatus *self);
/* The 12-digit account id, or NULL while unknown. */
const char     *sd_region_status_get_account_id      (SdRegionStatus *self);
/* The region code. */
const char     *sd_region_status_get_region          (SdRegionStatus *self);
/* The region's localized name ("Asia Pacific (Tokyo)"), or its code when unknown. */
const char     *sd_region_status_get_region_name     (SdRegionStatus *self);
/* Whether a load is under way. */
gboolean        sd_region_status_get_loading         (SdRegionStatus *self);
/* NULL when the last load succeeded. */
const GError   *sd_region_status_get_error           (SdRegionStatus *self);
/* Unix time of the last successful load, or 0. */
gint64          sd_region_status_get_updated         (SdRegionStatus *self);
/* The sandbox state. */
SdSandboxState  sd_region_status_get_state           (SdRegionStatus *self);
/* −1 means unlimited. */
double          sd_region_status_get_max_24_hour_send (SdRegionStatus *self);
/* The maximum send rate, per second. */
double          sd_region_status_get_max_send_rate   (SdRegionStatus *self);
/* Mail sent in the last 24 hours. */
double          sd_region_status_get_sent_last_24_hours (SdRegionStatus *self);
/* Whether sending is enabled. */
gboolean        sd_region_status_get_sending_enabled (SdRegionStatus *self);
/* "HEALTHY", "PROBATION", "SHUTDOWN", or NULL. */
const char     *sd_region_status_get_enforcement_status (SdRegionStatus *self);
/* The production-access review's case id, or NULL. */
const char     *sd_region_status_get_review_case_id  (SdRegionStatus *self);
/* Whether SES warms new dedicated IPs up automatically. */
gboolean        sd_region_status_get_auto_warmup     (SdRegionStatus *self);
/* Element type SdDedicatedIp; owned by @self. */
GPtrArray      *sd_region_status_get_dedicated_ips   (SdRegionStatus *self);
/* Element type SdIpPool; owned by @self. */
GPtrArray      *sd_region_status_get_pools           (SdRegionStatus *self);
/* How many dedicated IPs the region has. */
guint           sd_region_status_get_n_dedicated_ips (SdRegionStatus *self);
/* How many dedicated IPs are still warming up, and their mean warm-up percentage. */
guint           sd_region_status_get_n_warming       (SdRegionStatus *self,
                                                      int            *mean_percentage);
/* Element type SdWarning, in display order; newly allocated. */
GPtrArray      *sd_region_status_compute_warnings    (SdRegionStatus *self);

/* Sending health (docs/health.md). The figures of the last load: never NULL
 * (an empty SdRegionHealth, source NONE, before the first load); a new
 * object after each load, so keep a reference only as long as you show it.
 * The property "health" (SdRegionHealth) and "health-level" (SdHealthLevel)
 * are notified with the rest when a load is applied. */
SdRegionHealth *sd_region_status_get_health          (SdRegionStatus *self);
/* sd_health_level_compute() of the region's EnforcementStatus,
 * SendingEnabled and rates; SD_HEALTH_LEVEL_UNKNOWN until a load succeeded. */
SdHealthLevel   sd_region_status_get_health_level    (SdRegionStatus *self);
/* What the change log compares (sd_change_log_update_async()); NULL until a load
 * succeeded. Newly allocated. */
SdRegionFacts  *sd_region_status_dup_facts           (SdRegionStatus *self);

/* Loader side (src/core only). */
/* Names the account (NULL @name: the profile; @account_id nullable). */
void            sd_region_status_set_account         (SdRegionStatus *self,
                                                      const char     *name,
                                                      const char     *account_id);
void            sd_region_status_set_loading         (SdRegionStatus *self,
                                                      gboolean        loading);
/* Applies a whole load at once: GetAccount's answer, every dedicated IP
 * (JsonObjects of GetDedicatedIps pages, concatenated) and the pools
 * (GetDedicatedIpPool answers' DedicatedIpPool objects). */
void            sd_region_status_apply               (SdRegionStatus *self,
                                                      JsonObject     *account,
                                                      GPtrArray      *dedicated_ips,
                                                      GPtrArray      *pools,
                                                      gint64          now);
/* Records that the last load failed; the last good data stays. */
void            sd_region_status_set_error           (SdRegionStatus *self,
                                                      const GError   *error);
/* Sets the figures of the load being applied (a reference is taken); call
 * before sd_region_status_apply(), which notifies. */
void            sd_region_status_set_health          (SdRegionStatus *self,
                                                      SdRegionHealth *health);

G_END_DECLS
