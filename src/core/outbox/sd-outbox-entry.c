/* sd-outbox-entry.c — one request on its way to AWS, as the journal keeps it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sd-aws-json.h"
#include "sd-enum-nick.h"
#include "sd-outbox-entry-private.h"
#include "sd-support.h"

G_DEFINE_FINAL_TYPE (SdOutboxEntry, sd_outbox_entry, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SdOutboxState, sd_outbox_state,
  G_DEFINE_ENUM_VALUE (SD_OUTBOX_STATE_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (SD_OUTBOX_STATE_SENDING, "sending"),
  G_DEFINE_ENUM_VALUE (SD_OUTBOX_STATE_CONFIRMED, "confirmed"),
  G_DEFINE_ENUM_VALUE (SD_OUTBOX_STATE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (SD_OUTBOX_STATE_UNCERTAIN, "uncertain"),
  G_DEFINE_ENUM_VALUE (SD_OUTBOX_STATE_NEEDS_USER, "needs-user"))

G_DEFINE_ENUM_TYPE (SdOutboxReason, sd_outbox_reason,
  G_DEFINE_ENUM_VALUE (SD_OUTBOX_REASON_NONE, "none"),
  G_DEFINE_ENUM_VALUE (SD_OUTBOX_REASON_SUBSCRIPTION_REQUIRED, "subscription-required"),
  G_DEFINE_ENUM_VALUE (SD_OUTBOX_REASON_REVIEW_PENDING, "review-pending"),
  G_DEFINE_ENUM_VALUE (SD_OUTBOX_REASON_REVIEW_DENIED, "review-denied"),
  G_DEFINE_ENUM_VALUE (SD_OUTBOX_REASON_QUOTA_REQUEST_OPEN, "quota-request-open"),
  G_DEFINE_ENUM_VALUE (SD_OUTBOX_REASON_ALREADY_AT_VALUE, "already-at-value"),
  G_DEFINE_ENUM_VALUE (SD_OUTBOX_REASON_SUPPORT_CENTER, "support-center"))

enum {
  PROP_0,
  PROP_ID,
  PROP_REQUEST_ID,
  PROP_REFERENCE,
  PROP_KIND,
  PROP_ROUTE,
  PROP_PROFILE,
  PROP_REGION,
  PROP_STATE,
  PROP_REASON,
  PROP_MESSAGE,
  PROP_CREATED,
  PROP_SENT_AT,
  PROP_UPDATED,
  PROP_ATTEMPTS,
  PROP_CASE_ID,
  PROP_DISPLAY_ID,
  PROP_QUOTA_REQUEST_ID,
  PROP_QUOTA_REQUEST_STATUS,
  PROP_REVIEW_STATUS,
  PROP_CAN_SEND_AGAIN,
  PROP_BUSY,
  PROP_CHECKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary functions */

static void
set_member (JsonObject *object,
            const char *name,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
}

static char *
dup_member (JsonObject *object,
            const char *name)
{
  return g_strdup (sd_json_get_string (object, name));
}

/* Overrides */

static void
sd_outbox_entry_finalize (GObject *object)
{
  SdOutboxEntry *self = SD_OUTBOX_ENTRY (object);

  g_clear_handle_id (&self->reconcile_source, g_source_remove);
  g_free (self->id);
  g_free (self->request_id);
  g_clear_pointer (&self->request, json_object_unref);
  g_free (self->reference);
  g_free (self->profile);
  g_free (self->region);
  g_free (self->detail);
  g_clear_pointer (&self->payload, json_object_unref);
  g_free (self->case_id);
  g_free (self->display_id);
  g_free (self->quota_request_id);
  g_free (self->quota_status);
  g_free (self->review_status);
  g_free (self->review_case_before);
  g_strfreev (self->known_request_ids);
  g_free (self->open_id);
  g_free (self->open_status);
  g_free (self->open_case_id);

  G_OBJECT_CLASS (sd_outbox_entry_parent_class)->finalize (object);
}

