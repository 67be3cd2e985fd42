/* sd-case-banner.h — the line above a case's thread that says how its messages stand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A section of the case page: an icon, a line of text and, when reading
 * the case again may help, a Try Again button (the page's "page.refresh"
 * action). Hidden until shown. */
#define SD_TYPE_CASE_BANNER (sd_case_banner_get_type ())
G_DECLARE_FINAL_TYPE (SdCaseBanner, sd_case_banner, SD, CASE_BANNER, AdwBin)

/* Shows @text (plain text, not markup) beside the icon @icon_name;
 * @can_retry shows the Try Again button. */
void sd_case_banner_show (SdCaseBanner *self,
                          const char   *icon_name,
                          const char   *text,
                          gboolean      can_retry);
/* Hides the banner; @can_retry still sets the button for when it shows. */
void sd_case_banner_hide (SdCaseBanner *self,
                          gboolean      can_retry);

G_END_DECLS
