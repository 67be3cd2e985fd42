/* sd-cases-window.h — AWS Support cases and their threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SD_TYPE_CASES_WINDOW (sd_cases_window_get_type ())
G_DECLARE_FINAL_TYPE (SdCasesWindow, sd_cases_window, SD, CASES_WINDOW, AdwApplicationWindow)

/* Shows the application's cases window (creating it when needed); with
 * @case_id (a case id or display id), opens that case's thread. */
void sd_cases_window_present (GtkApplication *application,
                              const char     *profile,
                              const char     *case_id);

G_END_DECLS
