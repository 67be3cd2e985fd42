/* sd-cli-health.c — sending health on the command line: JSON members, a monitoring plugin, Prometheus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `check` follows the monitoring plugin convention (Nagios, Icinga): one
 * line "SES STATE - summary | perfdata", then one line per region that is
 * not healthy; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. Watch and under
 * review are warnings, at risk and paused critical, a region that did not
 * load unknown. Its text is not translated: monitoring systems parse it.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "sd-cli-health.h"

/* Auxiliary functions */

static int
plugin_state (SdRegionStatus *status)
{
  if (sd_region_status_get_error (status) != NULL)
    return SD_CLI_PLUGIN_UNKNOWN;
  switch (sd_region_status_get_health_level (status))
    {
    case SD_HEALTH_LEVEL_HEALTHY: return SD_CLI_PLUGIN_OK;
    case SD_HEALTH_LEVEL_WATCH:
    case SD_HEALTH_LEVEL_UNDER_REVIEW: return SD_CLI_PLUGIN_WARNING;
    case SD_HEALTH_LEVEL_AT_RISK:
    case SD_HEALTH_LEVEL_PAUSED: return SD_CLI_PLUGIN_CRITICAL;
    case SD_HEALTH_LEVEL_UNKNOWN:
    default:
      return SD_CLI_PLUGIN_UNKNOWN;
    }
}

/* The worse of two plugin states: CRITICAL over WARNING over UNKNOWN over OK. */
static int
worse (int a,
       int b)
{
  static const int rank[] = { 0, 2, 3, 1 };

  return rank[b] > rank[a] ? b : a;
}

/* A perfdata or Prometheus label value: the profile and region names are
 * printable, but quotes and backslashes must not break the line. */
static char *
escape_label (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == '"')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* A rate in the plugin's lines: "1.23 %" or "no data", never translated. */
static char *
format_rate (double value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("no data");
  return g_strdup_printf ("%s %%", g_ascii_formatd (text, sizeof text, "%.2f", value * 100));
}

/* One rate's perfdata: 'profile/region bounce_rate'=1.2000%;2;10;0;100, the
 * thresholds where the plugin turns WARNING (watch, or the review line for
 * complaints) and CRITICAL (AWS may pause sending); U for no data. A label
 * is quoted and may not hold a quote or an equals sign. */
static void
append_rate_perfdata (GString        *perfdata,
                      SdRegionStatus *status,
                      SdHealthRate    rate)
{
  double value = sd_region_health_get_rate (sd_region_status_get_health (status), rate);
  g_autofree char *label = g_strdup_printf ("%s/%s %s", sd_region_status_get_account_name (status),
                                            sd_region_status_get_region (status),
                                            rate == SD_HEALTH_RATE_BOUNCE ? "bounce_rate"
                                                                          : "complaint_rate");
  char value_text[G_ASCII_DTOSTR_BUF_SIZE];
  char warn_text[G_ASCII_DTOSTR_BUF_SIZE];
  char crit_text[G_ASCII_DTOSTR_BUF_SIZE];

  g_strdelimit (label, "'=", '_');
  if (isnan (value))
    {
      g_string_append_printf (perfdata, " '%s'=U", label);
      return;
    }
  g_ascii_formatd (value_text, sizeof value_text, "%.4f", value * 100);
  g_ascii_formatd (warn_text, sizeof warn_text, "%g",
                   sd_health_rate_line (rate, SD_RATE_BAND_WATCH) * 100);
  g_ascii_formatd (crit_text, sizeof crit_text, "%g",
                   sd_health_rate_line (rate, SD_RATE_BAND_PAUSE_RISK) * 100);
  g_string_append_printf (perfdata, " '%s'=%s%%;%s;%s;0;100", label, value_text, warn_text,
                          crit_text);
}

/* Public API */

void
sd_cli_health_add_json (JsonBuilder    *builder,
                        SdRegionStatus *status)
{
  SdRegionHealth *health = sd_region_status_get_health (status);
  g_autoptr(JsonObject) object = sd_region_health_to_json (health);
  const char *level = sd_health_level_to_id (sd_region_status_get_health_level (status));
  static const char * const members[] = { "bounce_rate", "complaint_rate", "sends_14d",
                                          "days", "daily", "missing_permission" };

  json_builder_set_member_name (builder, "health");
  if (level != NULL)
    json_builder_add_string_value (builder, level);
  else
    json_builder_add_null_value (builder);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      json_builder_set_member_name (builder, members[i]);
      json_builder_add_value (builder, json_node_copy (json_object_get_member (object, members[i])));
    }
  json_builder_set_member_name (builder, "health_source");
  json_builder_add_value (builder, json_node_copy (json_object_get_member (object, "source")));
}

