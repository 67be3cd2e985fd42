/* sd-request.h — one request to AWS as the SES guide's case forms describe it (docs/ses-guide.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model behind the three request dialogs: every field of the guide's
 * forms, in their order, as properties a dialog binds to; each field checked
 * where it stands with a translated reason; the route each region takes; the
 * exact payload that will be sent. No network here: SdRequestCheck learns the
 * regions' state, SdOutbox sends.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sd-region-status.h"

G_BEGIN_DECLS

/* The three dialogs. */
typedef enum {
  SD_REQUEST_KIND_DEDICATED_IPS,   /* request standard dedicated IPs (docs/ses-guide.md) */
  SD_REQUEST_KIND_RELEASE_IPS,     /* release dedicated IPs (docs/ses-guide.md) */
  SD_REQUEST_KIND_SENDING_LIMITS,  /* leave the sandbox / raise limits (docs/ses-guide.md) */
} SdRequestKind;

/* Every field of the forms. sd_request_kind_get_fields() gives each kind's
 * fields in the guide's order (docs/ses-guide.md). */
typedef enum {
  SD_REQUEST_FIELD_REGIONS,
  SD_REQUEST_FIELD_LIMIT,                      /* daily sending quota or maximum send rate */
  SD_REQUEST_FIELD_LIMIT_VALUE,                /* the new value; for dedicated IPs the mail a day expected from them */
  SD_REQUEST_FIELD_IP_COUNT,
  SD_REQUEST_FIELD_RELEASE_IPS,                /* optional: which addresses to release */
  SD_REQUEST_FIELD_MAIL_TYPE,
  SD_REQUEST_FIELD_WEBSITE_URL,
  SD_REQUEST_FIELD_COMPLIES_WITH_TERMS,        /* AWS Service Terms and AUP */
  SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS,  /* only recipients who asked for the mail */
  SD_REQUEST_FIELD_HANDLES_BOUNCES,            /* a process for bounces and complaints */
  SD_REQUEST_FIELD_USE_CASE,
  SD_REQUEST_FIELD_SUPPORT_LANGUAGE,
  SD_REQUEST_FIELD_CONTACT_METHOD,             /* always Web; shown, not editable */
  SD_REQUEST_FIELD_CONTACT_EMAILS,             /* optional additional contacts (cc) */
  SD_REQUEST_N_FIELDS
} SdRequestField;

typedef enum {
  SD_LIMIT_DAILY_QUOTA,   /* Desired Daily Sending Quota */
  SD_LIMIT_SEND_RATE,     /* Desired Maximum Send Rate */
} SdLimitKind;

/* The guide's five mail types; PutAccountDetails takes only MARKETING or
 * TRANSACTIONAL (sd_mail_type_to_api()), the original is kept in the text. */
typedef enum {
  SD_MAIL_TYPE_NONE,
  SD_MAIL_TYPE_TRANSACTIONAL,
  SD_MAIL_TYPE_SYSTEM_NOTIFICATIONS,
  SD_MAIL_TYPE_SUBSCRIPTION,
  SD_MAIL_TYPE_MARKETING,
  SD_MAIL_TYPE_OTHER,
} SdMailType;

typedef enum {
  SD_ANSWER_UNSET,
  SD_ANSWER_YES,
  SD_ANSWER_NO,
} SdAnswer;

/* Where one region's request goes (docs/aws.md, "Where each request goes"). */
typedef enum {
  SD_REQUEST_ROUTE_UNKNOWN,              /* the region's sandbox state is not known yet */
  SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS,  /* SESv2, leaving the sandbox */
  SD_REQUEST_ROUTE_SERVICE_QUOTAS,       /* RequestServiceQuotaIncrease */
  SD_REQUEST_ROUTE_SUPPORT_CASE,         /* Support API CreateCase */
  SD_REQUEST_ROUTE_SUPPORT_CENTER,       /* no Support API access: by hand in the Support Center */
  SD_REQUEST_ROUTE_NONE,                 /* nothing to send now (review pending or denied) */
} SdRequestRoute;

