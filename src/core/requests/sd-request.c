/* sd-request.c — one request to AWS as the SES guide's case forms describe it (docs/ses-guide.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-aws-endpoints.h"
#include "sd-aws-json.h"
#include "sd-case-text.h"
#include "sd-request.h"
#include "sd-service-quotas.h"

#define MAX_NUMBER          G_GUINT64_CONSTANT (1000000000000)
#define MIN_USE_CASE_CHARS  10
#define MAX_WEBSITE_CHARS   1000
#define MAX_CC_CASE         10
#define MAX_CC_ACCOUNT      4
#define SANDBOX_DAILY       200
#define SANDBOX_RATE        1

/* What the request knows of one region. */
typedef struct {
  SdSandboxState state;
  double         max24;
  double         maxrate;
  int            n_ips;
} RegionInfo;

struct _SdRequest
{
  GObject        parent_instance;

  SdRequestKind  kind;
  char          *id;                /* owned */
  gint64         created;
  gint64         modified;

  /* The user's fields, as typed. */
  char          *profile;           /* owned, nullable */
  GStrv          regions;           /* owned, never NULL */
  SdLimitKind    limit;
  char          *limit_value;       /* owned, never NULL */
  char          *ip_count;          /* owned, never NULL */
  GStrv          release_ips;       /* owned, never NULL */
  SdMailType     mail_type;
  char          *website_url;       /* owned, never NULL */
  SdAnswer       answers[3];        /* terms, recipients, bounces */
  char          *use_case;          /* owned, never NULL */
  char          *support_language;  /* owned */
  char          *contact_emails;    /* owned, never NULL */

  GHashTable    *references;        /* region → reference; kept in the draft */
  GHashTable    *quota_regions;     /* set: denied regions sent through Service Quotas */
  gboolean       ses_case;          /* dedicated IPs: an API case to SES support instead */

  /* Learnt, not saved. */
  GHashTable    *region_info;       /* region → RegionInfo */
  GHashTable    *quota_codes;       /* region → confirmed quota code */
  char          *service_code;      /* owned, nullable */
  char          *category_code;     /* owned, nullable */
  gboolean       support_api;

  /* Validation results, by field; owned, nullable. */
  char          *errors[SD_REQUEST_N_FIELDS];
  char          *advice[SD_REQUEST_N_FIELDS];
  gboolean       valid;
  gboolean       validating;
  guint          freeze;
};

G_DEFINE_FINAL_TYPE (SdRequest, sd_request, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SdRequestKind, sd_request_kind,
  G_DEFINE_ENUM_VALUE (SD_REQUEST_KIND_DEDICATED_IPS, "dedicated-ips"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_KIND_RELEASE_IPS, "release-ips"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_KIND_SENDING_LIMITS, "sending-limits"))

G_DEFINE_ENUM_TYPE (SdRequestField, sd_request_field,
  G_DEFINE_ENUM_VALUE (SD_REQUEST_FIELD_REGIONS, "regions"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_FIELD_LIMIT, "limit"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_FIELD_LIMIT_VALUE, "limit-value"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_FIELD_IP_COUNT, "ip-count"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_FIELD_RELEASE_IPS, "release-ips"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_FIELD_MAIL_TYPE, "mail-type"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_FIELD_WEBSITE_URL, "website-url"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_FIELD_COMPLIES_WITH_TERMS, "complies-with-terms"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS, "only-requested-recipients"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_FIELD_HANDLES_BOUNCES, "handles-bounces"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_FIELD_USE_CASE, "use-case"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_FIELD_SUPPORT_LANGUAGE, "support-language"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_FIELD_CONTACT_METHOD, "contact-method"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_FIELD_CONTACT_EMAILS, "contact-emails"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_N_FIELDS, "n-fields"))

G_DEFINE_ENUM_TYPE (SdLimitKind, sd_limit_kind,
  G_DEFINE_ENUM_VALUE (SD_LIMIT_DAILY_QUOTA, "daily-quota"),
  G_DEFINE_ENUM_VALUE (SD_LIMIT_SEND_RATE, "send-rate"))

