/* sd-cli-health.h — sending health on the command line: JSON members, a monitoring plugin, Prometheus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include "sd-region-status.h"

G_BEGIN_DECLS

/* Exit statuses of `check`, the monitoring plugin convention. */
enum {
  SD_CLI_PLUGIN_OK = 0,
  SD_CLI_PLUGIN_WARNING = 1,
  SD_CLI_PLUGIN_CRITICAL = 2,
  SD_CLI_PLUGIN_UNKNOWN = 3,
};

/* Adds "health", "bounce_rate", "complaint_rate", "sends_14d", "days",
 * "daily", "health_source" and "missing_permission" to the object being
 * built. */
void sd_cli_health_add_json        (JsonBuilder    *builder,
                                    SdRegionStatus *status);
/* Prints the Nagios/Icinga plugin output for @model (of SdRegionStatus) and
 * returns its exit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. The
 * perfdata has the count of regions at each level, and each region's two
 * rates in percent with AWS's lines as warning and critical thresholds
 * ("U" for no data). */
int  sd_cli_health_print_check     (GListModel     *model);
/* Prints @model in the Prometheus text format; @accounts (nullable) maps a
 * profile to its account id, the `account` label (empty when unknown). */
void sd_cli_health_print_prometheus (GListModel    *model,
                                     GHashTable    *accounts);

G_END_DECLS