#define SD_TYPE_REQUEST_KIND  (sd_request_kind_get_type ())
#define SD_TYPE_REQUEST_FIELD (sd_request_field_get_type ())
#define SD_TYPE_LIMIT_KIND    (sd_limit_kind_get_type ())
#define SD_TYPE_MAIL_TYPE     (sd_mail_type_get_type ())
#define SD_TYPE_ANSWER        (sd_answer_get_type ())
#define SD_TYPE_REQUEST_ROUTE (sd_request_route_get_type ())
GType sd_request_kind_get_type  (void) G_GNUC_CONST;
GType sd_request_field_get_type (void) G_GNUC_CONST;
GType sd_limit_kind_get_type    (void) G_GNUC_CONST;
GType sd_mail_type_get_type     (void) G_GNUC_CONST;
GType sd_answer_get_type        (void) G_GNUC_CONST;
GType sd_request_route_get_type (void) G_GNUC_CONST;

/* "dedicated-ips", "release-ips", "sending-limits" (file names, JSON). */
const char          *sd_request_kind_to_id          (SdRequestKind kind);
/* Parses a kind's id; FALSE when unknown. */
gboolean             sd_request_kind_from_id        (const char *id, SdRequestKind *kind);
/* The dialog's title, translated. */
const char          *sd_request_kind_get_title      (SdRequestKind kind);
/* The kind's fields in the guide's order (docs/ses-guide.md; static, @n_fields set). */
const SdRequestField *sd_request_kind_get_fields    (SdRequestKind kind, guint *n_fields);

/* The field's label and its one-sentence explanation from the SES guide, translated. */
const char          *sd_request_field_get_label     (SdRequestField field, SdRequestKind kind);
/* The field's explanation, from the SES guide (docs/ses-guide.md). */
const char          *sd_request_field_get_help      (SdRequestField field, SdRequestKind kind);
/* The GObject property a widget binds to ("limit-value", …); NULL for the contact method. */
const char          *sd_request_field_get_property  (SdRequestField field);
/* FALSE for fields shown but fixed (contact method Web). */
gboolean             sd_request_field_is_editable   (SdRequestField field);
/* FALSE for fields that may stay empty (release which IPs, contact e-mails…). */
gboolean             sd_request_field_is_required   (SdRequestField field, SdRequestKind kind);

/* The mail type in words, translated. */
const char          *sd_mail_type_get_label         (SdMailType type);
/* What PutAccountDetails gets: "TRANSACTIONAL" or "MARKETING" (NULL for NONE). */
const char          *sd_mail_type_to_api            (SdMailType type);
/* The limit in words. */
const char          *sd_limit_kind_get_label        (SdLimitKind limit);

/* The support languages AWS answers in: "en", "ja", "zh", "ko" (NULL-terminated). */
const char * const  *sd_request_support_languages   (void);
/* The language's name in the UI language, translated ("Japanese"). */
const char          *sd_request_support_language_label (const char *language);
/* The UI language when it is one of the four, else "en". */
const char          *sd_request_default_support_language (void);
/* The support language for the "support-language" setting: "en", "ja", "zh"
 * or "ko" as set, else ("auto", empty, unknown) sd_request_default_support_language(). */
const char          *sd_request_resolve_support_language (const char *setting);
/* PutAccountDetails' ContactLanguage for @language: "JA" for ja, else "EN". */
const char          *sd_request_contact_language_for (const char *language);

/* A Service Quotas request's Status ("CASE_OPENED"…) in words, translated
 * ("with AWS Support"); NULL counts as pending, an unknown status is returned as is. */
const char          *sd_quota_request_status_label  (const char *status);

#define SD_TYPE_REQUEST (sd_request_get_type ())
G_DECLARE_FINAL_TYPE (SdRequest, sd_request, SD, REQUEST, GObject)

/* A new, empty request with a fresh id, the support language defaulting to the UI's. */
SdRequest          *sd_request_new                 (SdRequestKind kind);
/* A request from its JSON form (a draft or an outbox entry's snapshot);
 * tolerant of missing or unknown members. */
