/* sd-case.h — one AWS Support case, as the case list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Errors of the cases layer (the AWS layer's SD_AWS_ERROR passes through). */
#define SD_CASE_ERROR (sd_case_error_quark ())

typedef enum {
  SD_CASE_ERROR_INVALID,               /* a reply field is not valid (the message says which) */
  SD_CASE_ERROR_TOO_MANY_ATTACHMENTS,  /* more than 3 */
  SD_CASE_ERROR_ATTACHMENT_TOO_LARGE,  /* more than 5 MB */
  SD_CASE_ERROR_BUSY,                  /* a reply to this case is already being sent */
  SD_CASE_ERROR_NOT_SENT,              /* an ambiguous failure, and the thread shows it did not arrive */
  SD_CASE_ERROR_UNCERTAIN,             /* an ambiguous failure that could not be checked yet */
  SD_CASE_ERROR_NOT_FOUND,             /* no case with that id */
  SD_CASE_ERROR_NOT_CACHED,            /* offline and nothing on disk */
  SD_CASE_ERROR_BAD_DATA,              /* an answer or a cache file that cannot be used */
} SdCaseErrorCode;

GQuark sd_case_error_quark (void);
/* Does @error mean AWS could not be reached (network, timeout)? */
gboolean sd_case_error_is_offline (const GError *error);

/* The statuses DescribeCases reports. */
typedef enum {
  SD_CASE_STATUS_UNKNOWN,
  SD_CASE_STATUS_OPENED,
  SD_CASE_STATUS_PENDING_CUSTOMER_ACTION,
  SD_CASE_STATUS_CUSTOMER_ACTION_COMPLETED,
  SD_CASE_STATUS_REOPENED,
  SD_CASE_STATUS_RESOLVED,
  SD_CASE_STATUS_UNASSIGNED,
  SD_CASE_STATUS_WORK_IN_PROGRESS,
} SdCaseStatus;

#define SD_TYPE_CASE_STATUS (sd_case_status_get_type ())
GType         sd_case_status_get_type  (void) G_GNUC_CONST;
/* sd_case_status_from_id: the status for a wire id (UNKNOWN for others). */
SdCaseStatus  sd_case_status_from_id   (const char *id);
/* The wire id ("pending-customer-action"), NULL for unknown. */
const char   *sd_case_status_to_id     (SdCaseStatus status);
/* For people, translated ("Waiting for your reply"). */
const char   *sd_case_status_to_label  (SdCaseStatus status);
/* sd_case_status_is_resolved: whether the case is closed. */
gboolean      sd_case_status_is_resolved (SdCaseStatus status);

/* Filters of the case list. */
typedef enum {
  SD_CASE_FILTER_ALL,
  SD_CASE_FILTER_OPEN,            /* not resolved */
  SD_CASE_FILTER_NEEDS_REPLY,     /* pending-customer-action */
  SD_CASE_FILTER_RESOLVED,
} SdCaseFilter;

#define SD_TYPE_CASE_FILTER (sd_case_filter_get_type ())
GType         sd_case_filter_get_type  (void) G_GNUC_CONST;

/* How the app knows a case, besides DescribeCases. */
typedef enum {
  SD_CASE_ORIGIN_NONE,
  SD_CASE_ORIGIN_REVIEW,          /* SESv2 GetAccount ReviewDetails.CaseId of a region */
  SD_CASE_ORIGIN_QUOTA_REQUEST,   /* a Service Quotas request's CaseId */
  SD_CASE_ORIGIN_CREATED,         /* CreateCase by this app */
} SdCaseOrigin;

#define SD_TYPE_CASE_ORIGIN (sd_case_origin_get_type ())
GType         sd_case_origin_get_type  (void) G_GNUC_CONST;
/* "review", "quota-request", "created", NULL: for scripts. */
const char   *sd_case_origin_to_id     (SdCaseOrigin origin);
/* Translated ("Production access review"). */
const char   *sd_case_origin_to_label  (SdCaseOrigin origin);

/* Cases this app opens carry this reference in their subject ("[SD-…]"). */
#define SD_CASE_APP_REFERENCE_PREFIX "[SD-"

#define SD_TYPE_CASE (sd_case_get_type ())
G_DECLARE_FINAL_TYPE (SdCase, sd_case, SD, CASE, GObject)

