/* sd-communication-attachment.h — one attachment of a case message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SD_TYPE_COMMUNICATION_ATTACHMENT (sd_communication_attachment_get_type ())
G_DECLARE_FINAL_TYPE (SdCommunicationAttachment, sd_communication_attachment,
                      SD, COMMUNICATION_ATTACHMENT, GObject)

/* @file_name as the server gave it (sanitised here); NULL becomes "attachment". */
SdCommunicationAttachment *sd_communication_attachment_new (const char *attachment_id,
                                                            const char *file_name);
/* The id DescribeAttachment takes. */
const char *sd_communication_attachment_get_attachment_id (SdCommunicationAttachment *self);
/* The file name for a label: sanitised, one line. */
const char *sd_communication_attachment_get_file_name (SdCommunicationAttachment *self);
/* A file name safe to suggest in a save dialog. */
const char *sd_communication_attachment_get_suggested_name (SdCommunicationAttachment *self);

G_END_DECLS
