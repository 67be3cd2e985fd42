/* sd-thread-body.h — a message body: safe text with http(s) links, wrapped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sd-safe-text.h"

G_BEGIN_DECLS

/* A selectable, wrapping label for an SdSafeText: plain text, with its link
 * ranges clickable (only http and https ever open). Unlike a bare GtkLabel
 * it never asks the text for its narrowest layout (one line per word): a
 * list of a thousand messages measures each body once, at its width. */
#define SD_TYPE_THREAD_BODY (sd_thread_body_get_type ())
G_DECLARE_FINAL_TYPE (SdThreadBody, sd_thread_body, SD, THREAD_BODY, GtkWidget)

/* Creates an empty body. */
GtkWidget *sd_thread_body_new      (void);
/* Shows @text (nullable: nothing). */
void       sd_thread_body_set_text (SdThreadBody     *self,
                                    const SdSafeText *text);

G_END_DECLS
