/* sd-enum-nick.c — an enum value and its nick, the id used in files and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-enum-nick.h"

/* Public API */

const char *
sd_enum_nick (GType type,
              int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  return v != NULL ? v->value_nick : NULL;
}

int
sd_enum_from_nick (GType       type,
                   const char *nick,
                   int         fallback)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  return v != NULL ? v->value : fallback;
}