G_DEFINE_ENUM_TYPE (SdMailType, sd_mail_type,
  G_DEFINE_ENUM_VALUE (SD_MAIL_TYPE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (SD_MAIL_TYPE_TRANSACTIONAL, "transactional"),
  G_DEFINE_ENUM_VALUE (SD_MAIL_TYPE_SYSTEM_NOTIFICATIONS, "system-notifications"),
  G_DEFINE_ENUM_VALUE (SD_MAIL_TYPE_SUBSCRIPTION, "subscription"),
  G_DEFINE_ENUM_VALUE (SD_MAIL_TYPE_MARKETING, "marketing"),
  G_DEFINE_ENUM_VALUE (SD_MAIL_TYPE_OTHER, "other"))

G_DEFINE_ENUM_TYPE (SdAnswer, sd_answer,
  G_DEFINE_ENUM_VALUE (SD_ANSWER_UNSET, "unset"),
  G_DEFINE_ENUM_VALUE (SD_ANSWER_YES, "yes"),
  G_DEFINE_ENUM_VALUE (SD_ANSWER_NO, "no"))

G_DEFINE_ENUM_TYPE (SdRequestRoute, sd_request_route,
  G_DEFINE_ENUM_VALUE (SD_REQUEST_ROUTE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS, "put-account-details"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_ROUTE_SERVICE_QUOTAS, "service-quotas"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_ROUTE_SUPPORT_CASE, "support-case"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_ROUTE_SUPPORT_CENTER, "support-center"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_ROUTE_NONE, "none"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_ID,
  PROP_PROFILE,
  PROP_REGIONS,
  PROP_REGION,
  PROP_LIMIT,
  PROP_LIMIT_VALUE,
  PROP_IP_COUNT,
  PROP_RELEASE_IPS,
  PROP_MAIL_TYPE,
  PROP_WEBSITE_URL,
  PROP_COMPLIES_WITH_TERMS,
  PROP_ONLY_REQUESTED_RECIPIENTS,
  PROP_HANDLES_BOUNCES,
  PROP_USE_CASE,
  PROP_SUPPORT_LANGUAGE,
  PROP_CONTACT_EMAILS,
  PROP_VALID,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const SdRequestField dedicated_fields[] = {
  SD_REQUEST_FIELD_REGIONS,
  SD_REQUEST_FIELD_LIMIT_VALUE,
  SD_REQUEST_FIELD_IP_COUNT,
  SD_REQUEST_FIELD_MAIL_TYPE,
  SD_REQUEST_FIELD_WEBSITE_URL,
  SD_REQUEST_FIELD_COMPLIES_WITH_TERMS,
  SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS,
  SD_REQUEST_FIELD_HANDLES_BOUNCES,
  SD_REQUEST_FIELD_USE_CASE,
  SD_REQUEST_FIELD_SUPPORT_LANGUAGE,
  SD_REQUEST_FIELD_CONTACT_METHOD,
  SD_REQUEST_FIELD_CONTACT_EMAILS,
};

static const SdRequestField release_fields[] = {
  SD_REQUEST_FIELD_REGIONS,
  SD_REQUEST_FIELD_IP_COUNT,
  SD_REQUEST_FIELD_RELEASE_IPS,
  SD_REQUEST_FIELD_USE_CASE,
  SD_REQUEST_FIELD_SUPPORT_LANGUAGE,
  SD_REQUEST_FIELD_CONTACT_METHOD,
  SD_REQUEST_FIELD_CONTACT_EMAILS,
};

static const SdRequestField limits_fields[] = {
  SD_REQUEST_FIELD_REGIONS,
  SD_REQUEST_FIELD_LIMIT,
  SD_REQUEST_FIELD_LIMIT_VALUE,
  SD_REQUEST_FIELD_MAIL_TYPE,
  SD_REQUEST_FIELD_WEBSITE_URL,
  SD_REQUEST_FIELD_COMPLIES_WITH_TERMS,
  SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS,
  SD_REQUEST_FIELD_HANDLES_BOUNCES,
  SD_REQUEST_FIELD_USE_CASE,
  SD_REQUEST_FIELD_SUPPORT_LANGUAGE,
  SD_REQUEST_FIELD_CONTACT_EMAILS,
};

static const char * const support_languages[] = { "en", "ja", "zh", "ko", NULL };

/* The reference alphabet: no 0/O, 1/I/L, so that it reads back unambiguously. */
static const char reference_alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

static void revalidate (SdRequest *self);

/* Auxiliary functions */

static int
answer_index (SdRequestField question)
{
  switch (question)
    {
    case SD_REQUEST_FIELD_COMPLIES_WITH_TERMS:
      return 0;
    case SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS:
      return 1;
    case SD_REQUEST_FIELD_HANDLES_BOUNCES:
      return 2;
    default:
      return -1;
    }
}

static char *
strip_dup (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

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

static RegionInfo *
region_info (SdRequest  *self,
             const char *region)
{
  return region != NULL ? g_hash_table_lookup (self->region_info, region) : NULL;
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
      RegionInfo *info = region_info (self, region);
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
validate_ip_count (SdRequest *self,
                   char     **advice)
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
      RegionInfo *info = region_info (self, self->regions[0]);

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
validate_website (SdRequest *self,
                  char     **advice)
{
  g_autofree char *url = strip_dup (self->website_url);
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
  SdAnswer answer = self->answers[answer_index (field)];

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
  g_autofree char *text = strip_dup (self->use_case);
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

static void
revalidate (SdRequest *self)
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

  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

/* After a change by the user: a new modification time, then validation. */
static void
user_changed (SdRequest *self,
              guint      prop_id)
{
  if (prop_id != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  self->modified = g_get_real_time () / G_USEC_PER_SEC;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  revalidate (self);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value != NULL ? value : "") == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value != NULL ? value : "");
  return TRUE;
}

static gboolean
set_strv (GStrv              *field,
          const char * const *value)
{
  static const char * const empty[] = { NULL };

  if (value == NULL)
    value = empty;
  if (g_strv_equal ((const char * const *) *field, value))
    return FALSE;
  g_strfreev (*field);
  *field = g_strdupv ((char **) value);
  return TRUE;
}

static JsonArray *
strv_to_array (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

static GStrv
array_to_strv (JsonArray *array)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (out, g_strdup (json_node_get_string (node)));
    }
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  return v != NULL ? v->value_nick : NULL;
}

static int
enum_from_nick (GType       type,
                const char *nick,
                int         fallback)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  return v != NULL ? v->value : fallback;
}

/* Overrides */

static void
sd_request_finalize (GObject *object)
{
  SdRequest *self = SD_REQUEST (object);

  g_free (self->id);
  g_free (self->profile);
  g_strfreev (self->regions);
  g_free (self->limit_value);
  g_free (self->ip_count);
  g_strfreev (self->release_ips);
  g_free (self->website_url);
  g_free (self->use_case);
  g_free (self->support_language);
  g_free (self->contact_emails);
  g_hash_table_unref (self->references);
  g_hash_table_unref (self->quota_regions);
  g_hash_table_unref (self->region_info);
  g_hash_table_unref (self->quota_codes);
  g_free (self->service_code);
  g_free (self->category_code);
  for (guint i = 0; i < SD_REQUEST_N_FIELDS; i++)
    {
      g_free (self->errors[i]);
      g_free (self->advice[i]);
    }

  G_OBJECT_CLASS (sd_request_parent_class)->finalize (object);
}

static void
sd_request_constructed (GObject *object)
{
  SdRequest *self = SD_REQUEST (object);

  G_OBJECT_CLASS (sd_request_parent_class)->constructed (object);
  if (self->id == NULL)
    self->id = g_uuid_string_random ();
  revalidate (self);
}

static void
sd_request_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SdRequest *self = SD_REQUEST (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case PROP_REGIONS:
      g_value_set_boxed (value, self->regions);
      break;
    case PROP_REGION:
      g_value_set_string (value, self->regions[0]);
      break;
    case PROP_LIMIT:
      g_value_set_enum (value, self->limit);
      break;
    case PROP_LIMIT_VALUE:
      g_value_set_string (value, self->limit_value);
      break;
    case PROP_IP_COUNT:
      g_value_set_string (value, self->ip_count);
      break;
    case PROP_RELEASE_IPS:
      g_value_set_boxed (value, self->release_ips);
      break;
    case PROP_MAIL_TYPE:
      g_value_set_enum (value, self->mail_type);
      break;
    case PROP_WEBSITE_URL:
      g_value_set_string (value, self->website_url);
      break;
    case PROP_COMPLIES_WITH_TERMS:
      g_value_set_enum (value, self->answers[0]);
      break;
    case PROP_ONLY_REQUESTED_RECIPIENTS:
      g_value_set_enum (value, self->answers[1]);
      break;
    case PROP_HANDLES_BOUNCES:
      g_value_set_enum (value, self->answers[2]);
      break;
    case PROP_USE_CASE:
      g_value_set_string (value, self->use_case);
      break;
    case PROP_SUPPORT_LANGUAGE:
      g_value_set_string (value, self->support_language);
      break;
    case PROP_CONTACT_EMAILS:
      g_value_set_string (value, self->contact_emails);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    case PROP_MODIFIED:
      g_value_set_int64 (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_request_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SdRequest *self = SD_REQUEST (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;
    case PROP_PROFILE:
      sd_request_set_profile (self, g_value_get_string (value));
      break;
    case PROP_REGIONS:
      sd_request_set_regions (self, g_value_get_boxed (value));
      break;
    case PROP_REGION:
      sd_request_set_region (self, g_value_get_string (value));
      break;
    case PROP_LIMIT:
      sd_request_set_limit (self, g_value_get_enum (value));
      break;
    case PROP_LIMIT_VALUE:
      sd_request_set_limit_value (self, g_value_get_string (value));
      break;
    case PROP_IP_COUNT:
      sd_request_set_ip_count (self, g_value_get_string (value));
      break;
    case PROP_RELEASE_IPS:
      sd_request_set_release_ips (self, g_value_get_boxed (value));
      break;
    case PROP_MAIL_TYPE:
      sd_request_set_mail_type (self, g_value_get_enum (value));
      break;
    case PROP_WEBSITE_URL:
      sd_request_set_website_url (self, g_value_get_string (value));
      break;
    case PROP_COMPLIES_WITH_TERMS:
      sd_request_set_answer (self, SD_REQUEST_FIELD_COMPLIES_WITH_TERMS, g_value_get_enum (value));
      break;
    case PROP_ONLY_REQUESTED_RECIPIENTS:
      sd_request_set_answer (self, SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS, g_value_get_enum (value));
      break;
    case PROP_HANDLES_BOUNCES:
      sd_request_set_answer (self, SD_REQUEST_FIELD_HANDLES_BOUNCES, g_value_get_enum (value));
      break;
    case PROP_USE_CASE:
      sd_request_set_use_case (self, g_value_get_string (value));
      break;
    case PROP_SUPPORT_LANGUAGE:
      sd_request_set_support_language (self, g_value_get_string (value));
      break;
    case PROP_CONTACT_EMAILS:
      sd_request_set_contact_emails (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_request_class_init (SdRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sd_request_finalize;
  object_class->constructed = sd_request_constructed;
  object_class->get_property = sd_request_get_property;
  object_class->set_property = sd_request_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, SD_TYPE_REQUEST_KIND, SD_REQUEST_KIND_DEDICATED_IPS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] = g_param_spec_string ("profile", NULL, NULL, NULL, rw);
  properties[PROP_REGIONS] = g_param_spec_boxed ("regions", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL, rw);
  properties[PROP_LIMIT] =
    g_param_spec_enum ("limit", NULL, NULL, SD_TYPE_LIMIT_KIND, SD_LIMIT_DAILY_QUOTA, rw);
  properties[PROP_LIMIT_VALUE] = g_param_spec_string ("limit-value", NULL, NULL, "", rw);
  properties[PROP_IP_COUNT] = g_param_spec_string ("ip-count", NULL, NULL, "", rw);
  properties[PROP_RELEASE_IPS] = g_param_spec_boxed ("release-ips", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_MAIL_TYPE] =
    g_param_spec_enum ("mail-type", NULL, NULL, SD_TYPE_MAIL_TYPE, SD_MAIL_TYPE_NONE, rw);
  properties[PROP_WEBSITE_URL] = g_param_spec_string ("website-url", NULL, NULL, "", rw);
  properties[PROP_COMPLIES_WITH_TERMS] =
    g_param_spec_enum ("complies-with-terms", NULL, NULL, SD_TYPE_ANSWER, SD_ANSWER_UNSET, rw);
  properties[PROP_ONLY_REQUESTED_RECIPIENTS] =
    g_param_spec_enum ("only-requested-recipients", NULL, NULL, SD_TYPE_ANSWER, SD_ANSWER_UNSET, rw);
  properties[PROP_HANDLES_BOUNCES] =
    g_param_spec_enum ("handles-bounces", NULL, NULL, SD_TYPE_ANSWER, SD_ANSWER_UNSET, rw);
  properties[PROP_USE_CASE] = g_param_spec_string ("use-case", NULL, NULL, "", rw);
  properties[PROP_SUPPORT_LANGUAGE] = g_param_spec_string ("support-language", NULL, NULL, "en", rw);
  properties[PROP_CONTACT_EMAILS] = g_param_spec_string ("contact-emails", NULL, NULL, "", rw);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_int64 ("modified", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SdRequest::changed:
   *
   * After any change (a field, or what is known of a region), once the
   * fields are validated again: refresh reasons and the preview.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sd_request_init (SdRequest *self)
{
  self->regions = g_new0 (char *, 1);
  self->release_ips = g_new0 (char *, 1);
  self->limit_value = g_strdup ("");
  self->ip_count = g_strdup ("");
  self->website_url = g_strdup ("");
  self->use_case = g_strdup ("");
  self->contact_emails = g_strdup ("");
  self->support_language = g_strdup (sd_request_default_support_language ());
  self->references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->quota_regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->region_info = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->quota_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->support_api = TRUE;
  self->created = g_get_real_time () / G_USEC_PER_SEC;
  self->modified = self->created;
}

/* Public API: kinds, fields, enums */

/** The kind's id for files and JSON. */
const char *
sd_request_kind_to_id (SdRequestKind kind)
{
  return enum_nick (SD_TYPE_REQUEST_KIND, kind);
}

/** Parses a kind's id; FALSE when unknown. */
gboolean
sd_request_kind_from_id (const char    *id,
                         SdRequestKind *kind)
{
  int value = enum_from_nick (SD_TYPE_REQUEST_KIND, id, -1);

  if (value < 0)
    return FALSE;
  *kind = value;
  return TRUE;
}

/** The dialog's title. */
const char *
sd_request_kind_get_title (SdRequestKind kind)
{
  switch (kind)
    {
    case SD_REQUEST_KIND_DEDICATED_IPS:
      return _("Request Dedicated IP Addresses");
    case SD_REQUEST_KIND_RELEASE_IPS:
      return _("Release Dedicated IP Addresses");
    case SD_REQUEST_KIND_SENDING_LIMITS:
    default:
      return _("Leave the Sandbox or Raise Sending Limits");
    }
}

/** The kind's fields in the guide's order (docs/ses-guide.md). */
const SdRequestField *
sd_request_kind_get_fields (SdRequestKind  kind,
                            guint         *n_fields)
{
  switch (kind)
    {
    case SD_REQUEST_KIND_DEDICATED_IPS:
      *n_fields = G_N_ELEMENTS (dedicated_fields);
      return dedicated_fields;
    case SD_REQUEST_KIND_RELEASE_IPS:
      *n_fields = G_N_ELEMENTS (release_fields);
      return release_fields;
    case SD_REQUEST_KIND_SENDING_LIMITS:
    default:
      *n_fields = G_N_ELEMENTS (limits_fields);
      return limits_fields;
    }
}

/** The field's label. */
const char *
sd_request_field_get_label (SdRequestField field,
                            SdRequestKind  kind)
{
  switch (field)
    {
    case SD_REQUEST_FIELD_REGIONS:
      return kind == SD_REQUEST_KIND_SENDING_LIMITS ? _("Regions") : _("Region");
    case SD_REQUEST_FIELD_LIMIT:
      return _("Limit");
    case SD_REQUEST_FIELD_LIMIT_VALUE:
      return kind == SD_REQUEST_KIND_DEDICATED_IPS ? _("Desired daily sending quota") : _("New limit value");
    case SD_REQUEST_FIELD_IP_COUNT:
      return kind == SD_REQUEST_KIND_RELEASE_IPS ? _("How many to release") : _("Number of dedicated IP addresses");
    case SD_REQUEST_FIELD_RELEASE_IPS:
      return _("Which addresses");
    case SD_REQUEST_FIELD_MAIL_TYPE:
      return _("Mail type");
    case SD_REQUEST_FIELD_WEBSITE_URL:
      return _("Website URL");
    case SD_REQUEST_FIELD_COMPLIES_WITH_TERMS:
      return _("My email sending complies with the AWS Service Terms and AUP");
    case SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS:
      return _("I only send to recipients who have specifically requested my mail");
    case SD_REQUEST_FIELD_HANDLES_BOUNCES:
      return _("I have a process to handle bounces and complaints");
    case SD_REQUEST_FIELD_USE_CASE:
      return _("Use case description");
    case SD_REQUEST_FIELD_SUPPORT_LANGUAGE:
      return _("Support language");
    case SD_REQUEST_FIELD_CONTACT_METHOD:
      return _("Contact method");
    case SD_REQUEST_FIELD_CONTACT_EMAILS:
      return _("Additional contacts");
    case SD_REQUEST_N_FIELDS:
    default:
      return NULL;
    }
}

/** The field's explanation, from the SES guide (docs/ses-guide.md). */
const char *
sd_request_field_get_help (SdRequestField field,
                           SdRequestKind  kind)
{
  switch (field)
    {
    case SD_REQUEST_FIELD_REGIONS:
      return kind == SD_REQUEST_KIND_SENDING_LIMITS
        ? _("The sandbox and the sending limits apply per region; each region chosen gets its own request.")
        : _("Dedicated IP addresses belong to one region: an address leased for US West (Oregon) cannot "
            "send from US East (N. Virginia).");
    case SD_REQUEST_FIELD_LIMIT:
      return _("The daily sending quota (messages per 24 hours) or the maximum send rate (messages per "
               "second). SES may receive mail more slowly than the maximum send rate.");
    case SD_REQUEST_FIELD_LIMIT_VALUE:
      return kind == SD_REQUEST_KIND_DEDICATED_IPS
        ? _("About how many messages a day you expect to send from the dedicated IP addresses.")
        : _("Ask only for what you need: the higher the value, the more reason AWS wants, and it may grant less.");
    case SD_REQUEST_FIELD_IP_COUNT:
      return kind == SD_REQUEST_KIND_RELEASE_IPS
        ? _("How many dedicated IP addresses to release; AWS confirms them in the case before it releases them.")
        : _("3 or more are recommended: the addresses are spread over the region's availability zones, so "
            "a zone being down does not stop your mail. Each address costs a monthly fee.");
    case SD_REQUEST_FIELD_RELEASE_IPS:
      return _("Optional: pick the addresses to release, else AWS asks which.");
    case SD_REQUEST_FIELD_MAIL_TYPE:
      return _("The type of most of the mail you send. SES itself knows only Marketing and Transactional; "
               "your choice is written into the description.");
    case SD_REQUEST_FIELD_WEBSITE_URL:
      return _("Your website helps AWS understand the content you plan to send.");
    case SD_REQUEST_FIELD_COMPLIES_WITH_TERMS:
      return _("Your mail complies with the AWS Service Terms and the AWS Acceptable Use Policy.");
    case SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS:
      return _("You send only to people who asked for your mail, and keep your lists clean.");
    case SD_REQUEST_FIELD_HANDLES_BOUNCES:
      return _("You watch and handle bounces and complaints (for example with SNS notifications and the "
               "suppression list).");
    case SD_REQUEST_FIELD_USE_CASE:
      return kind == SD_REQUEST_KIND_DEDICATED_IPS
        ? _("Why you want dedicated rather than shared IP addresses, how many, and how you will send mail "
            "through them.")
        : kind == SD_REQUEST_KIND_RELEASE_IPS
        ? _("That you want to release dedicated IP addresses, and how many.")
        : _("As much detail as you can: what mail you send, to whom, how it fits your business, and how you "
            "keep it wanted. The more you ask for, the more AWS wants to know.");
    case SD_REQUEST_FIELD_SUPPORT_LANGUAGE:
      return _("The language AWS answers in; SES Desk writes the case in it.");
    case SD_REQUEST_FIELD_CONTACT_METHOD:
      return _("AWS answers in the Support Center; SES Desk shows the answers.");
    case SD_REQUEST_FIELD_CONTACT_EMAILS:
      return _("Optional: more addresses AWS writes to about this request.");
    case SD_REQUEST_N_FIELDS:
    default:
      return NULL;
    }
}

/** The property a widget binds the field to. */
const char *
sd_request_field_get_property (SdRequestField field)
{
  if (field == SD_REQUEST_FIELD_CONTACT_METHOD || field >= SD_REQUEST_N_FIELDS)
    return NULL;
  return enum_nick (SD_TYPE_REQUEST_FIELD, field);
}

/** FALSE for fields shown but fixed. */
gboolean
sd_request_field_is_editable (SdRequestField field)
{
  return field != SD_REQUEST_FIELD_CONTACT_METHOD && field < SD_REQUEST_N_FIELDS;
}

/** FALSE for fields that may stay empty. */
gboolean
sd_request_field_is_required (SdRequestField field,
                              SdRequestKind  kind)
{
  switch (field)
    {
    case SD_REQUEST_FIELD_RELEASE_IPS:
    case SD_REQUEST_FIELD_CONTACT_EMAILS:
    case SD_REQUEST_FIELD_CONTACT_METHOD:
      return FALSE;
    case SD_REQUEST_FIELD_WEBSITE_URL:
      return kind != SD_REQUEST_KIND_RELEASE_IPS;
    default:
      return field < SD_REQUEST_N_FIELDS;
    }
}

/** The mail type in words. */
const char *
sd_mail_type_get_label (SdMailType type)
{
  switch (type)
    {
    case SD_MAIL_TYPE_TRANSACTIONAL:
      return _("Transactional");
    case SD_MAIL_TYPE_SYSTEM_NOTIFICATIONS:
      return _("System notifications");
    case SD_MAIL_TYPE_SUBSCRIPTION:
      return _("Subscription");
    case SD_MAIL_TYPE_MARKETING:
      return _("Marketing");
    case SD_MAIL_TYPE_OTHER:
      return _("Other");
    case SD_MAIL_TYPE_NONE:
    default:
      return _("Not chosen");
    }
}

/** PutAccountDetails' MailType for @type. */
const char *
sd_mail_type_to_api (SdMailType type)
{
  switch (type)
    {
    case SD_MAIL_TYPE_TRANSACTIONAL:
    case SD_MAIL_TYPE_SYSTEM_NOTIFICATIONS:
      return "TRANSACTIONAL";
    /* Subscription mail is sent in bulk like marketing; "Other" is declared
     * as the broader kind so that the review does not understate it. */
    case SD_MAIL_TYPE_SUBSCRIPTION:
    case SD_MAIL_TYPE_MARKETING:
    case SD_MAIL_TYPE_OTHER:
      return "MARKETING";
    case SD_MAIL_TYPE_NONE:
    default:
      return NULL;
    }
}

/** The limit in words. */
const char *
sd_limit_kind_get_label (SdLimitKind limit)
{
  return limit == SD_LIMIT_SEND_RATE ? _("Desired maximum send rate (per second)")
                                     : _("Desired daily sending quota (per 24 hours)");
}

/** The four support languages. */
const char * const *
sd_request_support_languages (void)
{
  return support_languages;
}

/** The language's name in the UI language. */
const char *
sd_request_support_language_label (const char *language)
{
  if (g_strcmp0 (language, "ja") == 0)
    return _("Japanese");
  if (g_strcmp0 (language, "zh") == 0)
    return _("Chinese (Simplified)");
  if (g_strcmp0 (language, "ko") == 0)
    return _("Korean");
  return _("English");
}

/** The UI language when AWS Support writes in it, else English. */
const char *
sd_request_default_support_language (void)
{
  const char * const *names = g_get_language_names ();

  /* The same order gettext picks the UI's translation in. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = names[i];

      if (g_str_equal (name, "C") || g_str_equal (name, "POSIX"))
        break;
      for (guint j = 0; support_languages[j] != NULL; j++)
        if (g_str_has_prefix (name, support_languages[j]) &&
            (name[2] == '\0' || name[2] == '_' || name[2] == '.' || name[2] == '@'))
          return support_languages[j];
    }
  return "en";
}

/** The support language a setting ("auto", "en", "ja", "zh", "ko") stands for. */
const char *
sd_request_resolve_support_language (const char *setting)
{
  for (guint j = 0; support_languages[j] != NULL; j++)
    if (g_strcmp0 (setting, support_languages[j]) == 0)
      return support_languages[j];
  return sd_request_default_support_language ();
}

/** A quota request's status in words. */
const char *
sd_quota_request_status_label (const char *status)
{
  /* Translators: the status of a Service Quotas request, used in "Service Quotas request … in … is %s"
   * and "… is already open (%s, case …)" */
  if (status == NULL || g_str_equal (status, "PENDING"))
    return C_("quota request", "pending");
  if (g_str_equal (status, "CASE_OPENED"))
    return C_("quota request", "with AWS Support");
  if (g_str_equal (status, "APPROVED"))
    return C_("quota request", "approved");
  if (g_str_equal (status, "DENIED") || g_str_equal (status, "NOT_APPROVED"))
    return C_("quota request", "not approved");
  if (g_str_equal (status, "CASE_CLOSED"))
    return C_("quota request", "closed");
  if (g_str_equal (status, "INVALID_REQUEST"))
    return C_("quota request", "invalid");
  return status;
}

/** ContactLanguage for PutAccountDetails. */
const char *
sd_request_contact_language_for (const char *language)
{
  return g_strcmp0 (language, "ja") == 0 ? "JA" : "EN";
}

/* Public API: the request */

/** A new, empty request. */
SdRequest *
sd_request_new (SdRequestKind kind)
{
  return g_object_new (SD_TYPE_REQUEST, "kind", kind, NULL);
}

/** A request from its JSON form. */
SdRequest *
sd_request_new_from_json (JsonObject  *object,
                          GError     **error)
{
  SdRequestKind kind;
  const char *id;
  SdRequest *self;
  JsonObject *references;
  g_auto(GStrv) regions = NULL;
  g_auto(GStrv) ips = NULL;
  g_auto(GStrv) quota_regions = NULL;

  if (object == NULL || !sd_request_kind_from_id (sd_json_get_string (object, "kind"), &kind))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The saved request is not one SES Desk knows."));
      return NULL;
    }
  id = sd_json_get_string (object, "id");
  if (id != NULL && !g_uuid_string_is_valid (id))
    id = NULL;

  self = g_object_new (SD_TYPE_REQUEST, "kind", kind, "id", id, NULL);
  self->freeze++;
  regions = array_to_strv (sd_json_get_array (object, "regions"));
  ips = array_to_strv (sd_json_get_array (object, "release_ips"));
  quota_regions = array_to_strv (sd_json_get_array (object, "quota_regions"));
  set_string (&self->profile, sd_json_get_string (object, "profile"));
  if (self->profile != NULL && *self->profile == '\0')
    g_clear_pointer (&self->profile, g_free);
  set_strv (&self->regions, (const char * const *) regions);
  self->limit = enum_from_nick (SD_TYPE_LIMIT_KIND, sd_json_get_string (object, "limit"), SD_LIMIT_DAILY_QUOTA);
  set_string (&self->limit_value, sd_json_get_string (object, "limit_value"));
  set_string (&self->ip_count, sd_json_get_string (object, "ip_count"));
  set_strv (&self->release_ips, (const char * const *) ips);
  self->mail_type = enum_from_nick (SD_TYPE_MAIL_TYPE, sd_json_get_string (object, "mail_type"), SD_MAIL_TYPE_NONE);
  set_string (&self->website_url, sd_json_get_string (object, "website_url"));
  self->answers[0] = enum_from_nick (SD_TYPE_ANSWER, sd_json_get_string (object, "complies_with_terms"), SD_ANSWER_UNSET);
  self->answers[1] = enum_from_nick (SD_TYPE_ANSWER, sd_json_get_string (object, "only_requested_recipients"),
                                     SD_ANSWER_UNSET);
  self->answers[2] = enum_from_nick (SD_TYPE_ANSWER, sd_json_get_string (object, "handles_bounces"), SD_ANSWER_UNSET);
  set_string (&self->use_case, sd_json_get_string (object, "use_case"));
  if (sd_json_get_string (object, "support_language") != NULL)
    set_string (&self->support_language, sd_json_get_string (object, "support_language"));
  set_string (&self->contact_emails, sd_json_get_string (object, "contact_emails"));
  self->ses_case = sd_json_get_boolean (object, "ses_support_case", FALSE);
  for (guint i = 0; quota_regions[i] != NULL; i++)
    g_hash_table_add (self->quota_regions, g_strdup (quota_regions[i]));
  references = sd_json_get_object (object, "references");
  if (references != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (references);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *reference = sd_json_get_string (references, l->data);

          if (reference != NULL)
            g_hash_table_replace (self->references, g_strdup (l->data), g_strdup (reference));
        }
    }
  self->created = (gint64) sd_json_get_double (object, "created", (double) self->created);
  self->modified = (gint64) sd_json_get_double (object, "modified", (double) self->modified);
  self->freeze--;
  revalidate (self);
  return self;
}

/** The draft form of the request. */
JsonObject *
sd_request_to_json (SdRequest *self)
{
  JsonObject *object = json_object_new ();
  JsonObject *references = json_object_new ();
  g_autoptr(GList) keys = NULL;
  g_autoptr(GPtrArray) quota_regions = g_ptr_array_new ();

  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);

  json_object_set_int_member (object, "version", 1);
  json_object_set_string_member (object, "id", self->id);
  json_object_set_string_member (object, "kind", sd_request_kind_to_id (self->kind));
  if (self->profile != NULL)
    json_object_set_string_member (object, "profile", self->profile);
  json_object_set_array_member (object, "regions", strv_to_array ((const char * const *) self->regions));
  json_object_set_string_member (object, "limit", enum_nick (SD_TYPE_LIMIT_KIND, self->limit));
  json_object_set_string_member (object, "limit_value", self->limit_value);
  json_object_set_string_member (object, "ip_count", self->ip_count);
  json_object_set_array_member (object, "release_ips", strv_to_array ((const char * const *) self->release_ips));
  json_object_set_string_member (object, "mail_type", enum_nick (SD_TYPE_MAIL_TYPE, self->mail_type));
  json_object_set_string_member (object, "website_url", self->website_url);
  json_object_set_string_member (object, "complies_with_terms", enum_nick (SD_TYPE_ANSWER, self->answers[0]));
  json_object_set_string_member (object, "only_requested_recipients", enum_nick (SD_TYPE_ANSWER, self->answers[1]));
  json_object_set_string_member (object, "handles_bounces", enum_nick (SD_TYPE_ANSWER, self->answers[2]));
  json_object_set_string_member (object, "use_case", self->use_case);
  json_object_set_string_member (object, "support_language", self->support_language);
  json_object_set_string_member (object, "contact_emails", self->contact_emails);
  if (self->ses_case)
    json_object_set_boolean_member (object, "ses_support_case", TRUE);

  keys = g_hash_table_get_keys (self->references);
  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    json_object_set_string_member (references, l->data, g_hash_table_lookup (self->references, l->data));
  json_object_set_object_member (object, "references", references);

  {
    GHashTableIter iter;
    gpointer key;
    JsonArray *array = json_array_new ();

    g_hash_table_iter_init (&iter, self->quota_regions);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_ptr_array_add (quota_regions, key);
    g_ptr_array_sort (quota_regions, (GCompareFunc) g_strcmp0);
    for (guint i = 0; i < quota_regions->len; i++)
      json_array_add_string_element (array, g_ptr_array_index (quota_regions, i));
    json_object_set_array_member (object, "quota_regions", array);
  }

  json_object_set_int_member (object, "created", self->created);
  json_object_set_int_member (object, "modified", self->modified);
  return object;
}

/** A deep copy. */
SdRequest *
sd_request_copy (SdRequest *self)
{
  g_autoptr(JsonObject) json = NULL;
  SdRequest *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);

  json = sd_request_to_json (self);
  copy = sd_request_new_from_json (json, NULL);
  g_hash_table_iter_init (&iter, self->region_info);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (copy->region_info, g_strdup (key), g_memdup2 (value, sizeof (RegionInfo)));
  g_hash_table_iter_init (&iter, self->quota_codes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (copy->quota_codes, g_strdup (key), g_strdup (value));
  copy->service_code = g_strdup (self->service_code);
  copy->category_code = g_strdup (self->category_code);
  copy->support_api = self->support_api;
  revalidate (copy);
  return copy;
}

SdRequestKind
sd_request_get_kind (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), SD_REQUEST_KIND_DEDICATED_IPS);
  return self->kind;
}

const char *
sd_request_get_id (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  return self->id;
}

gint64
sd_request_get_created (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), 0);
  return self->created;
}

gint64
sd_request_get_modified (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), 0);
  return self->modified;
}

