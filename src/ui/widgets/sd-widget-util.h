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

/* A factory for a drop-down of GtkStringObjects (account and profile
 * names): each row a label, left-aligned, ellipsized past
 * @max_width_chars. Returns a new reference. */
GtkListItemFactory *sd_string_label_factory_new (int max_width_chars);

/* Sets @label's text, wrapping it only when it is wider than @width
 * pixels on one line. GTK 4.8 lays a wrapping label's text out again
 * (shaping it anew) for each width it is measured at, and a list measures
 * every row it shows each time one of them changes; a label that does not
 * wrap keeps one layout. Give @width the narrowest the label can be
 * given: a text that fits it fits any wider label, and a longer one wraps
 * as before. */
void sd_label_set_text_wrapping_over (GtkLabel   *label,
                                      const char *text,
                                      int         width);

G_END_DECLS
