/* sd-request-target-private.h — SdRequestTarget's fields, for the target and the check that fills it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sd-readiness-item.h"
#include "sd-request-target.h"

G_BEGIN_DECLS

struct _SdRequestTarget
{
  GObject           parent_instance;

  char             *region;               /* owned */
  SdSandboxState    state;
  SdRequestRoute    route;
  char             *route_label;          /* owned */
  SdRequestBlocker  blocker;
  char             *message;              /* owned, nullable */
  SdRequestOffers   offers;
  char             *review_case_id;       /* owned, nullable */
  char             *quota_code;           /* owned, nullable */
  double            current_value;
  char             *open_id;              /* owned, nullable */
  char             *open_status;          /* owned, nullable */
  char             *open_case_id;         /* owned, nullable */
  double            open_value;
  GStrv             known_ids;            /* owned, never NULL */
  GError           *error;                /* owned, nullable */
  SdReadinessItem  *items[4];             /* owned, nullable; by SdReadinessKind */
};

/* Records what stops the region: @blocker, @offers added, @message (taken). */
void sd_request_target_block (SdRequestTarget  *self,
                              SdRequestBlocker  blocker,
                              SdRequestOffers   offers,
                              char             *message);

G_END_DECLS