const char *
sd_request_get_profile (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  return self->profile;
}

/** Sets the AWS profile (account) the request is for. */
void
sd_request_set_profile (SdRequest  *self,
                        const char *profile)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (profile != NULL && *profile == '\0')
    profile = NULL;
  if (g_strcmp0 (self->profile, profile) == 0)
    return;
  g_free (self->profile);
  self->profile = g_strdup (profile);
  user_changed (self, PROP_PROFILE);
}

const char * const *
sd_request_get_regions (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  return (const char * const *) self->regions;
}

/** Sets the regions; each gets its own request. */
void
sd_request_set_regions (SdRequest          *self,
                        const char * const *regions)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (!set_strv (&self->regions, regions))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
  user_changed (self, PROP_REGIONS);
}

const char *
sd_request_get_region (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  return self->regions[0];
}

/** Sets one region (NULL: none). */
void
sd_request_set_region (SdRequest  *self,
                       const char *region)
{
  const char *regions[] = { region, NULL };

  sd_request_set_regions (self, regions);
}

SdLimitKind
sd_request_get_limit (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), SD_LIMIT_DAILY_QUOTA);
  return self->kind == SD_REQUEST_KIND_SENDING_LIMITS ? self->limit : SD_LIMIT_DAILY_QUOTA;
}

