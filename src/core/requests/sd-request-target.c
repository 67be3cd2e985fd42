/* sd-request-target.c — one region of a checked request: its route, what stops it, what to do instead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-request-target-private.h"

G_DEFINE_ENUM_TYPE (SdRequestBlocker, sd_request_blocker,
  G_DEFINE_ENUM_VALUE (SD_REQUEST_BLOCKER_NONE, "none"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_BLOCKER_REVIEW_PENDING, "review-pending"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_BLOCKER_REVIEW_DENIED, "review-denied"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_BLOCKER_QUOTA_REQUEST_OPEN, "quota-request-open"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_BLOCKER_ALREADY_AT_VALUE, "already-at-value"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_BLOCKER_NO_SUPPORT_API, "no-support-api"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_BLOCKER_CHECK_FAILED, "check-failed"))

G_DEFINE_FLAGS_TYPE (SdRequestOffers, sd_request_offers,
  G_DEFINE_ENUM_VALUE (SD_REQUEST_OFFER_NONE, "none"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_OFFER_REPLY_ON_CASE, "reply-on-case"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_OFFER_SERVICE_QUOTAS, "service-quotas"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_OFFER_SEND_AGAIN, "send-again"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_OFFER_SUPPORT_CENTER, "support-center"),
  G_DEFINE_ENUM_VALUE (SD_REQUEST_OFFER_SHOW_OPEN_REQUEST, "show-open-request"))

G_DEFINE_FINAL_TYPE (SdRequestTarget, sd_request_target, G_TYPE_OBJECT)

enum {
  TARGET_PROP_0,
  TARGET_PROP_REGION,
  TARGET_PROP_STATE,
  TARGET_PROP_ROUTE,
  TARGET_PROP_ROUTE_LABEL,
  TARGET_PROP_BLOCKER,
  TARGET_PROP_MESSAGE,
  TARGET_PROP_OFFERS,
  TARGET_PROP_REVIEW_CASE_ID,
  TARGET_PROP_QUOTA_CODE,
  TARGET_PROP_CURRENT_VALUE,
  TARGET_PROP_OPEN_REQUEST_ID,
  TARGET_PROP_OPEN_REQUEST_STATUS,
  TARGET_PROP_OPEN_REQUEST_CASE_ID,
  TARGET_PROP_OPEN_REQUEST_VALUE,
  TARGET_N_PROPS
};

static GParamSpec *target_properties[TARGET_N_PROPS];

static void
sd_request_target_finalize (GObject *object)
{
  SdRequestTarget *self = SD_REQUEST_TARGET (object);

  g_free (self->region);
  g_free (self->route_label);
  g_free (self->message);
  g_free (self->review_case_id);
  g_free (self->quota_code);
  g_free (self->open_id);
  g_free (self->open_status);
  g_free (self->open_case_id);
  g_strfreev (self->known_ids);
  g_clear_error (&self->error);
  for (guint i = 0; i < G_N_ELEMENTS (self->items); i++)
    g_clear_object (&self->items[i]);
  G_OBJECT_CLASS (sd_request_target_parent_class)->finalize (object);
}

static void
sd_request_target_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SdRequestTarget *self = SD_REQUEST_TARGET (object);

  switch (prop_id)
    {
    case TARGET_PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case TARGET_PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case TARGET_PROP_ROUTE:
      g_value_set_enum (value, self->route);
      break;
    case TARGET_PROP_ROUTE_LABEL:
      g_value_set_string (value, self->route_label);
      break;
    case TARGET_PROP_BLOCKER:
      g_value_set_enum (value, self->blocker);
      break;
    case TARGET_PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case TARGET_PROP_OFFERS:
      g_value_set_flags (value, self->offers);
      break;
    case TARGET_PROP_REVIEW_CASE_ID:
      g_value_set_string (value, self->review_case_id);
      break;
    case TARGET_PROP_QUOTA_CODE:
      g_value_set_string (value, self->quota_code);
      break;
    case TARGET_PROP_CURRENT_VALUE:
      g_value_set_double (value, self->current_value);
      break;
    case TARGET_PROP_OPEN_REQUEST_ID:
      g_value_set_string (value, self->open_id);
      break;
    case TARGET_PROP_OPEN_REQUEST_STATUS:
      g_value_set_string (value, self->open_status);
      break;
    case TARGET_PROP_OPEN_REQUEST_CASE_ID:
      g_value_set_string (value, self->open_case_id);
      break;
    case TARGET_PROP_OPEN_REQUEST_VALUE:
      g_value_set_double (value, self->open_value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_request_target_class_init (SdRequestTargetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sd_request_target_finalize;
  object_class->get_property = sd_request_target_get_property;

  target_properties[TARGET_PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL, ro);
  target_properties[TARGET_PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, SD_TYPE_SANDBOX_STATE, SD_SANDBOX_STATE_UNKNOWN, ro);
  target_properties[TARGET_PROP_ROUTE] =
    g_param_spec_enum ("route", NULL, NULL, SD_TYPE_REQUEST_ROUTE, SD_REQUEST_ROUTE_UNKNOWN, ro);
  target_properties[TARGET_PROP_ROUTE_LABEL] = g_param_spec_string ("route-label", NULL, NULL, NULL, ro);
  target_properties[TARGET_PROP_BLOCKER] =
    g_param_spec_enum ("blocker", NULL, NULL, SD_TYPE_REQUEST_BLOCKER, SD_REQUEST_BLOCKER_NONE, ro);
  target_properties[TARGET_PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  target_properties[TARGET_PROP_OFFERS] =
    g_param_spec_flags ("offers", NULL, NULL, SD_TYPE_REQUEST_OFFERS, SD_REQUEST_OFFER_NONE, ro);
  target_properties[TARGET_PROP_REVIEW_CASE_ID] = g_param_spec_string ("review-case-id", NULL, NULL, NULL, ro);
  target_properties[TARGET_PROP_QUOTA_CODE] = g_param_spec_string ("quota-code", NULL, NULL, NULL, ro);
  target_properties[TARGET_PROP_CURRENT_VALUE] =
    g_param_spec_double ("current-value", NULL, NULL, -1, G_MAXDOUBLE, 0, ro);
  target_properties[TARGET_PROP_OPEN_REQUEST_ID] = g_param_spec_string ("open-request-id", NULL, NULL, NULL, ro);
  target_properties[TARGET_PROP_OPEN_REQUEST_STATUS] =
    g_param_spec_string ("open-request-status", NULL, NULL, NULL, ro);
  target_properties[TARGET_PROP_OPEN_REQUEST_CASE_ID] =
    g_param_spec_string ("open-request-case-id", NULL, NULL, NULL, ro);
  target_properties[TARGET_PROP_OPEN_REQUEST_VALUE] =
    g_param_spec_double ("open-request-value", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  g_object_class_install_properties (object_class, TARGET_N_PROPS, target_properties);
}

static void
sd_request_target_init (SdRequestTarget *self)
{
  self->known_ids = g_new0 (char *, 1);
}

const char *
sd_request_target_get_region (SdRequestTarget *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_TARGET (self), NULL);
  return self->region;
}

SdSandboxState
sd_request_target_get_state (SdRequestTarget *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_TARGET (self), SD_SANDBOX_STATE_UNKNOWN);
  return self->state;
}

SdRequestRoute
sd_request_target_get_route (SdRequestTarget *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_TARGET (self), SD_REQUEST_ROUTE_UNKNOWN);
  return self->route;
}

const char *
sd_request_target_get_route_label (SdRequestTarget *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_TARGET (self), NULL);
  return self->route_label;
}

SdRequestBlocker
sd_request_target_get_blocker (SdRequestTarget *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_TARGET (self), SD_REQUEST_BLOCKER_NONE);
  return self->blocker;
}

const char *
sd_request_target_get_message (SdRequestTarget *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_TARGET (self), NULL);
  return self->message;
}

SdRequestOffers
sd_request_target_get_offers (SdRequestTarget *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_TARGET (self), SD_REQUEST_OFFER_NONE);
  return self->offers;
}

const char *
sd_request_target_get_review_case_id (SdRequestTarget *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_TARGET (self), NULL);
  return self->review_case_id;
}

const char *
sd_request_target_get_quota_code (SdRequestTarget *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_TARGET (self), NULL);
  return self->quota_code;
}

double
sd_request_target_get_current_value (SdRequestTarget *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_TARGET (self), 0);
  return self->current_value;
}

const char *
sd_request_target_get_open_request_id (SdRequestTarget *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_TARGET (self), NULL);
  return self->open_id;
}

const char *
sd_request_target_get_open_request_status (SdRequestTarget *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_TARGET (self), NULL);
  return self->open_status;
}

const char *
sd_request_target_get_open_request_case_id (SdRequestTarget *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_TARGET (self), NULL);
  return self->open_case_id;
}

double
sd_request_target_get_open_request_value (SdRequestTarget *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_TARGET (self), 0);
  return self->open_value;
}

const char * const *
sd_request_target_get_known_request_ids (SdRequestTarget *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_TARGET (self), NULL);
  return (const char * const *) self->known_ids;
}

const GError *
sd_request_target_get_error (SdRequestTarget *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_TARGET (self), NULL);
  return self->error;
}

void
sd_request_target_block (SdRequestTarget  *self,
                         SdRequestBlocker  blocker,
                         SdRequestOffers   offers,
                         char             *message)  /* taken */
{
  self->blocker = blocker;
  self->offers |= offers;
  g_free (self->message);
  self->message = message;
}
