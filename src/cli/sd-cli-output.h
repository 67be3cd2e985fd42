/* sd-cli-output.h — everything ses-desk-cli prints, made safe for a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Error messages, case ids, ARNs and subjects come from servers: an escape
 * sequence in them could retitle, clear or reprogram the terminal. After
 * this, g_print() and g_printerr() — every table, line and message the CLI
 * prints — go through sd_text_safe_lines(). Call it once, first. */
void sd_cli_output_init (void);
/* Prints @node as pretty JSON on standard output. Strings are already
 * escaped by JSON; characters a terminal could act on that JSON leaves as
 * they are (DEL, C1 controls, bidi overrides…) are written as \uXXXX, so a
 * JSON reader gets the very same text. */
void sd_cli_print_json  (JsonNode *node);

G_END_DECLS