/** Sets which sending limit is raised. */
void
sd_request_set_limit (SdRequest   *self,
                      SdLimitKind  limit)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (self->limit == limit)
    return;
  self->limit = limit;
  user_changed (self, PROP_LIMIT);
}

const char *
sd_request_get_limit_value (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  return self->limit_value;
}

/** Sets the new limit value, as typed. */
void
sd_request_set_limit_value (SdRequest  *self,
                            const char *text)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (set_string (&self->limit_value, text))
    user_changed (self, PROP_LIMIT_VALUE);
}

const char *
sd_request_get_ip_count (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  return self->ip_count;
}

/** Sets the number of dedicated IPs, as typed. */
void
sd_request_set_ip_count (SdRequest  *self,
                         const char *text)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (set_string (&self->ip_count, text))
    user_changed (self, PROP_IP_COUNT);
}

const char * const *
sd_request_get_release_ips (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  return (const char * const *) self->release_ips;
}

/** Sets which addresses to release (may be empty). */
void
sd_request_set_release_ips (SdRequest          *self,
                            const char * const *ips)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (set_strv (&self->release_ips, ips))
    user_changed (self, PROP_RELEASE_IPS);
}

SdMailType
sd_request_get_mail_type (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), SD_MAIL_TYPE_NONE);
  return self->mail_type;
}

