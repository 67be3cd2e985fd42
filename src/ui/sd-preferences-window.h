/* sd-preferences-window.h — the Preferences window and the settings' helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The settings of the schema io.github.sesdesk.SesDesk, shown and changed
 * at once (GSettings): default account, default support language, refresh
 * interval and notifications. */
#define SD_TYPE_PREFERENCES_WINDOW (sd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SdPreferencesWindow, sd_preferences_window, SD, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Shows the Preferences window of @application (one at a time) over its
 * active window. Without the settings' schema it says so in the log and
 * shows nothing. */
void       sd_preferences_window_present  (GtkApplication *application);

G_END_DECLS
