/* sd-case-thread-area.h — a case's messages, or why they are not there: loading, an error, none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sd-case-thread.h"
#include "sd-communication.h"

G_BEGIN_DECLS

/* A section of the case page: a stack of the pages "loading", "error" (a
 * status page with Try Again and Open in Support Center, the page's
 * "page.refresh" and "page.open-support-center" actions), "empty" and
 * "messages" (an SdThreadView of the thread). Signals: "save-attachment"
 * (SdCommunicationAttachment: the user asked to save it). With
 * SD_BENCH_TIMINGS=1 it reports each burst of scrolling as a milestone. */
#define SD_TYPE_CASE_THREAD_AREA (sd_case_thread_area_get_type ())
G_DECLARE_FINAL_TYPE (SdCaseThreadArea, sd_case_thread_area, SD, CASE_THREAD_AREA, AdwBin)

/* Shows @thread's messages (NULL: none). */
void     sd_case_thread_area_set_thread      (SdCaseThreadArea *self,
                                              SdCaseThread     *thread);
/* Shows the page @page: "loading", "error", "empty" or "messages". */
void     sd_case_thread_area_set_page        (SdCaseThreadArea *self,
                                              const char       *page);
/* What the error page says: @title, @icon_name and @message (plain text). */
void     sd_case_thread_area_set_error       (SdCaseThreadArea *self,
                                              const char       *title,
                                              const char       *icon_name,
                                              const char       *message);
/* Brings the newest message in view: at the start when @newest_first. */
void     sd_case_thread_area_scroll_to_newest (SdCaseThreadArea *self,
                                               gboolean          newest_first);
/* Puts the keyboard in the messages; FALSE when none is shown. */
gboolean sd_case_thread_area_focus_messages  (SdCaseThreadArea *self);

G_END_DECLS
