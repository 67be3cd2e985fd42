/* sd-case-thread-journal.h — a reply on its way, recorded before it leaves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sd-case-cache.h"

G_BEGIN_DECLS

/* AddCommunicationToCase has no idempotency token: a reply that failed
 * ambiguously (connection lost, timeout, 5xx) may have arrived. Each reply
 * is recorded (written, fsync'd, renamed) before it is sent, one per case;
 * the thread settles it by looking for its text among the messages, and
 * nothing sends it again before that. The record is a state document
 * "reply-<case id>" of SdCaseCache: {version, case_id, body, cc,
 * attachment_set_id, started_us (unix time in µs), state ("sending" | "uncertain")}. */

/* sd_case_thread_journal_begin: records a reply about to be sent, durably. */
gboolean    sd_case_thread_journal_begin     (SdCaseCache        *cache,
                                              const char         *profile,
                                              const char         *case_id,
                                              const char         *body,
                                              const char * const *cc,
                                              const char         *attachment_set_id,
                                              gint64              started_us,
                                              GError            **error);
/* sd_case_thread_journal_set_state: records what became of the send. */
gboolean    sd_case_thread_journal_set_state (SdCaseCache  *cache,
                                              const char   *profile,
                                              const char   *case_id,
                                              const char   *state,
                                              GError      **error);
/* The record, or NULL when no reply to @case_id is unsettled. */
JsonObject *sd_case_thread_journal_read      (SdCaseCache *cache,
                                              const char  *profile,
                                              const char  *case_id);
/* sd_case_thread_journal_remove: the reply is settled. */
void        sd_case_thread_journal_remove    (SdCaseCache *cache,
                                              const char  *profile,
                                              const char  *case_id);

G_END_DECLS
