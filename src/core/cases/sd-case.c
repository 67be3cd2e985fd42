/* sd-case.c — one AWS Support case, as the case list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-aws-error.h"
#include "sd-aws-json.h"
#include "sd-case.h"
#include "sd-communication.h"
#include "sd-support.h"
#include "sd-safe-text.h"

#define SUBJECT_MAX_CHARS 300
#define FIELD_MAX_CHARS 200

struct _SdCase {
  GObject       parent_instance;

  JsonObject   *json;             /* owned, nullable */
  char         *case_id;          /* owned: as AWS sent it, for the API */
  char         *case_id_shown;    /* owned: the same, sanitised, for people */
  char         *display_id;       /* owned, nullable */
  char         *subject;          /* owned, nullable, sanitised */
  SdCaseStatus  status;
  char         *service_code;     /* owned, nullable */
  char         *category_code;    /* owned, nullable */
  char         *severity_code;    /* owned, nullable */
  char         *language;         /* owned, nullable */
  char         *submitted_by;     /* owned, nullable, sanitised */
  GDateTime    *time_created;     /* owned, nullable */
  GDateTime    *last_activity;    /* owned, nullable */
  GDateTime    *last_aws_activity; /* owned, nullable */
  GStrv         cc;               /* owned, never NULL */
  GPtrArray    *recent;           /* owned, SdCommunication */
  gboolean      ses_related;
  gboolean      from_app;
  SdCaseOrigin  origin;
  char         *origin_region;    /* owned, nullable */
  gboolean      details_known;
  gboolean      unread;
  char         *search_text;      /* owned, casefolded haystack, built on demand */
};

G_DEFINE_FINAL_TYPE (SdCase, sd_case, G_TYPE_OBJECT)

G_DEFINE_QUARK (sd-case-error-quark, sd_case_error)

gboolean
sd_case_error_is_offline (const GError *error)
{
  return error != NULL && error->domain == SD_AWS_ERROR &&
         (error->code == SD_AWS_ERROR_NETWORK || error->code == SD_AWS_ERROR_TIMEOUT);
}

enum {
  PROP_0,
  PROP_CASE_ID,
  PROP_DISPLAY_ID,
  PROP_LABEL_ID,
  PROP_SUBJECT,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_SERVICE_CODE,
  PROP_CATEGORY_CODE,
  PROP_SEVERITY_CODE,
  PROP_LANGUAGE,
  PROP_SUBMITTED_BY,
  PROP_TIME_CREATED,
  PROP_LAST_ACTIVITY,
  PROP_LAST_AWS_ACTIVITY,
  PROP_CC_ADDRESSES,
  PROP_SES_RELATED,
  PROP_FROM_APP,
  PROP_ORIGIN,
  PROP_ORIGIN_REGION,
  PROP_DETAILS_KNOWN,
  PROP_UNREAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  SdCaseStatus  status;
  const char   *id;
  const char   *label;
} status_table[] = {
  { SD_CASE_STATUS_OPENED, "opened", N_("Open") },
  { SD_CASE_STATUS_PENDING_CUSTOMER_ACTION, "pending-customer-action", N_("Waiting for your reply") },
  { SD_CASE_STATUS_CUSTOMER_ACTION_COMPLETED, "customer-action-completed", N_("Replied") },
  { SD_CASE_STATUS_REOPENED, "reopened", N_("Reopened") },
  { SD_CASE_STATUS_RESOLVED, "resolved", N_("Resolved") },
  { SD_CASE_STATUS_UNASSIGNED, "unassigned", N_("Unassigned") },
  { SD_CASE_STATUS_WORK_IN_PROGRESS, "work-in-progress", N_("In progress") },
};

/* Enums */

