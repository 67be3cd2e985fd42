/* sd-request-route.c — where each region's request goes, its reference, the notices and the exact payload sent (docs/aws.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-aws-json.h"
#include "sd-case-text.h"
#include "sd-request-private.h"
#include "sd-service-quotas.h"
#include "sd-support.h"

/* The reference alphabet: no 0/O, 1/I/L, so that it reads back unambiguously. */
static const char reference_alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

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

char *
sd_request_new_reference (void)
{
  char code[7];

  for (guint i = 0; i < 6; i++)
    code[i] = reference_alphabet[g_random_int_range (0, sizeof reference_alphabet - 1)];
  code[6] = '\0';
  return g_strconcat ("SD-", code, NULL);
}

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

void
sd_request_set_reference (SdRequest  *self,
                          const char *region,
                          const char *reference)
{
  g_return_if_fail (SD_IS_REQUEST (self));
  g_return_if_fail (region != NULL && reference != NULL);

  g_hash_table_replace (self->references, g_strdup (region), g_strdup (reference));
  if (self->freeze == 0)
    sd_request_revalidate (self);
}

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
        g_autofree char *url = sd_request_strip_dup (self->website_url);
        g_autofree char *description = sd_case_text_use_case (self, region, NULL);

        json_object_set_string_member (payload, "MailType", sd_mail_type_to_api (self->mail_type));
        json_object_set_string_member (payload, "WebsiteURL", url);
        json_object_set_string_member (payload, "ContactLanguage",
                                       sd_request_contact_language_for (self->support_language));
        json_object_set_string_member (payload, "UseCaseDescription", description);
        if (contacts[0] != NULL)
          json_object_set_array_member (payload, "AdditionalContactEmailAddresses",
                                        sd_request_strv_to_array ((const char * const *) contacts));
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
          json_object_set_array_member (payload, "ccEmailAddresses", sd_request_strv_to_array ((const char * const *) contacts));
      }
      break;

    case SD_REQUEST_ROUTE_UNKNOWN:
    case SD_REQUEST_ROUTE_NONE:
    default:
      break;
    }
  return payload;
}
