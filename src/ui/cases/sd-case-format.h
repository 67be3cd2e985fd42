/* sd-case-format.h — cases and messages in words for people, and bodies as safe markup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "sd-case.h"
#include "sd-safe-text.h"

G_BEGIN_DECLS

/* "Just now", "5 minutes ago", "Yesterday", "3 days ago", else the date;
 * relative to @now (unix time). Newly allocated; NULL when @time is NULL. */
char       *sd_case_format_relative   (GDateTime *time,
                                       gint64     now);
/* A message's time in full, in local time, as the locale writes it. Newly allocated. */
char       *sd_case_format_time       (GDateTime *time);
/* "English", "Japanese"… in the UI's language; NULL for NULL. Static. */
const char *sd_case_format_language   (const char *language);
/* The CSS class of a status badge: case-open, case-needs-reply, case-resolved. */
const char *sd_case_format_status_class (SdCaseStatus status);
/* Pango markup of @text: every run escaped, each http(s) link range wrapped
 * in <a href> with the URI escaped too. Text from a server never becomes
 * markup of its own. Newly allocated. */
char       *sd_case_format_body_markup (const SdSafeText *text);

G_END_DECLS