static void
sd_outbox_entry_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SdOutboxEntry *self = SD_OUTBOX_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_REQUEST_ID:
      g_value_set_string (value, self->request_id);
      break;
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_ROUTE:
      g_value_set_enum (value, self->route);
      break;
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_REASON:
      g_value_set_enum (value, self->reason);
      break;
    case PROP_MESSAGE:
      g_value_take_string (value, sd_outbox_entry_dup_message (self));
      break;
    case PROP_CREATED:
      g_value_set_int64 (value, self->created);
      break;
    case PROP_SENT_AT:
      g_value_set_int64 (value, (gint64) self->sent_at);
      break;
    case PROP_UPDATED:
      g_value_set_int64 (value, self->updated);
      break;
    case PROP_ATTEMPTS:
      g_value_set_uint (value, self->attempts);
      break;
    case PROP_CASE_ID:
      g_value_set_string (value, self->case_id);
      break;
    case PROP_DISPLAY_ID:
      g_value_set_string (value, self->display_id);
      break;
    case PROP_QUOTA_REQUEST_ID:
      g_value_set_string (value, self->quota_request_id);
      break;
    case PROP_QUOTA_REQUEST_STATUS:
      g_value_set_string (value, self->quota_status);
      break;
    case PROP_REVIEW_STATUS:
      g_value_set_string (value, self->review_status);
      break;
    case PROP_CAN_SEND_AGAIN:
      g_value_set_boolean (value, sd_outbox_entry_get_can_send_again (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_CHECKING:
      g_value_set_boolean (value, self->checking);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_outbox_entry_class_init (SdOutboxEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sd_outbox_entry_finalize;
  object_class->get_property = sd_outbox_entry_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_REQUEST_ID] = g_param_spec_string ("request-id", NULL, NULL, NULL, ro);
  properties[PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, NULL, ro);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, SD_TYPE_REQUEST_KIND, SD_REQUEST_KIND_DEDICATED_IPS, ro);
  properties[PROP_ROUTE] =
    g_param_spec_enum ("route", NULL, NULL, SD_TYPE_REQUEST_ROUTE, SD_REQUEST_ROUTE_UNKNOWN, ro);
  properties[PROP_PROFILE] = g_param_spec_string ("profile", NULL, NULL, NULL, ro);
  properties[PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL, ro);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SD_TYPE_OUTBOX_STATE, SD_OUTBOX_STATE_PENDING, ro);
  properties[PROP_REASON] =
    g_param_spec_enum ("reason", NULL, NULL, SD_TYPE_OUTBOX_REASON, SD_OUTBOX_REASON_NONE, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_CREATED] = g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_SENT_AT] = g_param_spec_int64 ("sent-at", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UPDATED] = g_param_spec_int64 ("updated", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_ATTEMPTS] = g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_CASE_ID] = g_param_spec_string ("case-id", NULL, NULL, NULL, ro);
  properties[PROP_DISPLAY_ID] = g_param_spec_string ("display-id", NULL, NULL, NULL, ro);
  properties[PROP_QUOTA_REQUEST_ID] = g_param_spec_string ("quota-request-id", NULL, NULL, NULL, ro);
  properties[PROP_QUOTA_REQUEST_STATUS] = g_param_spec_string ("quota-request-status", NULL, NULL, NULL, ro);
  properties[PROP_REVIEW_STATUS] = g_param_spec_string ("review-status", NULL, NULL, NULL, ro);
  properties[PROP_CAN_SEND_AGAIN] = g_param_spec_boolean ("can-send-again", NULL, NULL, FALSE, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_CHECKING] = g_param_spec_boolean ("checking", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_outbox_entry_init (SdOutboxEntry *self)
{
  self->known_request_ids = g_new0 (char *, 1);
  self->payload = json_object_new ();
}

/* Private API */

SdOutboxEntry *
sd_outbox_entry_new (SdRequest  *request,
                     const char *region)
{
  SdOutboxEntry *self = g_object_new (SD_TYPE_OUTBOX_ENTRY, NULL);

  self->id = g_uuid_string_random ();
  self->request_id = g_strdup (sd_request_get_id (request));
  self->request = sd_request_to_json (request);
  self->reference = g_strdup (sd_request_get_reference (request, region));
  self->kind = sd_request_get_kind (request);
  self->route = sd_request_get_route (request, region);
  self->profile = g_strdup (sd_request_get_profile (request));
  self->region = g_strdup (region);
  self->created = g_get_real_time () / G_USEC_PER_SEC;
  self->updated = self->created;
  return self;
}

SdOutboxEntry *
sd_outbox_entry_new_from_json (JsonObject *object)
{
  SdOutboxEntry *self;
  JsonObject *request = sd_json_get_object (object, "request");
  JsonObject *payload = sd_json_get_object (object, "payload");
  JsonArray *known = sd_json_get_array (object, "known_request_ids");
  SdRequestKind kind;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (sd_json_get_string (object, "id") == NULL || sd_json_get_string (object, "reference") == NULL ||
      sd_json_get_string (object, "region") == NULL || request == NULL ||
      !sd_request_kind_from_id (sd_json_get_string (object, "kind"), &kind))
    return NULL;

  self = g_object_new (SD_TYPE_OUTBOX_ENTRY, NULL);
  self->id = dup_member (object, "id");
  self->request_id = dup_member (object, "request_id");
  self->request = json_object_ref (request);
  self->reference = dup_member (object, "reference");
  self->kind = kind;
  self->route = sd_enum_from_nick (SD_TYPE_REQUEST_ROUTE, sd_json_get_string (object, "route"), SD_REQUEST_ROUTE_UNKNOWN);
  self->profile = dup_member (object, "profile");
  self->region = dup_member (object, "region");
  self->state = sd_enum_from_nick (SD_TYPE_OUTBOX_STATE, sd_json_get_string (object, "state"),
                                   SD_OUTBOX_STATE_UNCERTAIN);
  self->reason = sd_enum_from_nick (SD_TYPE_OUTBOX_REASON, sd_json_get_string (object, "reason"), SD_OUTBOX_REASON_NONE);
  self->detail = dup_member (object, "detail");
  self->created = (gint64) sd_json_get_double (object, "created", 0);
  self->sent_at = sd_json_get_double (object, "sent_at", 0);
  self->clock_offset = sd_json_get_double (object, "clock_offset", 0);
  self->updated = (gint64) sd_json_get_double (object, "updated", 0);
  self->attempts = (guint) sd_json_get_double (object, "attempts", 0);
  if (payload != NULL)
    {
      json_object_unref (self->payload);
      self->payload = json_object_ref (payload);
    }
  self->case_id = dup_member (object, "case_id");
  self->display_id = dup_member (object, "display_id");
  self->quota_request_id = dup_member (object, "quota_request_id");
  self->quota_status = dup_member (object, "quota_status");
  self->review_status = dup_member (object, "review_status");
  self->review_case_before = dup_member (object, "review_case_before");
  for (guint i = 0; known != NULL && i < json_array_get_length (known); i++)
    {
      const char *id = sd_json_array_get_string (known, i);

      if (id != NULL)
        g_strv_builder_add (builder, id);
    }
  g_strfreev (self->known_request_ids);
  self->known_request_ids = g_strv_builder_end (builder);
  self->open_id = dup_member (object, "open_request_id");
  self->open_status = dup_member (object, "open_request_status");
  self->open_case_id = dup_member (object, "open_request_case_id");
  self->open_value = sd_json_get_double (object, "open_request_value", 0);
  return self;
}

JsonObject *
sd_outbox_entry_to_json (SdOutboxEntry *self)
{
  JsonObject *object = json_object_new ();
  JsonArray *known = json_array_new ();

  set_member (object, "id", self->id);
  set_member (object, "request_id", self->request_id);
  json_object_set_object_member (object, "request", json_object_ref (self->request));
  set_member (object, "reference", self->reference);
  set_member (object, "kind", sd_request_kind_to_id (self->kind));
  set_member (object, "route", sd_enum_nick (SD_TYPE_REQUEST_ROUTE, self->route));
  set_member (object, "profile", self->profile);
  set_member (object, "region", self->region);
  set_member (object, "state", sd_outbox_state_to_id (self->state));
  set_member (object, "reason", sd_enum_nick (SD_TYPE_OUTBOX_REASON, self->reason));
  set_member (object, "detail", self->detail);
  json_object_set_int_member (object, "created", self->created);
  json_object_set_double_member (object, "sent_at", self->sent_at);
  json_object_set_double_member (object, "clock_offset", self->clock_offset);
  json_object_set_int_member (object, "updated", self->updated);
  json_object_set_int_member (object, "attempts", self->attempts);
  json_object_set_object_member (object, "payload", json_object_ref (self->payload));
  set_member (object, "case_id", self->case_id);
  set_member (object, "display_id", self->display_id);
  set_member (object, "quota_request_id", self->quota_request_id);
  set_member (object, "quota_status", self->quota_status);
  set_member (object, "review_status", self->review_status);
  set_member (object, "review_case_before", self->review_case_before);
  for (guint i = 0; self->known_request_ids[i] != NULL; i++)
    json_array_add_string_element (known, self->known_request_ids[i]);
  json_object_set_array_member (object, "known_request_ids", known);
  set_member (object, "open_request_id", self->open_id);
  set_member (object, "open_request_status", self->open_status);
  set_member (object, "open_request_case_id", self->open_case_id);
  if (self->open_value != 0)
    json_object_set_double_member (object, "open_request_value", self->open_value);
  return object;
}

void
sd_outbox_entry_set_state (SdOutboxEntry  *self,
                           SdOutboxState   state,
                           SdOutboxReason  reason,
                           const char     *detail)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (object, properties[PROP_STATE]);
    }
  if (self->reason != reason)
    {
      self->reason = reason;
      g_object_notify_by_pspec (object, properties[PROP_REASON]);
    }
  if (g_strcmp0 (self->detail, detail) != 0)
    {
      g_free (self->detail);
      self->detail = g_strdup (detail);
    }
  self->updated = g_get_real_time () / G_USEC_PER_SEC;
  g_object_notify_by_pspec (object, properties[PROP_UPDATED]);
  g_object_notify_by_pspec (object, properties[PROP_MESSAGE]);
  g_object_notify_by_pspec (object, properties[PROP_CAN_SEND_AGAIN]);
  g_object_notify_by_pspec (object, properties[PROP_ATTEMPTS]);
  g_object_notify_by_pspec (object, properties[PROP_SENT_AT]);
  g_object_notify_by_pspec (object, properties[PROP_ROUTE]);
  g_object_thaw_notify (object);
}