SdRequest          *sd_request_new_from_json       (JsonObject  *object,
                                                    GError     **error);
/* Everything the user entered, plus id, kind and references: the draft form. */
JsonObject         *sd_request_to_json             (SdRequest   *self);
/* A deep copy with the same id and references. */
SdRequest          *sd_request_copy                (SdRequest   *self);

SdRequestKind       sd_request_get_kind            (SdRequest *self);
/* A UUID; the draft's file name and what outbox entries point back to. */
const char         *sd_request_get_id              (SdRequest *self);
gint64              sd_request_get_created         (SdRequest *self);
/* Unix time of the last change by the user. */
gint64              sd_request_get_modified        (SdRequest *self);

/* Fields (each also a property, see sd_request_field_get_property()). */
const char         *sd_request_get_profile         (SdRequest *self);
/* Sets the AWS profile (account) the request is for. */
void                sd_request_set_profile         (SdRequest *self, const char *profile);
/* NULL-terminated; owned by @self. */
const char * const *sd_request_get_regions         (SdRequest *self);
/* Sets the regions; each gets its own request. */
void                sd_request_set_regions         (SdRequest *self, const char * const *regions);
/* The first region, or NULL. */
const char         *sd_request_get_region          (SdRequest *self);
/* Sets one region (NULL: none). */
void                sd_request_set_region          (SdRequest *self, const char *region);
SdLimitKind         sd_request_get_limit           (SdRequest *self);
/* Sets which sending limit is raised. */
void                sd_request_set_limit           (SdRequest *self, SdLimitKind limit);
/* The number as typed. */
const char         *sd_request_get_limit_value     (SdRequest *self);
/* Sets the new limit value, as typed. */
void                sd_request_set_limit_value     (SdRequest *self, const char *text);
const char         *sd_request_get_ip_count        (SdRequest *self);
/* Sets the number of dedicated IPs, as typed. */
void                sd_request_set_ip_count        (SdRequest *self, const char *text);
const char * const *sd_request_get_release_ips     (SdRequest *self);
/* Sets which addresses to release (may be empty). */
void                sd_request_set_release_ips     (SdRequest *self, const char * const *ips);
SdMailType          sd_request_get_mail_type       (SdRequest *self);
/* Sets the mail type. */
void                sd_request_set_mail_type       (SdRequest *self, SdMailType type);
const char         *sd_request_get_website_url     (SdRequest *self);
/* Sets the website URL, as typed. */
void                sd_request_set_website_url     (SdRequest *self, const char *url);
/* The answer to one of the three compliance questions. */
SdAnswer            sd_request_get_answer          (SdRequest *self, SdRequestField question);
/* Answers one of the three compliance questions. */
void                sd_request_set_answer          (SdRequest *self, SdRequestField question, SdAnswer answer);
const char         *sd_request_get_use_case        (SdRequest *self);
/* Sets the use-case description. */
void                sd_request_set_use_case        (SdRequest *self, const char *text);
const char         *sd_request_get_support_language (SdRequest *self);
/* Sets the support language ("en", "ja", "zh", "ko"). */
void                sd_request_set_support_language (SdRequest *self, const char *language);
/* Addresses as typed (separated by commas, spaces or new lines). */
const char         *sd_request_get_contact_emails  (SdRequest *self);
/* Sets the additional contacts, as typed. */
void                sd_request_set_contact_emails  (SdRequest *self, const char *text);
/* The addresses parsed out of the contact e-mails field (NULL-terminated, newly allocated). */
GStrv               sd_request_dup_contact_email_list (SdRequest *self);

/* Parsed numbers: FALSE when the field does not hold a valid one. */
gboolean            sd_request_get_limit_number    (SdRequest *self, guint64 *value);
/* The number of dedicated IPs as a number. */
gboolean            sd_request_get_ip_number       (SdRequest *self, guint64 *value);

