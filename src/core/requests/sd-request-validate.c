/* sd-request-validate.c — checking a request's fields where they stand, each problem with its reason
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-aws-endpoints.h"
#include "sd-case-text.h"
#include "sd-request-private.h"

/* Parses a whole number as people type it: full-width digits (Japanese
 * input methods), spaces, commas, apostrophes or underscores between
 * groups. FALSE when it is not one. */
static gboolean
parse_number (const char *text,
              guint64    *value,
              gboolean   *empty)
{
  g_autofree char *normalized = NULL;
  GString *digits;
  guint64 result = 0;
  gboolean ok = TRUE;

  *empty = FALSE;
  *value = 0;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      *empty = text == NULL;
      return FALSE;
    }
  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  g_strstrip (normalized);
  if (*normalized == '\0')
    {
      *empty = TRUE;
      return FALSE;
    }

  digits = g_string_new (NULL);
  for (const char *p = normalized; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if ((*p == ',' || *p == ' ' || *p == '\'' || *p == '_') && digits->len > 0 && g_ascii_isdigit (p[1]))
        continue;
      else
        {
          ok = FALSE;
          break;
        }
    }

  if (ok && digits->len == 0)
    ok = FALSE;
  else if (ok && digits->len > 13)
    result = MAX_NUMBER + 1;   /* too large, said as such by the caller */
  else if (ok)
    result = g_ascii_strtoull (digits->str, NULL, 10);
  g_string_free (digits, TRUE);

  *value = result;
  return ok;
}

/* A plain check of an address, as forms do: one @, a dotted domain, no spaces. */
static gboolean
email_is_valid (const char *address)
{
  const char *at = strrchr (address, '@');
  const char *domain;
  gsize len = strlen (address);

  if (len < 6 || len > 254 || at == NULL || at == address || (gsize) (at - address) > 64)
    return FALSE;
  for (const char *p = address; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || strchr ("<>()[],;:\"\\", *p) != NULL || (*p == '@' && p != at))
      return FALSE;
  domain = at + 1;
  if (*domain == '\0' || *domain == '.' || strchr (domain, '.') == NULL ||
      strstr (domain, "..") != NULL || domain[strlen (domain) - 1] == '.' || domain[strlen (domain) - 1] == '-')
    return FALSE;
  return TRUE;
}

static gboolean
region_is_ses (const char *region)
{
  const SdAwsPartition *partition;
  const char * const *regions;

  if (region == NULL || !sd_aws_region_is_valid (region))
    return FALSE;
  partition = sd_aws_partition_for_region (region);
  regions = partition != NULL ? sd_aws_ses_regions (partition) : NULL;
  return regions != NULL && g_strv_contains (regions, region);
}

/* Whether some region may go through PutAccountDetails (known or not yet). */
static gboolean
may_use_put_account_details (SdRequest *self)
{
  if (self->kind != SD_REQUEST_KIND_SENDING_LIMITS)
    return FALSE;
  for (guint i = 0; self->regions[i] != NULL; i++)
    {
      SdRequestRoute route = sd_request_get_route (self, self->regions[i]);

      if (route == SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS || route == SD_REQUEST_ROUTE_UNKNOWN)
        return TRUE;
    }
  return self->regions[0] == NULL;
}

static char *
validate_regions (SdRequest *self)
{
  guint n = g_strv_length (self->regions);

  if (n == 0)
    return g_strdup (_("Choose a region."));
  for (guint i = 0; i < n; i++)
    {
      if (!region_is_ses (self->regions[i]))
        return g_strdup_printf (_("“%s” is not a region where Amazon SES is offered."), self->regions[i]);
      for (guint j = 0; j < i; j++)
        if (g_str_equal (self->regions[i], self->regions[j]))
          return g_strdup_printf (_("%s is chosen twice."), self->regions[i]);
    }
  if (n > 1 && self->kind != SD_REQUEST_KIND_SENDING_LIMITS)
    return g_strdup (_("Dedicated IP addresses belong to one region: send one request per region."));
  return NULL;
}

