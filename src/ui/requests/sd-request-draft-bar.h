/* sd-request-draft-bar.h — the offer to continue an unsent draft of the same request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A section of the request dialog's form page: says when the draft was
 * last changed, with Discard Draft (::discard) and Continue Draft
 * (::continue) buttons. Hidden until offered. */
#define SD_TYPE_REQUEST_DRAFT_BAR (sd_request_draft_bar_get_type ())
G_DECLARE_FINAL_TYPE (SdRequestDraftBar, sd_request_draft_bar, SD, REQUEST_DRAFT_BAR, AdwBin)

/* Shows the offer of a draft last changed at @modified (Unix time). */
void sd_request_draft_bar_offer          (SdRequestDraftBar *self,
                                          gint64             modified);
/* Moves the focus to Continue Draft. */
void sd_request_draft_bar_focus_continue (SdRequestDraftBar *self);

G_END_DECLS
