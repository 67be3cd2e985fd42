/* sd-request-util.h — small helpers shared by the request dialogs and the outbox views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sd-outbox-entry.h"
#include "sd-request.h"

G_BEGIN_DECLS

/* The region's name in the UI language ("Europe (Ireland)"), or its code. */
const char *sd_request_util_region_name   (const char    *region);
/* "Europe (Ireland) (eu-west-1)". Newly allocated. */
char       *sd_request_util_region_label  (const char    *region);
/* The badge class for an outbox state (see style.css: .badge.*). */
const char *sd_request_util_state_class   (SdOutboxState  state);
/* Opens @case_id of @profile in the cases window (app.show-case). */
void        sd_request_util_show_case     (GtkWidget     *widget,
                                           const char    *profile,
                                           const char    *case_id);
/* Opens @uri in the browser; when that fails, says so in @fallback_label
 * (nullable) with the address to open by hand. */
void        sd_request_util_open_uri      (GtkWidget     *widget,
                                           const char    *uri,
                                           GtkLabel      *fallback_label);
/* A label of @text that starts at the left and wraps, between words or
 * inside a long one. */
GtkWidget  *sd_request_util_wrapped_label (const char    *text);
/* An entry's one-line description: "Europe (Ireland) · profile · SD-7F3K2Q · 1234 · time". Newly allocated. */
char       *sd_request_util_entry_summary (SdOutboxEntry *entry);
/* The case an entry's "Open Case" opens, or NULL. */
const char *sd_request_util_entry_case    (SdOutboxEntry *entry);

G_END_DECLS