void
sd_outbox_entry_set_busy (SdOutboxEntry *self,
                          gboolean       busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SEND_AGAIN]);
}

void
sd_outbox_entry_set_checking (SdOutboxEntry *self,
                              gboolean       checking)
{
  if (self->checking == !!checking)
    return;
  self->checking = !!checking;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
}

void
sd_outbox_entry_results_changed (SdOutboxEntry *self)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  g_object_notify_by_pspec (object, properties[PROP_CASE_ID]);
  g_object_notify_by_pspec (object, properties[PROP_DISPLAY_ID]);
  g_object_notify_by_pspec (object, properties[PROP_QUOTA_REQUEST_ID]);
  g_object_notify_by_pspec (object, properties[PROP_QUOTA_REQUEST_STATUS]);
  g_object_notify_by_pspec (object, properties[PROP_REVIEW_STATUS]);
  g_object_notify_by_pspec (object, properties[PROP_MESSAGE]);
  g_object_thaw_notify (object);
}

void
sd_outbox_entry_set_string (char       **field,
                            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/* Public API */

const char *
sd_outbox_state_to_id (SdOutboxState state)
{
  return sd_enum_nick (SD_TYPE_OUTBOX_STATE, state);
}

const char *
sd_outbox_state_to_label (SdOutboxState state)
{
  switch (state)
    {
    case SD_OUTBOX_STATE_PENDING:
      return _("Waiting to be sent");
    case SD_OUTBOX_STATE_SENDING:
      return C_("outbox state", "Sending");
    case SD_OUTBOX_STATE_CONFIRMED:
      return _("Received by AWS");
    case SD_OUTBOX_STATE_FAILED:
      return _("Not sent");
    case SD_OUTBOX_STATE_UNCERTAIN:
      return _("Checking whether AWS received it");
    case SD_OUTBOX_STATE_NEEDS_USER:
    default:
      return _("Needs you");
    }
}

const char *
sd_outbox_entry_get_id (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return self->id;
}

const char *
sd_outbox_entry_get_request_id (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return self->request_id;
}

const char *
sd_outbox_entry_get_reference (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return self->reference;
}

SdRequestKind
sd_outbox_entry_get_kind (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), SD_REQUEST_KIND_DEDICATED_IPS);
  return self->kind;
}

