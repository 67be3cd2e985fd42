/* sd-settings.c — the application's settings (GSettings)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-settings.h"

GSettings *
sd_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

guint
sd_settings_refresh_seconds (GSettings *settings)
{
  static gsize unit = 0;
  guint interval;

  if (g_once_init_enter (&unit))
    {
      const char *env = g_getenv ("SD_REFRESH_SECONDS");
      guint64 seconds = 60;

      /* For tests only: one unit of the setting lasts this many seconds. */
      if (env != NULL && !g_ascii_string_to_unsigned (env, 10, 1, 60, &seconds, NULL))
        {
          g_message ("SD_REFRESH_SECONDS=%s is not a number of seconds from 1 to 60: ignored", env);
          seconds = 60;
        }
      g_once_init_leave (&unit, (gsize) seconds);
    }

  interval = settings != NULL ? g_settings_get_uint (settings, "refresh-interval")
                              : SD_SETTINGS_DEFAULT_INTERVAL_MIN;
  return interval * (guint) unit;
}