/** Sets the mail type. */
void
sd_request_set_mail_type (SdRequest  *self,
                          SdMailType  type)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (self->mail_type == type)
    return;
  self->mail_type = type;
  user_changed (self, PROP_MAIL_TYPE);
}

const char *
sd_request_get_website_url (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  return self->website_url;
}

/** Sets the website URL, as typed. */
void
sd_request_set_website_url (SdRequest  *self,
                            const char *url)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (set_string (&self->website_url, url))
    user_changed (self, PROP_WEBSITE_URL);
}

/** The answer to one of the three compliance questions. */
SdAnswer
sd_request_get_answer (SdRequest      *self,
                       SdRequestField  question)
{
  int i = answer_index (question);

  g_return_val_if_fail (SD_IS_REQUEST (self), SD_ANSWER_UNSET);
  g_return_val_if_fail (i >= 0, SD_ANSWER_UNSET);
  return self->answers[i];
}

/** Answers one of the three compliance questions. */
void
sd_request_set_answer (SdRequest      *self,
                       SdRequestField  question,
                       SdAnswer        answer)
{
  int i = answer_index (question);

  g_return_if_fail (SD_IS_REQUEST (self));
  g_return_if_fail (i >= 0);

  if (self->answers[i] == answer)
    return;
  self->answers[i] = answer;
  user_changed (self, PROP_COMPLIES_WITH_TERMS + i);
}

