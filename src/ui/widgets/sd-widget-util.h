/* sd-widget-util.h — small fixes the app's widgets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* GTK 4.8 leaves the pages a stack does not show in the accessible tree:
 * marks every page but the visible one hidden. Called once after the
 * template is built, and as the stack's notify::visible-child handler
 * declared in the template (`handler="sd_stack_sync_hidden"`). */
void sd_stack_sync_hidden (GtkStack *stack);

/* A list factory's rows that are alive now: @row joins @rows and leaves it
 * when the list drops it (lists create and drop rows as they scroll).
 * sd_live_rows_clear() forgets them all, in the owner's dispose. */
void sd_live_rows_add   (GPtrArray *rows,
                         GtkWidget *row);
void sd_live_rows_clear (GPtrArray *rows);

/* Shows @text in @overlay for @timeout seconds. @text is plain text, often
 * a server's error message or a file path: libadwaita takes a toast's title
 * as markup, so it is made one safe line and escaped here. Every toast of
 * the app goes through this. */
void sd_toast_show         (AdwToastOverlay *overlay,
                            const char      *text,
                            guint            timeout);

G_END_DECLS