SdRequestRoute
sd_outbox_entry_get_route (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), SD_REQUEST_ROUTE_UNKNOWN);
  return self->route;
}

const char *
sd_outbox_entry_get_profile (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return self->profile;
}

const char *
sd_outbox_entry_get_region (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return self->region;
}

SdOutboxState
sd_outbox_entry_get_state (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), SD_OUTBOX_STATE_UNCERTAIN);
  return self->state;
}

SdOutboxReason
sd_outbox_entry_get_reason (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), SD_OUTBOX_REASON_NONE);
  return self->reason;
}

const char *
sd_outbox_entry_get_detail (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return self->detail;
}

char *
sd_outbox_entry_dup_message (SdOutboxEntry *self)
{
  const char *case_label;
  const char *detail;

  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);

  case_label = self->display_id != NULL ? self->display_id : self->case_id;
  detail = self->detail != NULL ? self->detail : "";

  switch (self->state)
    {
    case SD_OUTBOX_STATE_PENDING:
      return g_strdup (_("Waiting to be sent."));
    case SD_OUTBOX_STATE_SENDING:
      return g_strdup_printf (_("Sending to AWS (%s)…"), self->reference);
    case SD_OUTBOX_STATE_CONFIRMED:
      switch (self->route)
        {
        case SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS:
          return case_label != NULL
            ? g_strdup_printf (_("Production access requested in %s: AWS is reviewing it (case %s)."),
                               self->region, case_label)
            : g_strdup_printf (_("Production access requested in %s: AWS is reviewing it."), self->region);
        case SD_REQUEST_ROUTE_SERVICE_QUOTAS:
          return case_label != NULL
            ? g_strdup_printf (_("Service Quotas request %s in %s is %s (case %s)."),
                               self->quota_request_id ? self->quota_request_id : "", self->region,
                               sd_quota_request_status_label (self->quota_status), case_label)
            : g_strdup_printf (_("Service Quotas request %s in %s is %s."),
                               self->quota_request_id ? self->quota_request_id : "", self->region,
                               sd_quota_request_status_label (self->quota_status));
        case SD_REQUEST_ROUTE_SUPPORT_CENTER:
          return case_label != NULL
            ? g_strdup_printf (_("Support Center case %s is linked to this request (%s); AWS answers there."),
                               case_label, self->reference)
            : g_strdup_printf (_("AWS Support case %s is open; AWS answers there."), self->reference);
        case SD_REQUEST_ROUTE_SUPPORT_CASE:
        default:
          return g_strdup_printf (_("AWS Support case %s is open; AWS answers there."),
                                  case_label != NULL ? case_label : self->reference);
        }
    case SD_OUTBOX_STATE_FAILED:
      {
        g_autofree char *reason = g_strdup (detail);
        gsize length = strlen (reason);

        /* Details come from several places, with or without a full stop. */
        if (length > 0 && reason[length - 1] == '.')
          reason[length - 1] = '\0';
        return g_strdup_printf (_("Not sent: %s. You can send it again."), reason);
      }
    case SD_OUTBOX_STATE_UNCERTAIN:
      return self->checking
        ? g_strdup_printf (_("The answer was lost (%s). Checking with AWS whether the request arrived before "
                             "offering to send it again."), detail)
        : g_strdup_printf (_("The answer was lost and AWS could not be asked yet whether the request arrived "
                             "(%s). SES Desk checks again on its next start, or when you ask."), detail);
    case SD_OUTBOX_STATE_NEEDS_USER:
    default:
      switch (self->reason)
        {
        case SD_OUTBOX_REASON_SUBSCRIPTION_REQUIRED:
          return g_strdup_printf (_("Waiting for you to submit it in the Support Center. This account’s support "
                                    "plan has no AWS Support API access, so SES Desk cannot find the case: paste "
                                    "its number here once the Support Center shows it (reference %s)."),
                                  self->reference);
        case SD_OUTBOX_REASON_SUPPORT_CENTER:
          return self->detail != NULL
            ? g_strdup_printf (_("Waiting for you to submit it in the Support Center: %s. The text is kept; SES "
                                 "Desk finds the case by its reference %s."), self->detail, self->reference)
            : g_strdup_printf (_("Waiting for you to submit it in the Support Center. SES Desk finds the case "
                                 "by its reference %s, or paste its number here."), self->reference);
        case SD_OUTBOX_REASON_REVIEW_PENDING:
          return self->open_case_id != NULL
            ? g_strdup_printf (_("AWS is already reviewing production access in %s (case %s): no second "
                                 "request was sent."), self->region, self->open_case_id)
            : g_strdup_printf (_("AWS is already reviewing production access in %s: no second request was "
                                 "sent."), self->region);
        case SD_OUTBOX_REASON_REVIEW_DENIED:
          return self->open_case_id != NULL
            ? g_strdup_printf (_("AWS denied production access in %s. Reply on the review case %s with more "
                                 "about your mail, or send a Service Quotas request instead."), self->region,
                               self->open_case_id)
            : g_strdup_printf (_("AWS denied production access in %s. Reply on the review case with more about "
                                 "your mail, or send a Service Quotas request instead."), self->region);
        case SD_OUTBOX_REASON_QUOTA_REQUEST_OPEN:
          return self->open_case_id != NULL
            ? g_strdup_printf (_("A request to raise this quota in %s to %.0f is already open (%s, case %s): "
                                 "it is shown instead; no second one was sent."), self->region, self->open_value,
                               sd_quota_request_status_label (self->open_status), self->open_case_id)
            : g_strdup_printf (_("A request to raise this quota in %s to %.0f is already open (%s): it is "
                                 "shown instead; no second one was sent."), self->region, self->open_value,
                               sd_quota_request_status_label (self->open_status));
        case SD_OUTBOX_REASON_ALREADY_AT_VALUE:
        case SD_OUTBOX_REASON_NONE:
        default:
          return g_strdup (detail);
        }
    }
}

