/* sd-cli-cases.h — ses-desk-cli cases and case ID
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `ses-desk-cli cases [--json] [--resolved] [--profile P]`: the case list.
 * Exit status 0 all well, 1 bad usage, 2 AWS failed (what could still be
 * shown — the saved list offline, the known case ids without a support
 * plan — is printed all the same). */
int sd_cli_cmd_cases (int    argc,
                      char **argv);
/* `ses-desk-cli case ID [--json] [--profile P]`: one case's conversation. */
int sd_cli_cmd_case  (int    argc,
                      char **argv);

G_END_DECLS
