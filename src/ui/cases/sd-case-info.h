/* sd-case-info.h — the line under a case's title: its status, language and origin, Show Region, Resolve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sd-case.h"

G_BEGIN_DECLS

/* A section of the case page: the case's status as a badge, its language
 * and how the app knows it, and the Show Region and Resolve… buttons (the
 * page's "page.show-region" and "page.resolve" actions). */
#define SD_TYPE_CASE_INFO (sd_case_info_get_type ())
G_DECLARE_FINAL_TYPE (SdCaseInfo, sd_case_info, SD, CASE_INFO, AdwBin)

/* Shows @case_ (NULL: only hides Show Region); @can_resolve shows Resolve…. */
void sd_case_info_show (SdCaseInfo *self,
                        SdCase     *case_,
                        gboolean    can_resolve);

G_END_DECLS
