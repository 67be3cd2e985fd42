/* sd-outbox-window.h — the Requests window: what was sent, how it stands, drafts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sd-request-manager.h"

G_BEGIN_DECLS

#define SD_TYPE_OUTBOX_WINDOW (sd_outbox_window_get_type ())
G_DECLARE_FINAL_TYPE (SdOutboxWindow, sd_outbox_window, SD, OUTBOX_WINDOW, AdwWindow)

/* Shows the Requests window of @manager (one at a time) over @parent. */
void sd_outbox_window_present (SdRequestManager *manager,
                               GtkWindow        *parent);

G_END_DECLS
