/* sd-health-format.h — health levels, days and figures in words and glyphs for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "sd-health.h"
#include "sd-region-health.h"

G_BEGIN_DECLS

/* The symbolic icon that goes with @level's colour, so that the level does
 * not rest on colour alone; NULL for SD_HEALTH_LEVEL_UNKNOWN. Static. */
const char *sd_health_level_icon_name   (SdHealthLevel level);
/* The CSS class of @level's badge and glyph ("health-healthy", …,
 * "health-unknown"). Static. */
const char *sd_health_level_css_class   (SdHealthLevel level);
/* Shows @level on @badge (a label) and @icon (nullable): text, glyph and
 * colour class. */
void        sd_health_level_show        (SdHealthLevel level,
                                         GtkLabel     *badge,
                                         GtkImage     *icon);
/* A day (unix time of its UTC midnight) for people: @brief gives the short
 * form of chart axes ("Dec 6"), otherwise the locale's date. Newly allocated. */
char       *sd_health_format_day        (gint64        day,
                                         gboolean      brief);
/* @value of @metric for people: a count with the locale's grouping, a rate
 * in percent, "No data" for NAN. Newly allocated. */
char       *sd_health_format_value      (SdHealthMetric metric,
                                         double         value);
/* "Review at 5 %, pause risk at 10 %": AWS's lines for @rate. Newly allocated. */
char       *sd_health_format_lines      (SdHealthRate   rate);

G_END_DECLS