const char *
sd_outbox_entry_get_related_case_id (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return self->open_case_id;
}

gint64
sd_outbox_entry_get_created (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), 0);
  return self->created;
}

gint64
sd_outbox_entry_get_sent_at (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), 0);
  return (gint64) self->sent_at;
}

gint64
sd_outbox_entry_get_updated (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), 0);
  return self->updated;
}

guint
sd_outbox_entry_get_attempts (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), 0);
  return self->attempts;
}

const char *
sd_outbox_entry_get_case_id (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return self->case_id;
}

const char *
sd_outbox_entry_get_display_id (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return self->display_id;
}

const char *
sd_outbox_entry_get_quota_request_id (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return self->quota_request_id;
}

const char *
sd_outbox_entry_get_quota_request_status (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return self->quota_status;
}

const char *
sd_outbox_entry_get_review_status (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return self->review_status;
}

const char *
sd_outbox_entry_get_open_request_id (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return self->open_id;
}

const char *
sd_outbox_entry_get_open_request_status (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return self->open_status;
}

double
sd_outbox_entry_get_open_request_value (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), 0);
  return self->open_value;
}

gboolean
sd_outbox_entry_get_can_send_again (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), FALSE);

  /* Never while anything of it is in flight or unresolved. */
  if (self->busy || self->checking)
    return FALSE;
  return self->state == SD_OUTBOX_STATE_FAILED || self->state == SD_OUTBOX_STATE_NEEDS_USER;
}

