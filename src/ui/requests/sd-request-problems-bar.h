/* sd-request-problems-bar.h — how many fields of the request's form are left to complete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A section of the request dialog's form page: a bar under the form that
 * counts the fields left to complete (:problems) and offers Go to Field
 * (::next-problem) while :revealed. */
#define SD_TYPE_REQUEST_PROBLEMS_BAR (sd_request_problems_bar_get_type ())
G_DECLARE_FINAL_TYPE (SdRequestProblemsBar, sd_request_problems_bar, SD, REQUEST_PROBLEMS_BAR, AdwBin)

/* The number of fields left to complete. */
void sd_request_problems_bar_set_problems (SdRequestProblemsBar *self,
                                           guint                 problems);
/* Whether the bar shows (it slides in and out). */
void sd_request_problems_bar_set_revealed (SdRequestProblemsBar *self,
                                           gboolean              revealed);

G_END_DECLS
