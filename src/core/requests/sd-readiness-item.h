/* sd-readiness-item.h — one item of the production-access readiness checklist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  SD_READINESS_VERIFIED_IDENTITY,   /* at least one verified identity in the region */
  SD_READINESS_DKIM,                /* DKIM verified for the domains */
  SD_READINESS_SUPPRESSION_LIST,    /* account-level suppression for bounces and complaints */
  SD_READINESS_SENDING_RATES,       /* bounce and complaint rates under AWS's review lines
                                     * (docs/health.md): over them AWS turns requests down */
} SdReadinessKind;

typedef enum {
  SD_READINESS_UNKNOWN,   /* could not be checked (the reason is in the detail) */
  SD_READINESS_DONE,
  SD_READINESS_TO_DO,
} SdReadinessStatus;

#define SD_TYPE_READINESS_KIND   (sd_readiness_kind_get_type ())
#define SD_TYPE_READINESS_STATUS (sd_readiness_status_get_type ())
GType sd_readiness_kind_get_type   (void) G_GNUC_CONST;
GType sd_readiness_status_get_type (void) G_GNUC_CONST;

/* One item of the readiness checklist. Properties "region", "kind",
 * "status", "title", "detail" (what is there, or what to do). */
#define SD_TYPE_READINESS_ITEM (sd_readiness_item_get_type ())
G_DECLARE_FINAL_TYPE (SdReadinessItem, sd_readiness_item, SD, READINESS_ITEM, GObject)

const char        *sd_readiness_item_get_region (SdReadinessItem *self);
SdReadinessKind    sd_readiness_item_get_kind   (SdReadinessItem *self);
SdReadinessStatus  sd_readiness_item_get_status (SdReadinessItem *self);
/* "At least one verified identity", translated. */
const char        *sd_readiness_item_get_title  (SdReadinessItem *self);
/* What was found, and when not done what to do, translated. */
const char        *sd_readiness_item_get_detail (SdReadinessItem *self);
/* A new item; takes @detail. */
SdReadinessItem   *sd_readiness_item_new        (const char        *region,
                                                 SdReadinessKind    kind,
                                                 SdReadinessStatus  status,
                                                 char              *detail);

G_END_DECLS
