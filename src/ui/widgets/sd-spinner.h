/* sd-spinner.h — a spinner drawn by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Like GtkSpinner, but drawn as an arc rather than from the icon theme's
 * process-working SVG: a dashboard shows one per region while it loads, and
 * loading the SVG renderer for it costs several megabytes. */
#define SD_TYPE_SPINNER (sd_spinner_get_type ())
G_DECLARE_FINAL_TYPE (SdSpinner, sd_spinner, SD, SPINNER, GtkWidget)

/* Creates a spinner, not spinning. */
GtkWidget *sd_spinner_new          (void);
/* Starts or stops the spinner. */
void       sd_spinner_set_spinning (SdSpinner *self,
                                    gboolean   spinning);
/* Whether the spinner spins. */
gboolean   sd_spinner_get_spinning (SdSpinner *self);

G_END_DECLS