G_DEFINE_ENUM_TYPE (SdCaseStatus, sd_case_status,
  G_DEFINE_ENUM_VALUE (SD_CASE_STATUS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (SD_CASE_STATUS_OPENED, "opened"),
  G_DEFINE_ENUM_VALUE (SD_CASE_STATUS_PENDING_CUSTOMER_ACTION, "pending-customer-action"),
  G_DEFINE_ENUM_VALUE (SD_CASE_STATUS_CUSTOMER_ACTION_COMPLETED, "customer-action-completed"),
  G_DEFINE_ENUM_VALUE (SD_CASE_STATUS_REOPENED, "reopened"),
  G_DEFINE_ENUM_VALUE (SD_CASE_STATUS_RESOLVED, "resolved"),
  G_DEFINE_ENUM_VALUE (SD_CASE_STATUS_UNASSIGNED, "unassigned"),
  G_DEFINE_ENUM_VALUE (SD_CASE_STATUS_WORK_IN_PROGRESS, "work-in-progress"))

G_DEFINE_ENUM_TYPE (SdCaseFilter, sd_case_filter,
  G_DEFINE_ENUM_VALUE (SD_CASE_FILTER_ALL, "all"),
  G_DEFINE_ENUM_VALUE (SD_CASE_FILTER_OPEN, "open"),
  G_DEFINE_ENUM_VALUE (SD_CASE_FILTER_NEEDS_REPLY, "needs-reply"),
  G_DEFINE_ENUM_VALUE (SD_CASE_FILTER_RESOLVED, "resolved"))

G_DEFINE_ENUM_TYPE (SdCaseOrigin, sd_case_origin,
  G_DEFINE_ENUM_VALUE (SD_CASE_ORIGIN_NONE, "none"),
  G_DEFINE_ENUM_VALUE (SD_CASE_ORIGIN_REVIEW, "review"),
  G_DEFINE_ENUM_VALUE (SD_CASE_ORIGIN_QUOTA_REQUEST, "quota-request"),
  G_DEFINE_ENUM_VALUE (SD_CASE_ORIGIN_CREATED, "created"))

SdCaseStatus
sd_case_status_from_id (const char *id)
{
  if (id == NULL)
    return SD_CASE_STATUS_UNKNOWN;
  for (gsize i = 0; i < G_N_ELEMENTS (status_table); i++)
    if (g_ascii_strcasecmp (status_table[i].id, id) == 0)
      return status_table[i].status;
  return SD_CASE_STATUS_UNKNOWN;
}

const char *
sd_case_status_to_id (SdCaseStatus status)
{
  for (gsize i = 0; i < G_N_ELEMENTS (status_table); i++)
    if (status_table[i].status == status)
      return status_table[i].id;
  return NULL;
}

const char *
sd_case_status_to_label (SdCaseStatus status)
{
  for (gsize i = 0; i < G_N_ELEMENTS (status_table); i++)
    if (status_table[i].status == status)
      return _(status_table[i].label);
  return _("Unknown");
}

gboolean
sd_case_status_is_resolved (SdCaseStatus status)
{
  return status == SD_CASE_STATUS_RESOLVED;
}

const char *
sd_case_origin_to_id (SdCaseOrigin origin)
{
  switch (origin)
    {
    case SD_CASE_ORIGIN_REVIEW:
      return "review";
    case SD_CASE_ORIGIN_QUOTA_REQUEST:
      return "quota-request";
    case SD_CASE_ORIGIN_CREATED:
      return "created";
    case SD_CASE_ORIGIN_NONE:
    default:
      return NULL;
    }
}

const char *
sd_case_origin_to_label (SdCaseOrigin origin)
{
  switch (origin)
    {
    case SD_CASE_ORIGIN_REVIEW:
      return _("Production access review");
    case SD_CASE_ORIGIN_QUOTA_REQUEST:
      return _("Sending quota request");
    case SD_CASE_ORIGIN_CREATED:
      return _("Opened by SES Desk");
    case SD_CASE_ORIGIN_NONE:
    default:
      return NULL;
    }
}

/* Auxiliary functions */

static gboolean
has_ses_token (const char *code)
{
  g_auto(GStrv) tokens = NULL;

  if (code == NULL)
    return FALSE;
  if (strstr (code, "simple-email") != NULL)
    return TRUE;
  tokens = g_strsplit_set (code, "-_.", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (g_ascii_strcasecmp (tokens[i], "ses") == 0)
      return TRUE;
  return FALSE;
}

static gboolean
subject_mentions_ses (const char *subject)
{
  g_autofree char *lower = NULL;

  if (subject == NULL)
    return FALSE;
  for (const char *p = strstr (subject, "SES"); p != NULL; p = strstr (p + 1, "SES"))
    {
      gboolean before = p == subject || !g_ascii_isalnum (p[-1]);
      gboolean after = !g_ascii_isalnum (p[3]);

      if (before && after)
        return TRUE;
    }
  lower = g_ascii_strdown (subject, -1);
  return strstr (lower, "simple email service") != NULL;
}

static void
set_string (SdCase      *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_clear_pointer (&self->search_text, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
take_string (SdCase  *self,
             char   **field,
             char    *value,
             guint    prop)
{
  set_string (self, field, value, prop);
  g_free (value);
}

static void
set_time (SdCase     *self,
          GDateTime **field,
          GDateTime  *value,
          guint       prop)
{
  if (*field == value || (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return;
  g_clear_pointer (field, g_date_time_unref);
  *field = value != NULL ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_boolean (SdCase   *self,
             gboolean *field,
             gboolean  value,
             guint     prop)
{
  if (*field == !!value)
    return;
  *field = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static char *
optional_line (JsonObject *details,
               const char *member,
               guint       max_chars)
{
  const char *value = sd_json_get_string (details, member);

  return value != NULL ? sd_text_safe_line (value, -1, max_chars) : NULL;
}

static int
compare_messages (gconstpointer a,
                  gconstpointer b)
{
  return sd_communication_compare (*(SdCommunication **) a, *(SdCommunication **) b);
}

static void
update_derived (SdCase *self)
{
  gboolean from_app = self->origin == SD_CASE_ORIGIN_CREATED ||
                      (self->subject != NULL && strstr (self->subject, SD_CASE_APP_REFERENCE_PREFIX) != NULL);
  gboolean ses = has_ses_token (self->service_code) || has_ses_token (self->category_code) ||
                 subject_mentions_ses (self->subject);

  set_boolean (self, &self->from_app, from_app, PROP_FROM_APP);
  set_boolean (self, &self->ses_related, ses, PROP_SES_RELATED);
}

static void
apply_json (SdCase     *self,
            JsonObject *details)
{
  JsonObject *recent_object = sd_json_get_object (details, "recentCommunications");
  JsonArray *recent = sd_json_get_array (recent_object, "communications");
  JsonArray *cc = sd_json_get_array (details, "ccEmailAddresses");
  g_autoptr(GDateTime) created = sd_aws_parse_time (sd_json_get_string (details, "timeCreated"));
  g_autoptr(GDateTime) last = created != NULL ? g_date_time_ref (created) : NULL;
  g_autoptr(GDateTime) last_aws = NULL;
  g_autoptr(GStrvBuilder) cc_builder = g_strv_builder_new ();
  g_auto(GStrv) new_cc = NULL;
  SdCaseStatus status;

  g_object_freeze_notify (G_OBJECT (self));

  if (self->json != details)
    {
      g_clear_pointer (&self->json, json_object_unref);
      self->json = json_object_ref (details);
    }

  {
    g_autofree char *display_id = optional_line (details, "displayId", FIELD_MAX_CHARS);

    if (g_strcmp0 (display_id, self->display_id) != 0)
      {
        set_string (self, &self->display_id, display_id, PROP_DISPLAY_ID);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL_ID]);
      }
  }
  take_string (self, &self->subject, optional_line (details, "subject", SUBJECT_MAX_CHARS),
               PROP_SUBJECT);
  take_string (self, &self->service_code, optional_line (details, "serviceCode", FIELD_MAX_CHARS),
               PROP_SERVICE_CODE);
  take_string (self, &self->category_code, optional_line (details, "categoryCode", FIELD_MAX_CHARS),
               PROP_CATEGORY_CODE);
  take_string (self, &self->severity_code, optional_line (details, "severityCode", FIELD_MAX_CHARS),
               PROP_SEVERITY_CODE);
  take_string (self, &self->language, optional_line (details, "language", 16), PROP_LANGUAGE);
  take_string (self, &self->submitted_by, optional_line (details, "submittedBy", FIELD_MAX_CHARS),
               PROP_SUBMITTED_BY);

  status = sd_case_status_from_id (sd_json_get_string (details, "status"));
  sd_case_set_status (self, status);

  g_ptr_array_set_size (self->recent, 0);
  for (guint i = 0; recent != NULL && i < json_array_get_length (recent); i++)
    {
      JsonObject *item = sd_json_array_get_object (recent, i);
      SdCommunication *message;
      GDateTime *when;

      if (item == NULL)
        continue;
      message = sd_communication_new_from_json (item);
      g_ptr_array_add (self->recent, message);
      when = sd_communication_get_time (message);
      if (when == NULL)
        continue;
      if (last == NULL || g_date_time_compare (when, last) > 0)
        {
          g_clear_pointer (&last, g_date_time_unref);
          last = g_date_time_ref (when);
        }
      if (sd_communication_get_author (message) == SD_AUTHOR_AWS &&
          (last_aws == NULL || g_date_time_compare (when, last_aws) > 0))
        {
          g_clear_pointer (&last_aws, g_date_time_unref);
          last_aws = g_date_time_ref (when);
        }
    }
  g_ptr_array_sort (self->recent, compare_messages);

  set_time (self, &self->time_created, created, PROP_TIME_CREATED);
  set_time (self, &self->last_activity, last, PROP_LAST_ACTIVITY);
  /* An older copy of the details (a cache) must not forget a newer AWS message. */
  if (last_aws != NULL &&
      (self->last_aws_activity == NULL || g_date_time_compare (last_aws, self->last_aws_activity) > 0))
    set_time (self, &self->last_aws_activity, last_aws, PROP_LAST_AWS_ACTIVITY);

  for (guint i = 0; cc != NULL && i < json_array_get_length (cc) && i < 50; i++)
    {
      const char *raw = sd_json_array_get_string (cc, i);

      if (raw != NULL)
        {
          g_autofree char *address = sd_text_safe_line (raw, -1,
                                                        FIELD_MAX_CHARS);
          g_strv_builder_add (cc_builder, address);
        }
    }
  new_cc = g_strv_builder_end (cc_builder);
  if (!g_strv_equal ((const char * const *) self->cc, (const char * const *) new_cc))
    {
      g_strfreev (self->cc);
      self->cc = g_steal_pointer (&new_cc);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CC_ADDRESSES]);
    }

  set_boolean (self, &self->details_known, TRUE, PROP_DETAILS_KNOWN);
  update_derived (self);
  g_clear_pointer (&self->search_text, g_free);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Overrides */

static void
sd_case_finalize (GObject *object)
{
  SdCase *self = SD_CASE (object);

  g_clear_pointer (&self->json, json_object_unref);
  g_free (self->case_id);
  g_free (self->case_id_shown);
  g_free (self->display_id);
  g_free (self->subject);
  g_free (self->service_code);
  g_free (self->category_code);
  g_free (self->severity_code);
  g_free (self->language);
  g_free (self->submitted_by);
  g_clear_pointer (&self->time_created, g_date_time_unref);
  g_clear_pointer (&self->last_activity, g_date_time_unref);
  g_clear_pointer (&self->last_aws_activity, g_date_time_unref);
  g_strfreev (self->cc);
  g_ptr_array_unref (self->recent);
  g_free (self->origin_region);
  g_free (self->search_text);
  G_OBJECT_CLASS (sd_case_parent_class)->finalize (object);
}

static void
sd_case_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  SdCase *self = SD_CASE (object);

  switch (prop_id)
    {
    case PROP_CASE_ID:
      g_value_set_string (value, self->case_id);
      break;
    case PROP_DISPLAY_ID:
      g_value_set_string (value, self->display_id);
      break;
    case PROP_LABEL_ID:
      g_value_set_string (value, sd_case_get_label_id (self));
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, sd_case_status_to_label (self->status));
      break;
    case PROP_SERVICE_CODE:
      g_value_set_string (value, self->service_code);
      break;
    case PROP_CATEGORY_CODE:
      g_value_set_string (value, self->category_code);
      break;
    case PROP_SEVERITY_CODE:
      g_value_set_string (value, self->severity_code);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_SUBMITTED_BY:
      g_value_set_string (value, self->submitted_by);
      break;
    case PROP_TIME_CREATED:
      g_value_set_boxed (value, self->time_created);
      break;
    case PROP_LAST_ACTIVITY:
      g_value_set_boxed (value, self->last_activity);
      break;
    case PROP_LAST_AWS_ACTIVITY:
      g_value_set_boxed (value, self->last_aws_activity);
      break;
    case PROP_CC_ADDRESSES:
      g_value_set_boxed (value, self->cc);
      break;
    case PROP_SES_RELATED:
      g_value_set_boolean (value, self->ses_related);
      break;
    case PROP_FROM_APP:
      g_value_set_boolean (value, self->from_app);
      break;
    case PROP_ORIGIN:
      g_value_set_enum (value, self->origin);
      break;
    case PROP_ORIGIN_REGION:
      g_value_set_string (value, self->origin_region);
      break;
    case PROP_DETAILS_KNOWN:
      g_value_set_boolean (value, self->details_known);
      break;
    case PROP_UNREAD:
      g_value_set_boolean (value, self->unread);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_case_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  SdCase *self = SD_CASE (object);

  switch (prop_id)
    {
    case PROP_UNREAD:
      sd_case_set_unread (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_case_class_init (SdCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = sd_case_finalize;
  object_class->get_property = sd_case_get_property;
  object_class->set_property = sd_case_set_property;

  properties[PROP_CASE_ID] = g_param_spec_string ("case-id", NULL, NULL, NULL, ro);
  properties[PROP_DISPLAY_ID] = g_param_spec_string ("display-id", NULL, NULL, NULL, ro);
  properties[PROP_LABEL_ID] = g_param_spec_string ("label-id", NULL, NULL, NULL, ro);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, ro);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, SD_TYPE_CASE_STATUS, SD_CASE_STATUS_UNKNOWN, ro);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, ro);
  properties[PROP_SERVICE_CODE] = g_param_spec_string ("service-code", NULL, NULL, NULL, ro);
  properties[PROP_CATEGORY_CODE] = g_param_spec_string ("category-code", NULL, NULL, NULL, ro);
  properties[PROP_SEVERITY_CODE] = g_param_spec_string ("severity-code", NULL, NULL, NULL, ro);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, ro);
  properties[PROP_SUBMITTED_BY] = g_param_spec_string ("submitted-by", NULL, NULL, NULL, ro);
  properties[PROP_TIME_CREATED] =
    g_param_spec_boxed ("time-created", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_LAST_ACTIVITY] =
    g_param_spec_boxed ("last-activity", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_LAST_AWS_ACTIVITY] =
    g_param_spec_boxed ("last-aws-activity", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_CC_ADDRESSES] =
    g_param_spec_boxed ("cc-addresses", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_SES_RELATED] = g_param_spec_boolean ("ses-related", NULL, NULL, FALSE, ro);
  properties[PROP_FROM_APP] = g_param_spec_boolean ("from-app", NULL, NULL, FALSE, ro);
  properties[PROP_ORIGIN] =
    g_param_spec_enum ("origin", NULL, NULL, SD_TYPE_CASE_ORIGIN, SD_CASE_ORIGIN_NONE, ro);
  properties[PROP_ORIGIN_REGION] = g_param_spec_string ("origin-region", NULL, NULL, NULL, ro);
  properties[PROP_DETAILS_KNOWN] = g_param_spec_boolean ("details-known", NULL, NULL, FALSE, ro);
  properties[PROP_UNREAD] =
    g_param_spec_boolean ("unread", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_case_init (SdCase *self)
{
  self->cc = g_new0 (char *, 1);
  self->recent = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API */

SdCase *
sd_case_new (const char *case_id)
{
  SdCase *self;

  g_return_val_if_fail (case_id != NULL, NULL);
  self = g_object_new (SD_TYPE_CASE, NULL);
  self->case_id = g_strdup (case_id);
  self->case_id_shown = sd_text_safe_line (case_id, -1, FIELD_MAX_CHARS);
  return self;
}

SdCase *
sd_case_new_from_json (JsonObject  *details,
                       GError     **error)
{
  const char *case_id = sd_json_get_string (details, "caseId");
  SdCase *self;

  if (case_id == NULL || case_id[0] == '\0' || strlen (case_id) > 256)
    {
      g_set_error_literal (error, SD_CASE_ERROR, SD_CASE_ERROR_BAD_DATA,
                           _("AWS Support listed a case without a usable case id."));
      return NULL;
    }
  self = sd_case_new (case_id);
  apply_json (self, details);
  return self;
}

gboolean
sd_case_update_from_json (SdCase     *self,
                          JsonObject *details)
{
  g_return_val_if_fail (SD_IS_CASE (self), FALSE);

  if (g_strcmp0 (sd_json_get_string (details, "caseId"), self->case_id) != 0)
    return FALSE;
  apply_json (self, details);
  return TRUE;
}

JsonObject *
sd_case_get_json (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return self->json;
}

const char *
sd_case_get_case_id (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return self->case_id;
}

const char *
sd_case_get_display_id (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return self->display_id;
}

const char *
sd_case_get_label_id (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return self->display_id != NULL && self->display_id[0] != '\0' ? self->display_id : self->case_id_shown;
}

const char *
sd_case_get_subject (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return self->subject;
}

SdCaseStatus
sd_case_get_status (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), SD_CASE_STATUS_UNKNOWN);
  return self->status;
}

void
sd_case_set_status (SdCase       *self,
                    SdCaseStatus  status)
{
  g_return_if_fail (SD_IS_CASE (self));

  if (self->status == status)
    return;
  self->status = status;
  g_clear_pointer (&self->search_text, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_LABEL]);
}

const char *
sd_case_get_service_code (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return self->service_code;
}

const char *
sd_case_get_category_code (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return self->category_code;
}

const char *
sd_case_get_severity_code (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return self->severity_code;
}

const char *
sd_case_get_language (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return self->language;
}

const char *
sd_case_get_submitted_by (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return self->submitted_by;
}

GDateTime *
sd_case_get_time_created (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return self->time_created;
}

GDateTime *
sd_case_get_last_activity (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return self->last_activity;
}

GDateTime *
sd_case_get_last_aws_activity (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return self->last_aws_activity;
}

const char * const *
sd_case_get_cc_addresses (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return (const char * const *) self->cc;
}

gboolean
sd_case_get_ses_related (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), FALSE);
  return self->ses_related;
}

gboolean
sd_case_get_from_app (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), FALSE);
  return self->from_app;
}

