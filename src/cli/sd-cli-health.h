/* sd-cli-health.h — sending health on the command line: JSON members, a monitoring plugin, Prometheus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include "sd-region-status.h"

G_BEGIN_DECLS

/* Adds "health", "bounce_rate", "complaint_rate", "sends_14d", "days",
 * "daily", "health_source" and "missing_permission" to the object being
 * built. */
void sd_cli_health_add_json        (JsonBuilder    *builder,
                                    SdRegionStatus *status);
/* Prints the Nagios/Icinga plugin output for @model (of SdRegionStatus) and
 * returns its exit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. */
int  sd_cli_health_print_check     (GListModel     *model);
/* Prints @model in the Prometheus text format. */
void sd_cli_health_print_prometheus (GListModel    *model);

G_END_DECLS
