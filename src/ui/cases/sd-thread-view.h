/* sd-thread-view.h — a case's messages, scrolled: only those in view have widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SD_TYPE_THREAD_VIEW (sd_thread_view_get_type ())
G_DECLARE_FINAL_TYPE (SdThreadView, sd_thread_view, SD, THREAD_VIEW, GtkWidget)

GtkWidget  *sd_thread_view_new             (void);
void        sd_thread_view_set_model       (SdThreadView *self,
                                            GListModel   *model);
void        sd_thread_view_scroll_to_start (SdThreadView *self);
void        sd_thread_view_scroll_to_end   (SdThreadView *self);
gboolean    sd_thread_view_focus_messages  (SdThreadView *self);
void        sd_thread_view_get_bind_stats  (SdThreadView *self,
                                            guint        *n_binds,
                                            gint64       *bind_usec);

G_END_DECLS