SdCaseOrigin
sd_case_get_origin (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), SD_CASE_ORIGIN_NONE);
  return self->origin;
}

const char *
sd_case_get_origin_region (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return self->origin_region;
}

void
sd_case_set_origin (SdCase       *self,
                    SdCaseOrigin  origin,
                    const char   *region)
{
  g_return_if_fail (SD_IS_CASE (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->origin != origin)
    {
      self->origin = origin;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGIN]);
    }
  set_string (self, &self->origin_region, region, PROP_ORIGIN_REGION);
  update_derived (self);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
sd_case_get_details_known (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), FALSE);
  return self->details_known;
}

gboolean
sd_case_get_unread (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), FALSE);
  return self->unread;
}

void
sd_case_set_unread (SdCase   *self,
                    gboolean  unread)
{
  g_return_if_fail (SD_IS_CASE (self));
  set_boolean (self, &self->unread, unread, PROP_UNREAD);
}

char *
sd_case_dup_support_center_url (SdCase     *self,
                                const char *region)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return sd_support_center_case_url (region != NULL ? region : self->origin_region,
                                     sd_case_get_label_id (self));
}

GPtrArray *
sd_case_get_recent_communications (SdCase *self)
{
  g_return_val_if_fail (SD_IS_CASE (self), NULL);
  return self->recent;
}

