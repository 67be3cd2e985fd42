/* sd-request.c — one request to AWS as the SES guide's case forms describe it (docs/ses-guide.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-aws-json.h"
#include "sd-request-private.h"
#include "sd-service-quotas.h"

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

/* Auxiliary functions */

char *
sd_request_strip_dup (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

RegionInfo *
sd_request_region_info (SdRequest  *self,
                        const char *region)
{
  return region != NULL ? g_hash_table_lookup (self->region_info, region) : NULL;
}

void
sd_request_revalidate (SdRequest *self)
{
  gboolean valid = sd_request_validate_fields (self);

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
  sd_request_revalidate (self);
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

JsonArray *
sd_request_strv_to_array (const char * const *strv)
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
      const char *item = sd_json_array_get_string (array, i);

      if (item != NULL)
        g_ptr_array_add (out, g_strdup (item));
    }
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
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
  sd_request_revalidate (self);
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

/* Public API: the request */

SdRequest *
sd_request_new (SdRequestKind kind)
{
  return g_object_new (SD_TYPE_REQUEST, "kind", kind, NULL);
}

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
  self->limit = sd_enum_from_nick (SD_TYPE_LIMIT_KIND, sd_json_get_string (object, "limit"), SD_LIMIT_DAILY_QUOTA);
  set_string (&self->limit_value, sd_json_get_string (object, "limit_value"));
  set_string (&self->ip_count, sd_json_get_string (object, "ip_count"));
  set_strv (&self->release_ips, (const char * const *) ips);
  self->mail_type = sd_enum_from_nick (SD_TYPE_MAIL_TYPE, sd_json_get_string (object, "mail_type"), SD_MAIL_TYPE_NONE);
  set_string (&self->website_url, sd_json_get_string (object, "website_url"));
  self->answers[0] = sd_enum_from_nick (SD_TYPE_ANSWER, sd_json_get_string (object, "complies_with_terms"), SD_ANSWER_UNSET);
  self->answers[1] = sd_enum_from_nick (SD_TYPE_ANSWER, sd_json_get_string (object, "only_requested_recipients"),
                                        SD_ANSWER_UNSET);
  self->answers[2] = sd_enum_from_nick (SD_TYPE_ANSWER, sd_json_get_string (object, "handles_bounces"), SD_ANSWER_UNSET);
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
  sd_request_revalidate (self);
  return self;
}

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
  json_object_set_array_member (object, "regions", sd_request_strv_to_array ((const char * const *) self->regions));
  json_object_set_string_member (object, "limit", sd_enum_nick (SD_TYPE_LIMIT_KIND, self->limit));
  json_object_set_string_member (object, "limit_value", self->limit_value);
  json_object_set_string_member (object, "ip_count", self->ip_count);
  json_object_set_array_member (object, "release_ips", sd_request_strv_to_array ((const char * const *) self->release_ips));
  json_object_set_string_member (object, "mail_type", sd_enum_nick (SD_TYPE_MAIL_TYPE, self->mail_type));
  json_object_set_string_member (object, "website_url", self->website_url);
  json_object_set_string_member (object, "complies_with_terms", sd_enum_nick (SD_TYPE_ANSWER, self->answers[0]));
  json_object_set_string_member (object, "only_requested_recipients", sd_enum_nick (SD_TYPE_ANSWER, self->answers[1]));
  json_object_set_string_member (object, "handles_bounces", sd_enum_nick (SD_TYPE_ANSWER, self->answers[2]));
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
  sd_request_revalidate (copy);
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

void
sd_request_set_website_url (SdRequest  *self,
                            const char *url)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (set_string (&self->website_url, url))
    user_changed (self, PROP_WEBSITE_URL);
}

SdAnswer
sd_request_get_answer (SdRequest      *self,
                       SdRequestField  question)
{
  int i = sd_request_answer_index (question);

  g_return_val_if_fail (SD_IS_REQUEST (self), SD_ANSWER_UNSET);
  g_return_val_if_fail (i >= 0, SD_ANSWER_UNSET);
  return self->answers[i];
}

void
sd_request_set_answer (SdRequest      *self,
                       SdRequestField  question,
                       SdAnswer        answer)
{
  int i = sd_request_answer_index (question);

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

void
sd_request_set_contact_emails (SdRequest  *self,
                               const char *text)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (set_string (&self->contact_emails, text))
    user_changed (self, PROP_CONTACT_EMAILS);
}

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

const char *
sd_request_get_field_error (SdRequest      *self,
                            SdRequestField  field)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  g_return_val_if_fail (field < SD_REQUEST_N_FIELDS, NULL);
  return self->errors[field];
}

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
    sd_request_revalidate (self);
}

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

SdSandboxState
sd_request_get_region_state (SdRequest  *self,
                             const char *region)
{
  RegionInfo *info;

  g_return_val_if_fail (SD_IS_REQUEST (self), SD_SANDBOX_STATE_UNKNOWN);
  info = sd_request_region_info (self, region);
  return info != NULL ? info->state : SD_SANDBOX_STATE_UNKNOWN;
}

int
sd_request_get_region_ip_count (SdRequest  *self,
                                const char *region)
{
  RegionInfo *info;

  g_return_val_if_fail (SD_IS_REQUEST (self), -1);
  info = sd_request_region_info (self, region);
  return info != NULL ? info->n_ips : -1;
}

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
    sd_request_revalidate (self);
}

const char *
sd_request_get_service_code (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  return self->service_code;
}

const char *
sd_request_get_category_code (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), NULL);
  return self->service_code != NULL ? self->category_code : NULL;
}

void
sd_request_set_ses_support_case (SdRequest *self,
                                 gboolean   ses_case)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (self->ses_case == !!ses_case)
    return;
  self->ses_case = !!ses_case;
  if (self->freeze == 0)
    sd_request_revalidate (self);
}

gboolean
sd_request_get_ses_support_case (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), FALSE);
  return self->ses_case;
}

void
sd_request_set_support_api (SdRequest *self,
                            gboolean   available)
{
  g_return_if_fail (SD_IS_REQUEST (self));

  if (self->support_api == !!available)
    return;
  self->support_api = !!available;
  if (self->freeze == 0)
    sd_request_revalidate (self);
}

gboolean
sd_request_get_support_api (SdRequest *self)
{
  g_return_val_if_fail (SD_IS_REQUEST (self), FALSE);
  return self->support_api;
}

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
