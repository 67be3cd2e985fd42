/* sd-outbox-row.h — one request on its way to AWS: state, message, what to do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sd-outbox-entry.h"

G_BEGIN_DECLS

#define SD_TYPE_OUTBOX_ROW (sd_outbox_row_get_type ())
G_DECLARE_FINAL_TYPE (SdOutboxRow, sd_outbox_row, SD, OUTBOX_ROW, GtkListBoxRow)

/* A row that follows @entry: its state as a badge, its message, and the
 * actions that fit it (send again, check now, open the case, copy the text
 * and open the Support Center, edit the request, dismiss). */
GtkWidget     *sd_outbox_row_new       (SdOutboxEntry *entry);
SdOutboxEntry *sd_outbox_row_get_entry (SdOutboxRow   *self);
/* Leaves out the request's title (where the page already says it). */
void           sd_outbox_row_set_compact (SdOutboxRow *self,
                                          gboolean     compact);

G_END_DECLS