gboolean
sd_case_has_id (SdCase     *self,
                const char *id)
{
  g_return_val_if_fail (SD_IS_CASE (self), FALSE);

  if (id == NULL)
    return FALSE;
  return g_str_equal (self->case_id, id) || g_strcmp0 (self->display_id, id) == 0;
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal != NULL ? normal : "", -1);
}

gboolean
sd_case_matches (SdCase       *self,
                 const char   *search,
                 SdCaseFilter  filter)
{
  g_auto(GStrv) words = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (SD_IS_CASE (self), FALSE);

  switch (filter)
    {
    case SD_CASE_FILTER_OPEN:
      if (sd_case_status_is_resolved (self->status))
        return FALSE;
      break;
    case SD_CASE_FILTER_NEEDS_REPLY:
      if (self->status != SD_CASE_STATUS_PENDING_CUSTOMER_ACTION)
        return FALSE;
      break;
    case SD_CASE_FILTER_RESOLVED:
      if (!sd_case_status_is_resolved (self->status))
        return FALSE;
      break;
    case SD_CASE_FILTER_ALL:
    default:
      break;
    }

  if (search == NULL || search[0] == '\0')
    return TRUE;

  if (self->search_text == NULL)
    {
      g_autofree char *joined =
        g_strjoin ("\n", self->case_id,
                   self->display_id != NULL ? self->display_id : "",
                   self->subject != NULL ? self->subject : "",
                   self->service_code != NULL ? self->service_code : "",
                   self->category_code != NULL ? self->category_code : "",
                   sd_case_status_to_label (self->status),
                   sd_case_status_to_id (self->status) != NULL ? sd_case_status_to_id (self->status) : "",
                   self->language != NULL ? self->language : "",
                   self->submitted_by != NULL ? self->submitted_by : "",
                   self->origin_region != NULL ? self->origin_region : "",
                   NULL);
      self->search_text = fold (joined);
    }

  folded = fold (search);
  words = g_strsplit_set (folded, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (self->search_text, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static int
tier (SdCase *self)
{
  return self->ses_related || self->from_app || self->origin != SD_CASE_ORIGIN_NONE ? 0 : 1;
}

int
sd_case_compare (SdCase *a,
                 SdCase *b)
{
  int c = tier (a) - tier (b);

  if (c != 0)
    return c;
  if (a->last_activity != NULL && b->last_activity != NULL)
    {
      c = g_date_time_compare (b->last_activity, a->last_activity);
      if (c != 0)
        return c;
    }
  else if (a->last_activity != NULL || b->last_activity != NULL)
    return a->last_activity != NULL ? -1 : 1;
  return strcmp (b->case_id, a->case_id);
}