const char *
sd_request_get_use_case (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  return self->use_case;
}

/** Sets the use-case description. */
void
sd_request_set_use_case (SdRequest  *self,
                         const char *text)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (set_string (&self->use_case, text))
    user_changed (self, PROP_USE_CASE);
}

const char *
sd_request_get_support_language (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  return self->support_language;
}

/** Sets the support language ("en", "ja", "zh", "ko"). */
void
sd_request_set_support_language (SdRequest  *self,
                                 const char *language)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (set_string (&self->support_language, language))
    user_changed (self, PROP_SUPPORT_LANGUAGE);
}

const char *
sd_request_get_contact_emails (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  return self->contact_emails;
}

/** Sets the additional contacts, as typed. */
void
sd_request_set_contact_emails (SdRequest  *self,
                               const char *text)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (set_string (&self->contact_emails, text))
    user_changed (self, PROP_CONTACT_EMAILS);
}

/** The additional contacts, one address each. */
GStrv
sd_request_dup_contact_email_list (SdRequest *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);

  parts = g_strsplit_set (self->contact_emails, ",; \t\r\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

/** The new limit value as a number. */
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

/** The number of dedicated IPs as a number. */
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

/** The field's problem, or NULL. */
const char *
sd_request_get_field_error (SdRequest      *self,
                            SdRequestField  field)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  g_return_val_if_fail (field < SD_REQUEST_N_FIELDS, NULL);
  return self->errors[field];
}

/** Advice on the field that does not block sending, or NULL. */
const char *
sd_request_get_field_advice (SdRequest      *self,
                             SdRequestField  field)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  g_return_val_if_fail (field < SD_REQUEST_N_FIELDS, NULL);
  return self->advice[field];
}

gboolean
sd_request_get_valid (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), FALSE);
  return self->valid;
}

