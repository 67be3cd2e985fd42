/* sd-changes-window.h — what changed in every region, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SD_TYPE_CHANGES_WINDOW (sd_changes_window_get_type ())
G_DECLARE_FINAL_TYPE (SdChangesWindow, sd_changes_window, SD, CHANGES_WINDOW, AdwWindow)

/* Shows the application's Changes window (made the first time) listing
 * @changes (of SdChange, newest first); a row opens its region through
 * "app.show-region". */
void sd_changes_window_present (GtkApplication *application,
                                GListModel     *changes);

G_END_DECLS
