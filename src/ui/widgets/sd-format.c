/* sd-format.c — numbers, quotas, times and errors in words for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "sd-aws-error.h"
#include "sd-format.h"

/* Regions an account must enable before use (opt-in regions, as botocore's
 * endpoints.json marks them). Calls there fail with UnrecognizedClientException
 * until the account opts in. Kept as data: the list grows. */
static const char * const opt_in_regions[] = {
  "af-south-1", "ap-east-1", "ap-east-2", "ap-south-2", "ap-southeast-3",
  "ap-southeast-4", "ap-southeast-5", "ap-southeast-7", "ca-west-1",
  "eu-central-2", "eu-south-1", "eu-south-2", "il-central-1", "me-central-1",
  "me-south-1", "mx-central-1",
  NULL
};

/* Auxiliary functions */

static gboolean
is_opt_in_region (const char *region)
{
  return region != NULL && g_strv_contains (opt_in_regions, region);
}

static gboolean
is_invalid_token_code (const char *aws_code)
{
  return g_strcmp0 (aws_code, "UnrecognizedClientException") == 0 ||
         g_strcmp0 (aws_code, "InvalidClientTokenId") == 0;
}

/* Public API */

char *
sd_format_count (double value)
{
  /* The ' flag groups digits as LC_NUMERIC says (GTK has called setlocale). */
  return g_strdup_printf ("%'.0f", round (value));
}

char *
sd_format_rate (double value)
{
  if (fabs (value - round (value)) < 0.05)
    return sd_format_count (value);
  return g_strdup_printf ("%'.1f", value);
}

char *
sd_format_quota (double max_24_hour_send,
                 double max_send_rate)
{
  g_autofree char *rate = sd_format_rate (max_send_rate);
  g_autofree char *day = NULL;

  if (max_24_hour_send < 0)
    /* Translators: the 24-hour sending quota is unlimited; %s is the send rate, e.g. "14" */
    return g_strdup_printf (_("Unlimited · %s a second"), rate);

  day = sd_format_count (max_24_hour_send);
  /* Translators: the sending quota: "50,000 a day · 14 a second" */
  return g_strdup_printf (_("%s a day · %s a second"), day, rate);
}

char *
sd_format_sent (double sent,
                double max_24_hour_send)
{
  g_autofree char *count = sd_format_count (sent);

  if (max_24_hour_send > 0)
    {
      int percent = (int) floor (100.0 * sent / max_24_hour_send);

      /* Translators: "1,234 sent in 24 hours (2%)" */
      return g_strdup_printf (_("%s sent in 24 hours (%d%%)"), count, CLAMP (percent, 0, 999));
    }
  /* Translators: "1,234 sent in 24 hours" (no quota to compare with) */
  return g_strdup_printf (_("%s sent in 24 hours"), count);
}

char *
sd_format_updated (gint64 updated,
                   gint64 now)
{
  gint64 minutes;
  gint64 hours;

  if (updated <= 0)
    return NULL;

  minutes = MAX (0, now - updated) / 60;
  if (minutes < 1)
    return g_strdup (_("Updated just now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Updated %d minute ago",
                                         "Updated %d minutes ago", (gulong) minutes),
                            (int) minutes);
  hours = minutes / 60;
  if (hours < 48)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Updated %d hour ago",
                                         "Updated %d hours ago", (gulong) hours),
                            (int) hours);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Updated %d day ago",
                                       "Updated %d days ago", (gulong) (hours / 24)),
                          (int) (hours / 24));
}

char *
sd_format_dedicated_ips (SdRegionStatus *status)
{
  guint n = sd_region_status_get_n_dedicated_ips (status);
  int mean = 0;
  guint n_warming = sd_region_status_get_n_warming (status, &mean);
  g_autofree char *count = NULL;

  if (n == 0)
    return g_strdup (_("No dedicated IPs"));

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u dedicated IP", "%u dedicated IPs", n), n);
  if (n_warming == 0)
    return g_steal_pointer (&count);

  /* Translators: "3 dedicated IPs · 1 warming up (45%)"; the first %s is "3 dedicated IPs" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u warming up (%d%%)",
                                       "%s · %u warming up (%d%% on average)", n_warming),
                          count, n_warming, mean);
}

char *
sd_format_warmup (const SdDedicatedIp *ip)
{
  switch (ip->warmup_status)
    {
    case SD_WARMUP_NOT_APPLICABLE:
      /* Translators: a managed dedicated IP: SES warms it up, no percentage applies */
      return g_strdup (_("Managed"));
    case SD_WARMUP_DONE:
      return g_strdup (_("Warm-up done"));
    case SD_WARMUP_IN_PROGRESS:
      /* Translators: "Warming up, 45%" */
      return g_strdup_printf (_("Warming up, %d%%"), CLAMP (ip->warmup_percentage, 0, 100));
    case SD_WARMUP_UNKNOWN:
    default:
      if (ip->warmup_percentage < 0)
        return g_strdup (_("Managed"));
      return g_strdup (_("Warm-up unknown"));
    }
}

const char *
sd_format_enforcement (const char *enforcement_status)
{
  if (g_strcmp0 (enforcement_status, "HEALTHY") == 0)
    return _("Healthy");
  if (g_strcmp0 (enforcement_status, "PROBATION") == 0)
    return _("On probation");
  if (g_strcmp0 (enforcement_status, "SHUTDOWN") == 0)
    return _("Shut down");
  if (enforcement_status == NULL)
    return _("Unknown");
  return enforcement_status;
}

const char *
sd_format_scaling_mode (const char *scaling_mode)
{
  if (g_strcmp0 (scaling_mode, "STANDARD") == 0)
    return _("Standard");
  if (g_strcmp0 (scaling_mode, "MANAGED") == 0)
    return _("Managed");
  if (scaling_mode == NULL)
    return _("Unknown");
  return scaling_mode;
}