/** The dialog's notices. */
GStrv
sd_request_dup_notices (SdRequest *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean any_quota = FALSE;
  gboolean any_put = FALSE;

  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);

  for (guint i = 0; self->regions[i] != NULL; i++)
    {
      SdRequestRoute route = sd_request_get_route (self, self->regions[i]);

      any_quota |= route == SD_REQUEST_ROUTE_SERVICE_QUOTAS;
      any_put |= route == SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS || route == SD_REQUEST_ROUTE_UNKNOWN;
    }

  switch (self->kind)
    {
    case SD_REQUEST_KIND_DEDICATED_IPS:
      g_strv_builder_add (builder, _("Each dedicated IP address you lease adds a monthly charge to your bill; "
                                     "see the Amazon SES pricing page for the cost."));
      g_strv_builder_add (builder, _("Managed dedicated IPs need no case: SES Desk can create a pool with "
                                     "managed scaling, and SES leases, warms up and scales the addresses to "
                                     "your volume by itself."));
      g_strv_builder_add (builder, _("AWS answers in the Support Center; when the request is granted, a reply "
                                     "confirms the addresses are on your account."));
      break;
    case SD_REQUEST_KIND_RELEASE_IPS:
      g_strv_builder_add (builder, _("AWS first asks in the case to confirm the addresses to release, then "
                                     "confirms when they are released."));
      break;
    case SD_REQUEST_KIND_SENDING_LIMITS:
    default:
      if (any_put)
        g_strv_builder_add (builder, _("In the sandbox you can send 200 messages per 24 hours, 1 a second, and "
                                       "only to verified addresses. Leaving it goes through SES, and AWS "
                                       "reviews the request in about one business day."));
      if (any_put && !g_str_equal (self->support_language, "en") && !g_str_equal (self->support_language, "ja"))
        g_strv_builder_add (builder, _("SES takes only English or Japanese as the contact language: AWS's "
                                       "review case will be in English; the description SES Desk writes is "
                                       "in the language you chose."));
      if (any_quota)
        g_strv_builder_add (builder, _("Outside the sandbox the request goes to Service Quotas, which passes "
                                       "on only the new value; add the description to the case it opens if "
                                       "AWS asks."));
      break;
    }
  return g_strv_builder_end (builder);
}

/** Sets what is known of @region. */
void
sd_request_set_region_info (SdRequest      *self,
                            const char     *region,
                            SdSandboxState  state,
                            double          max_24_hour_send,
                            double          max_send_rate,
                            int             n_dedicated_ips)
{
  RegionInfo *info;

  g_return_if_fail (SD_IS_REQUEST (self));
  g_return_if_fail (region != NULL);

  info = g_new0 (RegionInfo, 1);
  info->state = state;
  info->max24 = max_24_hour_send;
  info->maxrate = max_send_rate;
  info->n_ips = n_dedicated_ips;
  g_hash_table_replace (self->region_info, g_strdup (region), info);
  if (self->freeze == 0)
    revalidate (self);
}

/** Takes what a dashboard region knows. */
void
sd_request_set_region_status (SdRequest      *self,
                              SdRegionStatus *status)
{
  g_return_if_fail (SD_IS_REGION_STATUS (status));

  sd_request_set_region_info (self, sd_region_status_get_region (status),
                              sd_region_status_get_state (status),
                              sd_region_status_get_max_24_hour_send (status),
                              sd_region_status_get_max_send_rate (status),
                              sd_region_status_get_updated (status) > 0
                              ? (int) sd_region_status_get_n_dedicated_ips (status) : -1);
}

/** The region's sandbox state as known, or UNKNOWN. */
SdSandboxState
sd_request_get_region_state (SdRequest  *self,
                             const char *region)
{
  RegionInfo *info;

  g_return_val_if_fail (SD_IS_REQUEST (self), SD_SANDBOX_STATE_UNKNOWN);
  info = region_info (self, region);
  return info != NULL ? info->state : SD_SANDBOX_STATE_UNKNOWN;
}

/** The number of dedicated IPs of @region, or −1. */
int
sd_request_get_region_ip_count (SdRequest  *self,
                                const char *region)
{
  RegionInfo *info;

  g_return_val_if_fail (SD_IS_REQUEST (self), -1);
  info = region_info (self, region);
  return info != NULL ? info->n_ips : -1;
}

/** For a denied region: send through Service Quotas instead. */
void
sd_request_set_use_service_quotas (SdRequest  *self,
                                   const char *region,
                                   gboolean    use_service_quotas)
{
  gboolean changed;

  g_return_if_fail (SD_IS_REQUEST (self));
  g_return_if_fail (region != NULL);

  if (use_service_quotas)
    changed = g_hash_table_add (self->quota_regions, g_strdup (region));
  else
    changed = g_hash_table_remove (self->quota_regions, region);
  if (changed)
    user_changed (self, PROP_0);
}

gboolean
sd_request_get_use_service_quotas (SdRequest  *self,
                                   const char *region)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), FALSE);
  return region != NULL && g_hash_table_contains (self->quota_regions, region);
}

/** The Support codes DescribeServices gave. */
void
sd_request_set_support_codes (SdRequest  *self,
                              const char *service_code,
                              const char *category_code)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  g_free (self->service_code);
  g_free (self->category_code);
  self->service_code = g_strdup (service_code);
  self->category_code = g_strdup (category_code);
  if (self->freeze == 0)
    revalidate (self);
}

/** The Support service code DescribeServices gave, or NULL. */
const char *
sd_request_get_service_code (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  return self->service_code;
}

/** The Support category code DescribeServices gave, or NULL. */
const char *
sd_request_get_category_code (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  return self->service_code != NULL ? self->category_code : NULL;
}

/** Dedicated IPs: send the text as an API case to SES support instead of
 * through the Support Center. */
void
sd_request_set_ses_support_case (SdRequest *self,
                                 gboolean   ses_case)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (self->ses_case == !!ses_case)
    return;
  self->ses_case = !!ses_case;
  if (self->freeze == 0)
    revalidate (self);
}

gboolean
sd_request_get_ses_support_case (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), FALSE);
  return self->ses_case;
}

/** Whether the plan has Support API access (assumed until a check says no). */
void
sd_request_set_support_api (SdRequest *self,
                            gboolean   available)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (self->support_api == !!available)
    return;
  self->support_api = !!available;
  if (self->freeze == 0)
    revalidate (self);
}

gboolean
sd_request_get_support_api (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), FALSE);
  return self->support_api;
}

/** The quota code ListServiceQuotas confirmed for @region. */
void
sd_request_set_quota_code (SdRequest  *self,
                           const char *region,
                           const char *quota_code)
{
  g_return_if_fail (SD_IS_REQUEST (self));
  g_return_if_fail (region != NULL);

  if (quota_code != NULL)
    g_hash_table_replace (self->quota_codes, g_strdup (region), g_strdup (quota_code));
  else
    g_hash_table_remove (self->quota_codes, region);
}

/** The quota code of @region's request. */
const char *
sd_request_get_quota_code (SdRequest  *self,
                           const char *region)
{
  const char *code;

  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);

  code = region != NULL ? g_hash_table_lookup (self->quota_codes, region) : NULL;
  if (code != NULL)
    return code;
  return sd_request_get_limit (self) == SD_LIMIT_SEND_RATE ? SD_SES_QUOTA_SENDING_RATE : SD_SES_QUOTA_SENDING_QUOTA;
}