/* Validation. A field's problem in words (translated), or NULL when it is fine. */
const char         *sd_request_get_field_error     (SdRequest *self, SdRequestField field);
/* Advice that does not block sending ("lease 3 or more…"), or NULL. */
const char         *sd_request_get_field_advice    (SdRequest *self, SdRequestField field);
/* TRUE when no field of the kind has an error: Send may be on. */
gboolean            sd_request_get_valid           (SdRequest *self);
/* Notices for the whole dialog, translated, in display order: the monthly
 * cost, the managed-pool alternative, the contact language… (NULL-terminated, newly allocated). */
GStrv               sd_request_dup_notices         (SdRequest *self);

/* What the request knows of its regions (from the dashboard or a check). */
void                sd_request_set_region_info     (SdRequest      *self,
                                                    const char     *region,
                                                    SdSandboxState  state,
                                                    double          max_24_hour_send,   /* −1 unlimited */
                                                    double          max_send_rate,
                                                    int             n_dedicated_ips);   /* −1 unknown */
/* The same from a dashboard region (its state, quota and IP count). */
void                sd_request_set_region_status   (SdRequest      *self,
                                                    SdRegionStatus *status);
/* The region's sandbox state as known, or UNKNOWN. */
SdSandboxState      sd_request_get_region_state    (SdRequest      *self,
                                                    const char     *region);
/* How many dedicated IPs @region has, or −1 when unknown. */
int                 sd_request_get_region_ip_count (SdRequest      *self,
                                                    const char     *region);
/* For a region whose review was denied: send a Service Quotas request instead. */
void                sd_request_set_use_service_quotas (SdRequest  *self,
                                                       const char *region,
                                                       gboolean    use_service_quotas);
gboolean            sd_request_get_use_service_quotas (SdRequest  *self,
                                                       const char *region);
/* Learnt by a check: the Support codes (from DescribeServices), whether the
 * plan has Support API access, the confirmed quota code of a region. */
void                sd_request_set_support_codes   (SdRequest  *self,
                                                    const char *service_code,
                                                    const char *category_code);
/* The Support service code DescribeServices gave, or NULL. */
const char         *sd_request_get_service_code    (SdRequest *self);
/* The Support category code DescribeServices gave, or NULL. */
const char         *sd_request_get_category_code   (SdRequest *self);
/* Dedicated IPs go as a service limit increase case in the Support Center,
 * which the Support API does not take; with API access the same text may
 * go as a question to SES support instead (the SES service code). */
void                sd_request_set_ses_support_case (SdRequest *self, gboolean ses_case);
gboolean            sd_request_get_ses_support_case (SdRequest *self);
/* Whether the plan has Support API access (assumed until a check says no). */
void                sd_request_set_support_api     (SdRequest *self, gboolean available);
gboolean            sd_request_get_support_api     (SdRequest *self);
/* The quota code ListServiceQuotas confirmed for @region. */
void                sd_request_set_quota_code      (SdRequest  *self,
                                                    const char *region,
                                                    const char *quota_code);
/* The confirmed quota code, else the known one for the request's limit. */
const char         *sd_request_get_quota_code      (SdRequest  *self,
                                                    const char *region);

/* The route @region takes now. */
SdRequestRoute      sd_request_get_route           (SdRequest  *self,
                                                    const char *region);
/* The route in words, translated: "SESv2 PutAccountDetails in eu-west-1",
 * "Service Quotas request for L-804C8AE8 in us-east-1", "A service limit
 * increase case in the AWS Support Center, in Japanese…". */
char               *sd_request_describe_route      (SdRequest      *self,
                                                    const char     *region,
                                                    SdRequestRoute  route);

/* The short unique reference of @region's request ("SD-7F3K2Q"): written into
 * the subject and body so that the case is found again. Made on first use
 * and kept in the draft. */
const char         *sd_request_get_reference       (SdRequest  *self,
                                                    const char *region);
/* For tests and restored drafts. */
void                sd_request_set_reference       (SdRequest  *self,
                                                    const char *region,
                                                    const char *reference);
/* A new random reference. */
char               *sd_request_new_reference       (void);

/* The exact input object of @route's operation for @region (a new reference). */
JsonObject         *sd_request_build_payload       (SdRequest      *self,
                                                    const char     *region,
                                                    SdRequestRoute  route);

G_END_DECLS
