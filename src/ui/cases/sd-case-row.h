/* sd-case-row.h — one AWS Support case, as a row of the case list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sd-case.h"

G_BEGIN_DECLS

#define SD_TYPE_CASE_ROW (sd_case_row_get_type ())
G_DECLARE_FINAL_TYPE (SdCaseRow, sd_case_row, SD, CASE_ROW, AdwBin)

/* Creates an empty row. */
GtkWidget *sd_case_row_new         (void);
/* Shows @case_ (nullable) and follows its changes. */
void       sd_case_row_set_case    (SdCaseRow *self,
                                    SdCase    *case_);
/* The case shown, or NULL. */
SdCase    *sd_case_row_get_case    (SdCaseRow *self);
/* Marks the row of the case whose thread is open. */
void       sd_case_row_set_current (SdCaseRow *self,
                                    gboolean   current);
/* Names the account of the case (nullable: none, one account is shown). */
void       sd_case_row_set_account (SdCaseRow  *self,
                                    const char *account);
/* Brings the relative time ("5 minutes ago") up to date. */
void       sd_case_row_update      (SdCaseRow *self);

G_END_DECLS