/** The route @region takes now. */
SdRequestRoute
sd_request_get_route (SdRequest  *self,
                      const char *region)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), SD_REQUEST_ROUTE_UNKNOWN);

  /* A service limit increase case, which the Support API does not take;
   * a question to SES support only when asked for. */
  if (self->kind != SD_REQUEST_KIND_SENDING_LIMITS)
    return self->support_api && self->ses_case ? SD_REQUEST_ROUTE_SUPPORT_CASE : SD_REQUEST_ROUTE_SUPPORT_CENTER;

  switch (sd_request_get_region_state (self, region))
    {
    case SD_SANDBOX_STATE_SANDBOX:
    case SD_SANDBOX_STATE_FAILED:
      return SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS;
    case SD_SANDBOX_STATE_PRODUCTION:
      return SD_REQUEST_ROUTE_SERVICE_QUOTAS;
    case SD_SANDBOX_STATE_DENIED:
      return sd_request_get_use_service_quotas (self, region) ? SD_REQUEST_ROUTE_SERVICE_QUOTAS
                                                              : SD_REQUEST_ROUTE_NONE;
    case SD_SANDBOX_STATE_PENDING:
      return SD_REQUEST_ROUTE_NONE;
    case SD_SANDBOX_STATE_UNKNOWN:
    default:
      return SD_REQUEST_ROUTE_UNKNOWN;
    }
}

/** The route in words. */
char *
sd_request_describe_route (SdRequest      *self,
                           const char     *region,
                           SdRequestRoute  route)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);

  switch (route)
    {
    case SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS:
      return g_strdup_printf (_("SESv2 PutAccountDetails in %s"), region);
    case SD_REQUEST_ROUTE_SERVICE_QUOTAS:
      return g_strdup_printf (_("Service Quotas request for %s in %s"), sd_request_get_quota_code (self, region),
                              region);
    case SD_REQUEST_ROUTE_SUPPORT_CASE:
      if (self->kind == SD_REQUEST_KIND_SENDING_LIMITS || self->service_code == NULL)
        return g_strdup_printf (_("AWS Support case in %s"),
                                sd_request_support_language_label (self->support_language));
      return g_strdup_printf (_("A question to SES support through the Support API (%s / %s) in %s; SES "
                                "support may answer that a limit increase case is needed"),
                              self->service_code, self->category_code != NULL ? self->category_code : "-",
                              sd_request_support_language_label (self->support_language));
    case SD_REQUEST_ROUTE_SUPPORT_CENTER:
      return self->support_api
        ? g_strdup_printf (_("A service limit increase case in the AWS Support Center, in %s; SES Desk "
                             "then finds it by its reference"),
                           sd_request_support_language_label (self->support_language))
        : g_strdup_printf (_("A service limit increase case in the AWS Support Center, in %s; this "
                             "account’s plan has no Support API access, so you paste the case number "
                             "afterwards"), sd_request_support_language_label (self->support_language));
    case SD_REQUEST_ROUTE_NONE:
      return sd_request_get_region_state (self, region) == SD_SANDBOX_STATE_PENDING
        ? g_strdup_printf (_("Nothing to send: the review in %s is under way"), region)
        : g_strdup_printf (_("Nothing to send: the review in %s was denied; reply on its case, or send a "
                             "Service Quotas request instead"), region);
    case SD_REQUEST_ROUTE_UNKNOWN:
    default:
      return g_strdup_printf (_("Decided once the state of %s is known: SESv2 PutAccountDetails in the "
                                "sandbox, Service Quotas outside it"), region);
    }
}

/** A new random reference such as "SD-7F3K2Q". */
char *
sd_request_new_reference (void)
{
  char code[7];

  for (guint i = 0; i < 6; i++)
    code[i] = reference_alphabet[g_random_int_range (0, sizeof reference_alphabet - 1)];
  code[6] = '\0';
  return g_strconcat ("SD-", code, NULL);
}

/** The reference of @region's request, made on first use. */
const char *
sd_request_get_reference (SdRequest  *self,
                          const char *region)
{
  const char *reference;

  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  g_return_val_if_fail (region != NULL, NULL);

  reference = g_hash_table_lookup (self->references, region);
  if (reference == NULL && self->validating)
    return "SD-XXXXXX";   /* same length as a real one */
  if (reference == NULL)
    {
      char *made = sd_request_new_reference ();

      g_hash_table_replace (self->references, g_strdup (region), made);
      reference = made;
    }
  return reference;
}

/** Sets the reference of @region's request. */
void
sd_request_set_reference (SdRequest  *self,
                          const char *region,
                          const char *reference)
{
  g_return_if_fail (SD_IS_REQUEST (self));
  g_return_if_fail (region != NULL && reference != NULL);

  g_hash_table_replace (self->references, g_strdup (region), g_strdup (reference));
  if (self->freeze == 0)
    revalidate (self);
}

/** The exact input of @route's operation for @region. */
JsonObject *
sd_request_build_payload (SdRequest      *self,
                          const char     *region,
                          SdRequestRoute  route)
{
  JsonObject *payload = json_object_new ();
  g_auto(GStrv) contacts = NULL;
  guint64 value = 0;

  g_return_val_if_fail (SD_IS_REQUEST (self), payload);

  contacts = sd_request_dup_contact_email_list (self);
  switch (route)
    {
    case SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS:
      {
        g_autofree char *url = strip_dup (self->website_url);
        g_autofree char *description = sd_case_text_use_case (self, region, NULL);

        json_object_set_string_member (payload, "MailType", sd_mail_type_to_api (self->mail_type));
        json_object_set_string_member (payload, "WebsiteURL", url);
        json_object_set_string_member (payload, "ContactLanguage",
                                       sd_request_contact_language_for (self->support_language));
        json_object_set_string_member (payload, "UseCaseDescription", description);
        if (contacts[0] != NULL)
          json_object_set_array_member (payload, "AdditionalContactEmailAddresses",
                                        strv_to_array ((const char * const *) contacts));
        json_object_set_boolean_member (payload, "ProductionAccessEnabled", TRUE);
      }
      break;

    case SD_REQUEST_ROUTE_SERVICE_QUOTAS:
      sd_request_get_limit_number (self, &value);
      json_object_set_string_member (payload, "ServiceCode", "ses");
      json_object_set_string_member (payload, "QuotaCode", sd_request_get_quota_code (self, region));
      json_object_set_double_member (payload, "DesiredValue", (double) value);
      json_object_set_boolean_member (payload, "SupportCaseAllowed", TRUE);
      break;

    case SD_REQUEST_ROUTE_SUPPORT_CASE:
    case SD_REQUEST_ROUTE_SUPPORT_CENTER:
      {
        g_autofree char *subject = sd_case_text_subject (self, region, NULL);
        g_autofree char *body = sd_case_text_body (self, region, NULL);

        json_object_set_string_member (payload, "subject", subject);
        json_object_set_string_member (payload, "communicationBody", body);
        if (sd_request_get_service_code (self) != NULL)
          json_object_set_string_member (payload, "serviceCode", sd_request_get_service_code (self));
        if (sd_request_get_category_code (self) != NULL)
          json_object_set_string_member (payload, "categoryCode", sd_request_get_category_code (self));
        json_object_set_string_member (payload, "severityCode", "low");
        json_object_set_string_member (payload, "issueType", "technical");
        json_object_set_string_member (payload, "language",
                                       sd_case_text_language_is_known (self->support_language)
                                       ? self->support_language : "en");
        if (contacts[0] != NULL)
          json_object_set_array_member (payload, "ccEmailAddresses", strv_to_array ((const char * const *) contacts));
      }
      break;

    case SD_REQUEST_ROUTE_UNKNOWN:
    case SD_REQUEST_ROUTE_NONE:
    default:
      break;
    }
  return payload;
}