static char *
number_error (const char *text,
              guint64    *value,
              gboolean   *ok)
{
  gboolean empty = FALSE;

  *ok = FALSE;
  if (!parse_number (text, value, &empty))
    return empty ? g_strdup (_("Enter a number."))
                 : g_strdup (_("Enter a whole number, such as 50000."));
  if (*value == 0)
    return g_strdup (_("Enter a number above 0."));
  if (*value > MAX_NUMBER)
    return g_strdup (_("That number is too large."));
  *ok = TRUE;
  return NULL;
}

static char *
validate_limit_value (SdRequest *self)
{
  guint64 value = 0;
  gboolean ok;
  char *error = number_error (self->limit_value, &value, &ok);

  if (!ok || self->kind != SD_REQUEST_KIND_SENDING_LIMITS)
    return error;

  /* Asking for what a region already has gets a refusal from AWS. */
  for (guint i = 0; self->regions[i] != NULL; i++)
    {
      const char *region = self->regions[i];
      RegionInfo *info = sd_request_region_info (self, region);
      SdRequestRoute route = sd_request_get_route (self, region);
      double current;

      if (info == NULL)
        continue;
      if (route == SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS)
        {
          if (self->limit == SD_LIMIT_DAILY_QUOTA && value <= SANDBOX_DAILY)
            return g_strdup_printf (_("The sandbox already allows %d messages a day in %s: ask for more."),
                                    SANDBOX_DAILY, region);
          if (self->limit == SD_LIMIT_SEND_RATE && value <= SANDBOX_RATE)
            return g_strdup_printf (_("The sandbox already allows %d message a second in %s: ask for more."),
                                    SANDBOX_RATE, region);
          continue;
        }
      if (route != SD_REQUEST_ROUTE_SERVICE_QUOTAS)
        continue;
      current = self->limit == SD_LIMIT_DAILY_QUOTA ? info->max24 : info->maxrate;
      if (self->limit == SD_LIMIT_DAILY_QUOTA && current < 0)
        return g_strdup_printf (_("The daily sending quota in %s is already unlimited."), region);
      if (current > 0 && (double) value <= current)
        return g_strdup_printf (self->limit == SD_LIMIT_DAILY_QUOTA
                                ? _("%s already allows %.0f messages a day: ask for more than that.")
                                : _("%s already allows %.0f messages a second: ask for more than that."),
                                region, current);
    }
  return NULL;
}

static char *
validate_ip_count (SdRequest  *self,
                   char      **advice)
{
  guint64 value = 0;
  gboolean ok;
  char *error = number_error (self->ip_count, &value, &ok);
  guint n_picked = g_strv_length (self->release_ips);

  if (!ok)
    return error;

  if (self->kind == SD_REQUEST_KIND_DEDICATED_IPS)
    {
      if (value < 3)
        *advice = g_strdup (_("AWS recommends leasing 3 or more: every region has at least 3 availability "
                              "zones, the addresses are spread over them, and mail still goes out when a "
                              "zone is down."));
      return NULL;
    }

  /* Release: no more than the region has, and as many as picked. */
  if (n_picked > 0 && value != n_picked)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "You picked %u address: the number must match.",
                                         "You picked %u addresses: the number must match.", n_picked),
                            n_picked);
  if (self->regions[0] != NULL)
    {
      RegionInfo *info = sd_request_region_info (self, self->regions[0]);

      if (info != NULL && info->n_ips >= 0 && value > (guint64) info->n_ips)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s has only %d dedicated IP address.",
                                             "%s has only %d dedicated IP addresses.", info->n_ips),
                                self->regions[0], info->n_ips);
    }
  return NULL;
}

static char *
validate_release_ips (SdRequest *self)
{
  for (guint i = 0; self->release_ips[i] != NULL; i++)
    {
      if (!g_hostname_is_ip_address (self->release_ips[i]))
        return g_strdup_printf (_("“%s” is not an IP address."), self->release_ips[i]);
      for (guint j = 0; j < i; j++)
        if (g_str_equal (self->release_ips[i], self->release_ips[j]))
          return g_strdup_printf (_("%s is picked twice."), self->release_ips[i]);
    }
  return NULL;
}

