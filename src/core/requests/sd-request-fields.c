/* sd-request-fields.c — a request's kinds and fields: which fields each kind has, in the guide's order, their labels and help, mail types, limits and support languages (docs/ses-guide.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-request-private.h"

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

int
sd_request_answer_index (SdRequestField question)
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

const char *
sd_request_kind_to_id (SdRequestKind kind)
{
  return sd_enum_nick (SD_TYPE_REQUEST_KIND, kind);
}

gboolean
sd_request_kind_from_id (const char    *id,
                         SdRequestKind *kind)
{
  int value = sd_enum_from_nick (SD_TYPE_REQUEST_KIND, id, -1);

  if (value < 0)
    return FALSE;
  *kind = value;
  return TRUE;
}

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

const char *
sd_request_field_get_property (SdRequestField field)
{
  if (field == SD_REQUEST_FIELD_CONTACT_METHOD || field >= SD_REQUEST_N_FIELDS)
    return NULL;
  return sd_enum_nick (SD_TYPE_REQUEST_FIELD, field);
}

gboolean
sd_request_field_is_editable (SdRequestField field)
{
  return field != SD_REQUEST_FIELD_CONTACT_METHOD && field < SD_REQUEST_N_FIELDS;
}

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

const char *
sd_limit_kind_get_label (SdLimitKind limit)
{
  return limit == SD_LIMIT_SEND_RATE ? _("Desired maximum send rate (per second)")
                                     : _("Desired daily sending quota (per 24 hours)");
}

const char * const *
sd_request_support_languages (void)
{
  return support_languages;
}

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

const char *
sd_request_resolve_support_language (const char *setting)
{
  for (guint j = 0; support_languages[j] != NULL; j++)
    if (g_strcmp0 (setting, support_languages[j]) == 0)
      return support_languages[j];
  return sd_request_default_support_language ();
}

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

const char *
sd_request_contact_language_for (const char *language)
{
  return g_strcmp0 (language, "ja") == 0 ? "JA" : "EN";
}
