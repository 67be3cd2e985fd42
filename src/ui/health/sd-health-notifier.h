/* sd-health-notifier.h — the application's change log, its notifications and the "app.changes" action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include "sd-change-log.h"

G_BEGIN_DECLS

#define SD_TYPE_HEALTH_NOTIFIER (sd_health_notifier_get_type ())
G_DECLARE_FINAL_TYPE (SdHealthNotifier, sd_health_notifier, SD, HEALTH_NOTIFIER, GObject)

/* The application's notifier, made (with the "app.changes" action, which
 * opens the Changes window) the first time it is asked for. It turns every change the log finds into a desktop
 * notification that opens the region (several at once become one), unless
 * notifications are off in the preferences. Owned by @application. */
SdHealthNotifier *sd_health_notifier_get            (GtkApplication   *application);
/* The change log every dashboard of the application feeds. Its list is
 * read from disk when the Changes window first opens, or given by the first
 * update (sd_change_log_update_async() reads the file on a thread): a
 * fleet's log held the main loop 15–20 ms as a refresh started. */
SdChangeLog      *sd_health_notifier_get_change_log (SdHealthNotifier *self);

G_END_DECLS
