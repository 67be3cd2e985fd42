/* sd-request-preview.h — exactly what a request sends, region by region
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sd-request.h"

G_BEGIN_DECLS

/* One region's part of a request, as it would leave now: the route in words,
 * the subject and body where there is text, and the operation's input as
 * JSON. Read-only properties: "region", "route", "route-label", "reference",
 * "subject", "body", "payload". */
#define SD_TYPE_REQUEST_PREVIEW (sd_request_preview_get_type ())
G_DECLARE_FINAL_TYPE (SdRequestPreview, sd_request_preview, SD, REQUEST_PREVIEW, GObject)

/* One SdRequestPreview per region of @request, in its order (a new GListStore). */
GListModel     *sd_request_build_previews        (SdRequest        *request);
/* The preview of one region. */
SdRequestPreview *sd_request_preview_new         (SdRequest        *request,
                                                  const char       *region);

const char     *sd_request_preview_get_region    (SdRequestPreview *self);
SdRequestRoute  sd_request_preview_get_route     (SdRequestPreview *self);
/* "SESv2 PutAccountDetails in eu-west-1" and the like, translated. */
const char     *sd_request_preview_get_route_label (SdRequestPreview *self);
const char     *sd_request_preview_get_reference (SdRequestPreview *self);
/* The case subject; NULL where the route sends none (PutAccountDetails, Service Quotas). */
const char     *sd_request_preview_get_subject   (SdRequestPreview *self);
/* The text AWS receives: the case body, or PutAccountDetails' UseCaseDescription;
 * NULL for Service Quotas, which sends no text. */
const char     *sd_request_preview_get_body      (SdRequestPreview *self);
/* The operation's input, pretty-printed JSON; NULL when nothing would be sent. */
const char     *sd_request_preview_get_payload   (SdRequestPreview *self);

G_END_DECLS