/* A case known only by its id (details come later, or never without a plan). */
SdCase       *sd_case_new              (const char *case_id);
/* A DescribeCases CaseDetails object; NULL with @error when it has no caseId. */
SdCase       *sd_case_new_from_json    (JsonObject *details,
                                        GError    **error);
/* Replaces the details with a newer CaseDetails of the same case, notifying
 * only the properties that changed. FALSE when @details is another case. */
gboolean      sd_case_update_from_json (SdCase     *self,
                                        JsonObject *details);
/* The CaseDetails object it was built from (for the cache), or NULL. */
JsonObject   *sd_case_get_json         (SdCase *self);

/* sd_case_get_case_id: the case id. */
const char   *sd_case_get_case_id      (SdCase *self);
/* The number people see, or NULL when unknown. */
const char   *sd_case_get_display_id   (SdCase *self);
/* What to show as the case's number: the display id if known, else the case
 * id; sanitised, one line (a server's id may hold escapes or controls). */
const char   *sd_case_get_label_id     (SdCase *self);
/* Sanitised, one line; NULL when unknown. */
const char   *sd_case_get_subject      (SdCase *self);
/* sd_case_get_status: the status. */
SdCaseStatus  sd_case_get_status       (SdCase *self);
/* Sets the status after a write (resolve, reply), before the next refresh. */
void          sd_case_set_status       (SdCase       *self,
                                        SdCaseStatus  status);
/* sd_case_get_service_code: the service code, or NULL. */
const char   *sd_case_get_service_code (SdCase *self);
/* sd_case_get_category_code: the category code, or NULL. */
const char   *sd_case_get_category_code (SdCase *self);
/* sd_case_get_severity_code: the severity code, or NULL. */
const char   *sd_case_get_severity_code (SdCase *self);
/* "en", "ja", "zh", "ko", or NULL. */
const char   *sd_case_get_language     (SdCase *self);
/* Sanitised, one line. */
const char   *sd_case_get_submitted_by (SdCase *self);
/* Nullable; owned by @self. */
GDateTime    *sd_case_get_time_created (SdCase *self);
/* The newest message's time (recentCommunications), else the creation time. */
GDateTime    *sd_case_get_last_activity (SdCase *self);
/* The newest message from AWS among those seen in the case details, or NULL. */
GDateTime    *sd_case_get_last_aws_activity (SdCase *self);
/* The cc addresses; owned by @self, never NULL. */
const char * const *sd_case_get_cc_addresses (SdCase *self);
/* Is the case about SES (service, category or subject)? */
gboolean      sd_case_get_ses_related  (SdCase *self);
/* Did this app open it (its reference in the subject, or a known CreateCase id)? */
gboolean      sd_case_get_from_app     (SdCase *self);
/* sd_case_get_origin: how the app knows the case. */
SdCaseOrigin  sd_case_get_origin       (SdCase *self);
/* The region whose request opened the case, or NULL. */
const char   *sd_case_get_origin_region (SdCase *self);
/* sd_case_set_origin: records how the app knows the case. */
void          sd_case_set_origin       (SdCase       *self,
                                        SdCaseOrigin  origin,
                                        const char   *region);
/* FALSE for a case known only by its id. */
gboolean      sd_case_get_details_known (SdCase *self);
/* TRUE when AWS wrote since the user last read the thread. */
gboolean      sd_case_get_unread       (SdCase *self);
/* sd_case_set_unread: marks the case read or unread. */
void          sd_case_set_unread       (SdCase   *self,
                                        gboolean  unread);
/* The case's page in the Support Center (partition of @region, NULL = aws). */
char         *sd_case_dup_support_center_url (SdCase     *self,
                                              const char *region);
/* The newest messages DescribeCases included (element type SdCommunication);
 * owned by @self, never NULL. */
GPtrArray    *sd_case_get_recent_communications (SdCase *self);

/* Does @id name this case (its case id or display id)? */
gboolean      sd_case_has_id           (SdCase     *self,
                                        const char *id);
/* Does the case match a search text (words, any order, case-insensitive,
 * in subject, ids, service, status, submitter) and the filter? */
gboolean      sd_case_matches          (SdCase       *self,
                                        const char   *search,
                                        SdCaseFilter  filter);
/* The list order: SES-related, linked and this app's cases first, then by
 * last activity, newest first. */
int           sd_case_compare          (SdCase *a,
                                        SdCase *b);

G_END_DECLS
