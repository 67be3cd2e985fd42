/* sd-request-preview-view.h — exactly what a request sends, region by region
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sd-request.h"

G_BEGIN_DECLS

/* A section of the request dialog: its preview page. A group per region
 * with the route, the reference, the subject, the case text and the
 * operation's input as JSON. */
#define SD_TYPE_REQUEST_PREVIEW_VIEW (sd_request_preview_view_get_type ())
G_DECLARE_FINAL_TYPE (SdRequestPreviewView, sd_request_preview_view, SD, REQUEST_PREVIEW_VIEW, AdwBin)

/* Shows what @request sends now, in place of what was shown. */
void sd_request_preview_view_show (SdRequestPreviewView *self,
                                   SdRequest            *request);

G_END_DECLS
