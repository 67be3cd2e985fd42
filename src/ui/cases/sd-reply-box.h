/* sd-reply-box.h — the reply composer of a case's thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sd-case-thread.h"
#include "sd-case-reply.h"

G_BEGIN_DECLS

/* Edits an SdCaseReply (body, cc, up to 3 attachments; the reply keeps its
 * draft) and sends it to its SdCaseThread at most once, saying where the
 * send stands. Files are attached with a file chooser, by dropping them on
 * the composer, or with sd_reply_box_attach_file(). Signals: "sent" (the
 * reply reached AWS Support). */
#define SD_TYPE_REPLY_BOX (sd_reply_box_get_type ())
G_DECLARE_FINAL_TYPE (SdReplyBox, sd_reply_box, SD, REPLY_BOX, AdwBin)

/* Creates an empty composer. */
GtkWidget   *sd_reply_box_new         (void);
/* Edits @reply for @thread (both NULL: nothing). */
void         sd_reply_box_bind        (SdReplyBox   *self,
                                       SdCaseThread *thread,
                                       SdCaseReply  *reply);
/* Attaches @file (its size and the count are checked; a refusal is shown). */
void         sd_reply_box_attach_file (SdReplyBox   *self,
                                       GFile        *file);
/* Moves the keyboard focus to the message. */
void         sd_reply_box_focus       (SdReplyBox   *self);

G_END_DECLS
