/* sd-fleet.h — the accounts × regions overview of a dashboard (a model, no widgets)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "sd-region-status.h"

G_BEGIN_DECLS

typedef enum {
  SD_FLEET_SORT_NAME,   /* by account name, then key */
  SD_FLEET_SORT_WORST,  /* the worst region first (sd_fleet_get_severity()), then by name */
} SdFleetSort;

#define SD_TYPE_FLEET (sd_fleet_get_type ())
G_DECLARE_FINAL_TYPE (SdFleet, sd_fleet, SD, FLEET, GObject)

/* A fleet over @region_statuses (a GListModel of SdRegionStatus: the
 * dashboard's model); a reference is taken. Rows are the accounts (one per
 * profile), sorted by name until sd_fleet_sort() says otherwise. */
SdFleet            *sd_fleet_new                 (GListModel *region_statuses);
/* The number of rows. */
guint               sd_fleet_get_n_accounts      (SdFleet *self);
/* The account of @row for people (sd_region_status_get_account_name()). */
const char         *sd_fleet_get_account_name    (SdFleet *self,
                                                  guint    row);
/* The account of @row's key: its profile. */
const char         *sd_fleet_get_account_key     (SdFleet *self,
                                                  guint    row);
/* The account id of @row, or NULL while unknown. */
const char         *sd_fleet_get_account_id      (SdFleet *self,
                                                  guint    row);
/* The columns: with @all_regions every region of any account; otherwise
 * only those where some account does anything (production or a review under
 * way, dedicated IPs, mail sent in the last 24 hours), in the order of the
 * model. NULL-terminated; owned by @self, valid until the next "changed". */
const char * const *sd_fleet_get_regions         (SdFleet  *self,
                                                  gboolean  all_regions);
/* The region @region of @row, or NULL when that account has no such region. */
SdRegionStatus     *sd_fleet_get_cell            (SdFleet    *self,
                                                  guint       row,
                                                  const char *region);
/* The row of the account whose key is @key, or −1. */
int                 sd_fleet_find_account        (SdFleet    *self,
                                                  const char *key);
/* How bad @status is, for sorting: 0 is best. A region that failed ranks
 * first, then the health levels of src/core/health from paused down, then
 * the sandbox states (denied, failed, pending, sandbox, production). */
guint               sd_fleet_get_severity        (SdRegionStatus *status);
/* Sorts the rows; emits "changed". */
void                sd_fleet_sort                (SdFleet     *self,
                                                  SdFleetSort  how);
/* The current order. */
SdFleetSort         sd_fleet_get_sort            (SdFleet *self);

/* Signal "changed" (no arguments): rows, columns or cells changed (the
 * model's items-changed, or a region's state after a load). */

G_END_DECLS
