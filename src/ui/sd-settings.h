/* sd-settings.h — the application's settings (GSettings)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* "refresh-interval" when there are no settings to read. */
#define SD_SETTINGS_DEFAULT_INTERVAL_MIN 15

/* The settings of the schema io.github.sesdesk.SesDesk, or NULL when the
 * schema is not installed (a build run from its folder without
 * GSETTINGS_SCHEMA_DIR): then the defaults hold. */
GSettings *sd_settings_new             (void);

/* "refresh-interval" in seconds; 0 = background refresh off. Tests set
 * SD_REFRESH_SECONDS=N to make one unit of the setting N seconds rather
 * than a minute (60). @settings may be NULL. */
guint      sd_settings_refresh_seconds (GSettings *settings);

G_END_DECLS