int
sd_cli_health_print_check (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  guint counts[SD_HEALTH_LEVEL_PAUSED + 1] = { 0 };
  guint n_failed = 0;
  int state = SD_CLI_PLUGIN_OK;
  static const char * const names[] = { "OK", "WARNING", "CRITICAL", "UNKNOWN" };
  g_autoptr(GString) details = g_string_new (NULL);
  g_autoptr(GString) rates = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (model, i);
      SdHealthLevel level = sd_region_status_get_health_level (status);
      int s = plugin_state (status);

      state = worse (state, s);
      if (sd_region_status_get_error (status) != NULL)
        {
          n_failed++;
          g_string_append_printf (details, "UNKNOWN: %s %s: %s\n",
                                  sd_region_status_get_account_name (status),
                                  sd_region_status_get_region (status),
                                  sd_region_status_get_error (status)->message);
          continue;
        }
      counts[level]++;
      append_rate_perfdata (rates, status, SD_HEALTH_RATE_BOUNCE);
      append_rate_perfdata (rates, status, SD_HEALTH_RATE_COMPLAINT);
      if (level != SD_HEALTH_LEVEL_HEALTHY)
        {
          SdRegionHealth *health = sd_region_status_get_health (status);
          g_autofree char *bounce = format_rate (sd_region_health_get_rate (health, SD_HEALTH_RATE_BOUNCE));
          g_autofree char *complaint = format_rate (sd_region_health_get_rate (health, SD_HEALTH_RATE_COMPLAINT));

          g_string_append_printf (details, "%s: %s %s: %s (bounce %s, complaint %s, enforcement %s%s)\n",
                                  names[s], sd_region_status_get_account_name (status),
                                  sd_region_status_get_region (status),
                                  sd_health_level_to_id (level), bounce, complaint,
                                  sd_region_status_get_enforcement_status (status) != NULL
                                  ? sd_region_status_get_enforcement_status (status) : "unknown",
                                  sd_region_status_get_sending_enabled (status) ? "" : ", sending paused");
        }
    }

  g_print ("SES %s - %u %s: %u healthy, %u watch, %u under review, %u at risk, %u paused, %u failed"
           " | healthy=%u watch=%u under_review=%u at_risk=%u paused=%u failed=%u%s\n",
           names[state], n, n == 1 ? "region" : "regions", counts[SD_HEALTH_LEVEL_HEALTHY], counts[SD_HEALTH_LEVEL_WATCH],
           counts[SD_HEALTH_LEVEL_UNDER_REVIEW], counts[SD_HEALTH_LEVEL_AT_RISK],
           counts[SD_HEALTH_LEVEL_PAUSED], n_failed,
           counts[SD_HEALTH_LEVEL_HEALTHY], counts[SD_HEALTH_LEVEL_WATCH],
           counts[SD_HEALTH_LEVEL_UNDER_REVIEW], counts[SD_HEALTH_LEVEL_AT_RISK],
           counts[SD_HEALTH_LEVEL_PAUSED], n_failed, rates->str);
  g_print ("%s", details->str);
  return state;
}

void
sd_cli_health_print_prometheus (GListModel *model,
                                GHashTable *accounts)
{
  static const struct { const char *name; const char *help; } metrics[] = {
    { "ses_bounce_rate", "Reputation.BounceRate, a fraction (absent: no data)" },
    { "ses_complaint_rate", "Reputation.ComplaintRate, a fraction (absent: no data)" },
    { "ses_sends_14d", "Messages sent in the last 14 days" },
    { "ses_health_level", "0 healthy, 1 watch, 2 under review, 3 at risk of pause, 4 paused" },
    { "ses_sending_enabled", "1 when sending is enabled" },
    { "ses_max_24_hour_send", "Daily sending quota (-1 unlimited)" },
    { "ses_up", "1 when the region loaded" },
  };
  guint n = g_list_model_get_n_items (model);

  for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
    {
      g_print ("# HELP %s %s\n# TYPE %s gauge\n", metrics[m].name, metrics[m].help, metrics[m].name);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SdRegionStatus) status = g_list_model_get_item (model, i);
          SdRegionHealth *health = sd_region_status_get_health (status);
          g_autofree char *profile = escape_label (sd_region_status_get_profile (status));
          g_autofree char *region = escape_label (sd_region_status_get_region (status));
          const char *known_id = sd_region_status_get_account_id (status);
          g_autofree char *account = escape_label (known_id != NULL ? known_id
                                                   : accounts != NULL
                                                   ? g_hash_table_lookup (accounts, sd_region_status_get_profile (status))
                                                   : NULL);
          g_autofree char *account_name = escape_label (sd_region_status_get_account_name (status));
          gboolean up = sd_region_status_get_error (status) == NULL &&
                        sd_region_status_get_updated (status) != 0;
          double value;
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          switch (m)
            {
            case 0: value = sd_region_health_get_rate (health, SD_HEALTH_RATE_BOUNCE); break;
            case 1: value = sd_region_health_get_rate (health, SD_HEALTH_RATE_COMPLAINT); break;
            case 2: value = sd_region_health_get_total (health, SD_HEALTH_METRIC_SEND); break;
            case 3: value = sd_region_status_get_health_level (status) - SD_HEALTH_LEVEL_HEALTHY; break;
            case 4: value = sd_region_status_get_sending_enabled (status); break;
            case 5: value = sd_region_status_get_max_24_hour_send (status); break;
            default: value = up; break;
            }
          /* No data is no sample, never 0. */
          if (m != 6 && (!up || isnan (value)))
            continue;
          g_print ("%s{account=\"%s\",account_name=\"%s\",profile=\"%s\",region=\"%s\"} %s\n",
                   metrics[m].name, account, account_name, profile, region,
                   g_ascii_dtostr (buf, sizeof buf, value));
        }
    }
}
