/* sd-request-form.h — one request's fields as a form, built from the SES guide's field list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One generic builder for the three dialogs: sd_request_kind_get_fields()
 * gives the fields in the guide's order (docs/ses-guide.md), each becomes a group titled with its
 * label and explained with its help, its input bound to the request's
 * property, its problem (sd_request_get_field_error()) written beside it
 * once the user has been there, and its advice (lease 3 or more…) shown.
 */
#pragma once

#include <adwaita.h>

#include "sd-request.h"

G_BEGIN_DECLS

#define SD_TYPE_REQUEST_FORM (sd_request_form_get_type ())
G_DECLARE_FINAL_TYPE (SdRequestForm, sd_request_form, SD, REQUEST_FORM, AdwBin)

/* A form over @request. @regions (SdRegionStatus of the dashboard, nullable)
 * gives the regions of the request's profile to choose from, their state and
 * their dedicated IPs. */
GtkWidget  *sd_request_form_new              (SdRequest     *request,
                                              GListModel    *regions);
SdRequest  *sd_request_form_get_request      (SdRequestForm *self);
/* How many fields still have a problem. */
guint       sd_request_form_count_problems   (SdRequestForm *self);
/* Shows every field's problem, not only those the user has been to. */
void        sd_request_form_reveal_problems  (SdRequestForm *self);
/* Moves the focus to the first field with a problem; FALSE when none. */
gboolean    sd_request_form_focus_first_problem (SdRequestForm *self);

G_END_DECLS
