/* sd-case-reply-area.h — the foot of a case page: the Reply button, a hint, and the composer it opens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sd-case-reply.h"
#include "sd-case-thread.h"

G_BEGIN_DECLS

/* A section of the case page: the Reply toggle (the page's "page.reply"
 * action), a hint beside it, and an SdReplyBox that slides up when open.
 * Signals: "sent" (the composer's reply went to AWS). */
#define SD_TYPE_CASE_REPLY_AREA (sd_case_reply_area_get_type ())
G_DECLARE_FINAL_TYPE (SdCaseReplyArea, sd_case_reply_area, SD, CASE_REPLY_AREA, AdwBin)

/* The composer writes @reply on @thread (both NULL: nothing). */
void     sd_case_reply_area_bind        (SdCaseReplyArea *self,
                                         SdCaseThread    *thread,
                                         SdCaseReply     *reply);
/* Whether the composer is open. */
gboolean sd_case_reply_area_get_open    (SdCaseReplyArea *self);
/* Opens or closes the composer (and presses the Reply button with it). */
void     sd_case_reply_area_set_open    (SdCaseReplyArea *self,
                                         gboolean         open);
/* Puts the keyboard in the composer. */
void     sd_case_reply_area_focus       (SdCaseReplyArea *self);
/* The hint beside the Reply button (plain text; "" for none). */
void     sd_case_reply_area_set_hint    (SdCaseReplyArea *self,
                                         const char      *hint);
/* Opens the composer and attaches @file. */
void     sd_case_reply_area_attach_file (SdCaseReplyArea *self,
                                         GFile           *file);

G_END_DECLS
