/* fuzz-aws-config.c — libFuzzer target: the shared config and credentials files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a config file, optionally followed by a NUL byte and a
 * credentials file. Every problem must become a reported GError; every
 * profile listed must answer its lookups.
 */
#include "config.h"

#include <string.h>

#include "sd-aws-config.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *nul = memchr (data, '\0', size);
  g_autofree char *config_text = g_strndup ((const char *) data, nul != NULL ? (gsize) (nul - (const char *) data) : size);
  g_autofree char *credentials_text = nul != NULL ? g_strndup (nul + 1, size - (nul + 1 - (const char *) data)) : NULL;
  g_autoptr(SdAwsConfig) config = sd_aws_config_new_from_data ("config", config_text,
                                                               "credentials", credentials_text);
  GPtrArray *problems = sd_aws_config_get_problems (config);
  g_auto(GStrv) profiles = sd_aws_config_list_profiles (config);

  for (guint i = 0; i < problems->len; i++)
    {
      const GError *problem = g_ptr_array_index (problems, i);

      if (problem == NULL || problem->message == NULL)
        g_error ("a problem without a message");
    }
  for (guint i = 0; profiles != NULL && profiles[i] != NULL; i++)
    {
      const SdAwsSection *section = sd_aws_config_get_profile_section (config, profiles[i]);

      if (!sd_aws_config_has_profile (config, profiles[i]))
        g_error ("listed profile “%s” not found", profiles[i]);
      sd_aws_config_get_profile_value (config, profiles[i], "region");
      sd_aws_config_get_profile_value (config, profiles[i], "aws_access_key_id");
      sd_aws_config_get_region (config, profiles[i]);
      if (section != NULL)
        {
          g_auto(GStrv) keys = sd_aws_section_list_keys (section);

          for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
            sd_aws_section_get (section, keys[k]);
          sd_aws_section_get_nested (section, "sesv2", "endpoint_url");
          sd_aws_section_get_nested (section, "support", "endpoint_url");
        }
    }
  sd_aws_config_get_sso_session (config, "my-sso");
  sd_aws_config_get_services (config, "local");
  return 0;
}