gboolean
sd_outbox_entry_get_busy (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), FALSE);
  return self->busy;
}

gboolean
sd_outbox_entry_get_checking (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), FALSE);
  return self->checking;
}

JsonObject *
sd_outbox_entry_get_payload (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return self->payload;
}

const char *
sd_outbox_entry_get_subject (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return sd_json_get_string (self->payload, "subject");
}

const char *
sd_outbox_entry_get_body (SdOutboxEntry *self)
{
  const char *body;

  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  body = sd_json_get_string (self->payload, "communicationBody");
  return body != NULL ? body : sd_json_get_string (self->payload, "UseCaseDescription");
}

char *
sd_outbox_entry_dup_clipboard_text (SdOutboxEntry *self)
{
  const char *subject;
  const char *body;

  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  subject = sd_outbox_entry_get_subject (self);
  body = sd_outbox_entry_get_body (self);
  if (subject == NULL)
    return g_strdup (body != NULL ? body : "");
  return g_strconcat (subject, "\n\n", body != NULL ? body : "", "\n", NULL);
}

const char *
sd_outbox_entry_get_support_center_url (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  if (self->kind != SD_REQUEST_KIND_SENDING_LIMITS)
    return sd_support_center_limit_increase_url (self->region);
  return sd_support_center_create_case_url (self->region);
}

SdRequest *
sd_outbox_entry_dup_request (SdOutboxEntry *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (self), NULL);
  return sd_request_new_from_json (self->request, NULL);
}