SdRegionProblem
sd_region_problem_classify (SdRegionStatus *status)
{
  const GError *error = sd_region_status_get_error (status);

  if (error == NULL)
    return SD_REGION_PROBLEM_NONE;
  if (error->domain != SD_AWS_ERROR)
    return SD_REGION_PROBLEM_OTHER;

  switch ((SdAwsErrorCode) error->code)
    {
    case SD_AWS_ERROR_ACCESS_DENIED:
      return SD_REGION_PROBLEM_ACCESS_DENIED;
    case SD_AWS_ERROR_NETWORK:
    case SD_AWS_ERROR_TIMEOUT:
      return SD_REGION_PROBLEM_OFFLINE;
    case SD_AWS_ERROR_SIGNATURE:
      /* An opt-in region not enabled rejects the (valid) keys as unknown. */
      if (is_invalid_token_code (sd_aws_error_get_aws_code (error)) &&
          is_opt_in_region (sd_region_status_get_region (status)))
        return SD_REGION_PROBLEM_OPT_IN;
      return SD_REGION_PROBLEM_CREDENTIALS;
    case SD_AWS_ERROR_NO_CREDENTIALS:
    case SD_AWS_ERROR_CREDENTIALS_EXPIRED:
    case SD_AWS_ERROR_CREDENTIAL_PROCESS:
    case SD_AWS_ERROR_NO_PROFILE:
      return SD_REGION_PROBLEM_CREDENTIALS;
    case SD_AWS_ERROR_FAILED:
    case SD_AWS_ERROR_SERVICE:
    case SD_AWS_ERROR_SERVER:
    case SD_AWS_ERROR_THROTTLED:
    case SD_AWS_ERROR_NOT_FOUND:
    case SD_AWS_ERROR_CONFLICT:
    case SD_AWS_ERROR_ALREADY_EXISTS:
    case SD_AWS_ERROR_SUBSCRIPTION_REQUIRED:
    case SD_AWS_ERROR_VALIDATION:
    case SD_AWS_ERROR_BAD_RESPONSE:
    case SD_AWS_ERROR_CONFIG:
    case SD_AWS_ERROR_ENDPOINT:
    case SD_AWS_ERROR_CANCELLED:
    default:
      return SD_REGION_PROBLEM_OTHER;
    }
}

char *
sd_format_denied_action (const GError *error)
{
  static GRegex *regex;
  const char *message;
  g_autoptr(GMatchInfo) match = NULL;

  if (error == NULL)
    return NULL;

  /* AWS says "… is not authorized to perform: ses:GetAccount on resource …". */
  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("perform:\\s*([A-Za-z0-9-]+:[A-Za-z0-9*]+)",
                                            G_REGEX_OPTIMIZE, 0, NULL));

  message = sd_aws_error_get_aws_message (error);
  if (message == NULL)
    message = error->message;
  if (message != NULL && g_regex_match (regex, message, 0, &match))
    return g_match_info_fetch (match, 1);
  return NULL;
}

char *
sd_format_region_error (SdRegionStatus *status)
{
  const GError *error = sd_region_status_get_error (status);
  g_autofree char *action = NULL;

  switch (sd_region_problem_classify (status))
    {
    case SD_REGION_PROBLEM_NONE:
      return NULL;
    case SD_REGION_PROBLEM_ACCESS_DENIED:
      action = sd_format_denied_action (error);
      if (action != NULL)
        /* Translators: %s is an IAM action such as "ses:GetAccount" */
        return g_strdup_printf (_("Access denied: needs %s"), action);
      return g_strdup (_("Access denied"));
    case SD_REGION_PROBLEM_OPT_IN:
      return g_strdup (_("Opt-in region not enabled"));
    case SD_REGION_PROBLEM_OFFLINE:
      if (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_TIMEOUT))
        return g_strdup (_("No answer in time"));
      return g_strdup (_("Unreachable"));
    case SD_REGION_PROBLEM_CREDENTIALS:
      if (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_CREDENTIALS_EXPIRED))
        return g_strdup (_("Credentials expired"));
      if (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_NO_CREDENTIALS))
        return g_strdup (_("No credentials for this profile"));
      return g_strdup (_("Credentials rejected"));
    case SD_REGION_PROBLEM_OTHER:
    default:
      if (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_THROTTLED))
        return g_strdup (_("Too many requests: try again later"));
      if (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_SERVER))
        return g_strdup (_("AWS had a problem: try again later"));
      if (g_error_matches (error, SD_AWS_ERROR, SD_AWS_ERROR_ENDPOINT))
        return g_strdup (_("No endpoint for this region"));
      return g_strdup (error->message);
    }
}

char *
sd_format_error_details (const GError *error)
{
  GString *text;
  const char *aws_code;
  const char *request_id;

  if (error == NULL)
    return NULL;

  text = g_string_new (error->message);
  aws_code = sd_aws_error_get_aws_code (error);
  request_id = sd_aws_error_get_request_id (error);
  if (aws_code != NULL)
    {
      g_string_append_c (text, '\n');
      /* Translators: %s is AWS's error code, e.g. "AccessDeniedException" */
      g_string_append_printf (text, _("Error code: %s"), aws_code);
    }
  if (request_id != NULL)
    {
      g_string_append_c (text, '\n');
      /* Translators: %s is the id AWS gave the request, for AWS Support */
      g_string_append_printf (text, _("Request ID: %s"), request_id);
    }
  return g_string_free (text, FALSE);
}

const char *
sd_format_dashboard_actions (void)
{
  return "ses:GetAccount, ses:GetDedicatedIps, ses:ListDedicatedIpPools, ses:GetDedicatedIpPool";
}
