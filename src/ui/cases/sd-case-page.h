/* sd-case-page.h — one case's conversation: messages, reply, resolve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sd-case-thread.h"
#include "sd-case-reply.h"

G_BEGIN_DECLS

/* Shows an SdCaseThread: every message in a virtualized list (oldest or
 * newest first), the offline and error states, attachments to save, the
 * reply composer and Resolve. Signals: "refreshed" (the thread was loaded
 * from AWS: the case has been read). Its back button activates
 * "cases.back". */
#define SD_TYPE_CASE_PAGE (sd_case_page_get_type ())
G_DECLARE_FINAL_TYPE (SdCasePage, sd_case_page, SD, CASE_PAGE, AdwBin)

/* Creates an empty case page. */
GtkWidget    *sd_case_page_new         (void);
/* Shows @thread and edits @reply in the composer; loads the saved thread,
 * then refreshes it (both NULL: nothing). */
void          sd_case_page_set_thread  (SdCasePage   *self,
                                        SdCaseThread *thread,
                                        SdCaseReply  *reply);
/* The thread shown, or NULL. */
SdCaseThread *sd_case_page_get_thread  (SdCasePage   *self);
/* Loads the thread from AWS again. */
void          sd_case_page_refresh     (SdCasePage   *self);
/* In a folded window: a back button, and the window buttons on the left too. */
void          sd_case_page_set_folded  (SdCasePage   *self,
                                        gboolean      folded);
/* Opens the composer and attaches @file. */
void          sd_case_page_attach_file (SdCasePage   *self,
                                        GFile        *file);
/* Puts the keyboard in the messages; FALSE when none is shown. */
gboolean      sd_case_page_focus_messages (SdCasePage *self);
/* Shows a short message over the page. */
void          sd_case_page_toast       (SdCasePage   *self,
                                        const char   *text);

G_END_DECLS