static char *
validate_website (SdRequest  *self,
                  char      **advice)
{
  g_autofree char *url = sd_request_strip_dup (self->website_url);
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (*url == '\0')
    {
      if (self->kind == SD_REQUEST_KIND_DEDICATED_IPS || may_use_put_account_details (self))
        return g_strdup (_("Enter your website’s address: AWS uses it to understand the mail you send."));
      *advice = g_strdup (_("Not required, but AWS strongly recommends it: it helps them assess the request."));
      return NULL;
    }
  if (g_utf8_strlen (url, -1) > MAX_WEBSITE_CHARS)
    return g_strdup_printf (_("The address is too long: at most %d characters."), MAX_WEBSITE_CHARS);
  for (const char *p = url; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return g_strdup (_("An address has no spaces."));
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return g_strdup (_("Enter a full address, such as https://example.com."));
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return g_strdup (_("Use an address that starts with https:// or http://."));
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return g_strdup (_("Enter a full address, such as https://example.com."));
  if (strchr (host, '.') == NULL && !g_hostname_is_ip_address (host))
    return g_strdup (_("The address needs a domain name, such as example.com."));
  return NULL;
}

static char *
validate_answer (SdRequest      *self,
                 SdRequestField  field)
{
  SdAnswer answer = self->answers[sd_request_answer_index (field)];

  if (answer == SD_ANSWER_UNSET)
    return g_strdup (_("Answer this question."));
  if (answer == SD_ANSWER_YES)
    return NULL;
  switch (field)
    {
    case SD_REQUEST_FIELD_COMPLIES_WITH_TERMS:
      return g_strdup (_("AWS grants requests only for mail that complies with the AWS Service Terms and "
                         "Acceptable Use Policy."));
    case SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS:
      return g_strdup (_("AWS grants requests only for mail to recipients who asked for it."));
    case SD_REQUEST_FIELD_HANDLES_BOUNCES:
    default:
      return g_strdup (_("AWS grants requests only to senders who handle bounces and complaints: set up "
                         "a process (for example SNS notifications) first."));
    }
}

static char *
validate_use_case (SdRequest *self)
{
  g_autofree char *text = sd_request_strip_dup (self->use_case);
  glong length = g_utf8_strlen (text, -1);

  if (length == 0)
    return g_strdup (self->kind == SD_REQUEST_KIND_DEDICATED_IPS
                     ? _("Say why you want dedicated rather than shared IP addresses, and how you will send.")
                     : self->kind == SD_REQUEST_KIND_RELEASE_IPS
                     ? _("Say that you want to release dedicated IP addresses, and how many.")
                     : _("Describe the mail you send and how it fits your business."));
  if (length < MIN_USE_CASE_CHARS)
    return g_strdup_printf (_("Describe it in a few more words (at least %d characters)."), MIN_USE_CASE_CHARS);

  /* The limits apply to the text as rendered, with every other field in
   * it; with no region yet, measure with the longest region code. */
  for (guint i = 0; i == 0 || self->regions[i] != NULL; i++)
    {
      const char *region = self->regions[i] != NULL ? self->regions[i] : "ap-southeast-5";
      SdRequestRoute route = sd_request_get_route (self, region);
      g_autofree char *body = sd_case_text_body (self, region, NULL);
      glong body_length = sd_case_text_length (body);

      if (body_length > SD_CASE_TEXT_MAX_BODY)
        return g_strdup_printf (_("The case text would be %ld characters; AWS takes at most %d: shorten "
                                  "the description by %ld."), body_length, SD_CASE_TEXT_MAX_BODY,
                                body_length - SD_CASE_TEXT_MAX_BODY);
      if (self->kind == SD_REQUEST_KIND_SENDING_LIMITS &&
          (route == SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS || route == SD_REQUEST_ROUTE_UNKNOWN))
        {
          g_autofree char *description = sd_case_text_use_case (self, region, NULL);
          glong description_length = sd_case_text_length (description);

          if (description_length > SD_CASE_TEXT_MAX_USE_CASE)
            return g_strdup_printf (_("The description sent to SES would be %ld characters; SES takes at "
                                      "most %d: shorten it by %ld."), description_length,
                                    SD_CASE_TEXT_MAX_USE_CASE, description_length - SD_CASE_TEXT_MAX_USE_CASE);
        }
      if (self->regions[i] == NULL)
        break;
    }
  return NULL;
}

static char *
validate_contacts (SdRequest *self)
{
  g_auto(GStrv) list = sd_request_dup_contact_email_list (self);
  guint n = g_strv_length (list);
  guint max = self->kind == SD_REQUEST_KIND_SENDING_LIMITS ? MAX_CC_ACCOUNT : MAX_CC_CASE;

  for (guint i = 0; i < n; i++)
    if (!email_is_valid (list[i]))
      return g_strdup_printf (_("“%s” is not an e-mail address."), list[i]);
  if (n > max)
    return g_strdup_printf (self->kind == SD_REQUEST_KIND_SENDING_LIMITS
                            ? _("SES takes at most %u additional contacts.")
                            : _("A case takes at most %u additional contacts."), max);
  return NULL;
}

gboolean
sd_request_get_limit_number (SdRequest *self,
                             guint64   *value)
{
  gboolean empty;
  guint64 v = 0;
  gboolean ok;

  g_return_val_if_fail (SD_IS_REQUEST (self), FALSE);
  ok = parse_number (self->limit_value, &v, &empty) && v > 0 && v <= MAX_NUMBER;
  if (value != NULL)
    *value = v;
  return ok;
}

gboolean
sd_request_get_ip_number (SdRequest *self,
                          guint64   *value)
{
  gboolean empty;
  guint64 v = 0;
  gboolean ok;

  g_return_val_if_fail (SD_IS_REQUEST (self), FALSE);
  ok = parse_number (self->ip_count, &v, &empty) && v > 0 && v <= MAX_NUMBER;
  if (value != NULL)
    *value = v;
  return ok;
}

gboolean
sd_request_validate_fields (SdRequest *self)
{
  gboolean valid = TRUE;
  guint n = 0;
  const SdRequestField *fields = sd_request_kind_get_fields (self->kind, &n);

  for (guint i = 0; i < SD_REQUEST_N_FIELDS; i++)
    {
      g_clear_pointer (&self->errors[i], g_free);
      g_clear_pointer (&self->advice[i], g_free);
    }

  /* Measuring the text must not hand out references. */
  self->validating = TRUE;
  for (guint i = 0; i < n; i++)
    {
      SdRequestField field = fields[i];
      char *error = NULL;
      char *advice = NULL;

      switch (field)
        {
        case SD_REQUEST_FIELD_REGIONS:
          error = validate_regions (self);
          break;
        case SD_REQUEST_FIELD_LIMIT_VALUE:
          error = validate_limit_value (self);
          break;
        case SD_REQUEST_FIELD_IP_COUNT:
          error = validate_ip_count (self, &advice);
          break;
        case SD_REQUEST_FIELD_RELEASE_IPS:
          error = validate_release_ips (self);
          break;
        case SD_REQUEST_FIELD_MAIL_TYPE:
          if (self->mail_type == SD_MAIL_TYPE_NONE)
            error = g_strdup (_("Choose the type that fits most of your mail."));
          break;
        case SD_REQUEST_FIELD_WEBSITE_URL:
          error = validate_website (self, &advice);
          break;
        case SD_REQUEST_FIELD_COMPLIES_WITH_TERMS:
        case SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS:
        case SD_REQUEST_FIELD_HANDLES_BOUNCES:
          error = validate_answer (self, field);
          break;
        case SD_REQUEST_FIELD_USE_CASE:
          error = validate_use_case (self);
          break;
        case SD_REQUEST_FIELD_SUPPORT_LANGUAGE:
          if (!sd_case_text_language_is_known (self->support_language))
            error = g_strdup (_("Choose English, Japanese, Chinese or Korean."));
          else if (self->kind == SD_REQUEST_KIND_SENDING_LIMITS &&
                   !g_str_equal (self->support_language, "en") && !g_str_equal (self->support_language, "ja"))
            advice = g_strdup (_("Leaving the sandbox goes through SES, which answers only in English or "
                                 "Japanese: the review case will be in English. What SES Desk writes stays "
                                 "in the language chosen here."));
          break;
        case SD_REQUEST_FIELD_CONTACT_EMAILS:
          error = validate_contacts (self);
          break;
        case SD_REQUEST_FIELD_LIMIT:
        case SD_REQUEST_FIELD_CONTACT_METHOD:
        case SD_REQUEST_N_FIELDS:
        default:
          break;
        }
      self->errors[field] = error;
      self->advice[field] = advice;
      if (error != NULL)
        valid = FALSE;
    }
  self->validating = FALSE;
  return valid;
}
