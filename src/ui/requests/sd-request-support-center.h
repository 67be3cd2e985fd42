/* sd-request-support-center.h — what to do in the Support Center when SES Desk cannot open the case itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sd-outbox-entry.h"
#include "sd-request.h"

G_BEGIN_DECLS

/* A section of the request dialog's result page: why the case is made by
 * hand, the Support Center's fields and what goes into each, and buttons
 * to copy the text again and open the Support Center. What it puts on the
 * clipboard it says through ::toast (the text to show). Hidden until shown. */
#define SD_TYPE_REQUEST_SUPPORT_CENTER (sd_request_support_center_get_type ())
G_DECLARE_FINAL_TYPE (SdRequestSupportCenter, sd_request_support_center, SD, REQUEST_SUPPORT_CENTER, AdwBin)

/* Shows the section for @entry of @request (waiting for the Support
 * Center), puts the case text on the clipboard and opens the Support
 * Center's create-case page. */
void sd_request_support_center_show (SdRequestSupportCenter *self,
                                     SdRequest              *request,
                                     SdOutboxEntry          *entry);

G_END_DECLS
