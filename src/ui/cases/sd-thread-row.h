/* sd-thread-row.h — one message of a case's thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sd-communication.h"

G_BEGIN_DECLS

/* Signals: "save-attachment" (SdCommunicationAttachment *): the user asked
 * to save one of the message's attachments. */
#define SD_TYPE_THREAD_ROW (sd_thread_row_get_type ())
G_DECLARE_FINAL_TYPE (SdThreadRow, sd_thread_row, SD, THREAD_ROW, AdwBin)

/* Creates an empty message row. */
GtkWidget       *sd_thread_row_new               (void);
/* Shows @communication (nullable). */
void             sd_thread_row_set_communication (SdThreadRow     *self,
                                                  SdCommunication *communication);
/* The message shown, or NULL. */
SdCommunication *sd_thread_row_get_communication (SdThreadRow     *self);

G_END_DECLS
