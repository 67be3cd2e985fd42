/* sd-enum-nick.h — an enum value and its nick, the id used in files and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The nick of @value in the registered enum @type (HACKING.md, Enum types),
 * or NULL when @type has no such value. Static; do not free. */
const char *sd_enum_nick      (GType       type,
                               int         value);
/* The value of @type whose nick is @nick, or @fallback when @nick is NULL or
 * no value has it (an id from a file written by another version). */
int         sd_enum_from_nick (GType       type,
                               const char *nick,
                               int         fallback);

G_END_DECLS
