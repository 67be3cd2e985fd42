/* sd-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SD_TYPE_WINDOW (sd_window_get_type ())
G_DECLARE_FINAL_TYPE (SdWindow, sd_window, SD, WINDOW, AdwApplicationWindow)

/* Creates the main window of @application. */
SdWindow *sd_window_new (AdwApplication *application);
/* Opens @region of @profile (NULL: the default profile) in detail, once the
 * dashboard has it. */
void      sd_window_show_region (SdWindow   *self,
                                 const char *profile,
                                 const char *region);

G_END_DECLS
