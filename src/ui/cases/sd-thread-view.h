/* sd-thread-view.h — a case's messages, scrolled: only those in view have widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SD_TYPE_THREAD_VIEW (sd_thread_view_get_type ())
G_DECLARE_FINAL_TYPE (SdThreadView, sd_thread_view, SD, THREAD_VIEW, GtkWidget)

/* Creates an empty view. */
GtkWidget  *sd_thread_view_new             (void);
/* Shows the SdCommunication items of @model. */
void        sd_thread_view_set_model       (SdThreadView *self,
                                            GListModel   *model);
/* Scrolls to the first message. */
void        sd_thread_view_scroll_to_start (SdThreadView *self);
/* Scrolls to the last message, and stays there as messages join. */
void        sd_thread_view_scroll_to_end   (SdThreadView *self);
/* Puts the keyboard in the thread: on the message focused last, else on
 * the one the view shows (the last one when the view is at the end), moving
 * the view as little as it can. FALSE when there is no message. */
gboolean    sd_thread_view_focus_messages  (SdThreadView *self);
/* For the benchmark: how many rows were bound so far, and the time it took. */
void        sd_thread_view_get_bind_stats  (SdThreadView *self,
                                            guint        *n_binds,
                                            gint64       *bind_usec);

G_END_DECLS
