/* sd-request-preview.c — exactly what a request sends, region by region
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sd-aws-json.h"
#include "sd-case-text.h"
#include "sd-request-preview.h"

struct _SdRequestPreview
{
  GObject         parent_instance;

  char           *region;       /* owned */
  SdRequestRoute  route;
  char           *route_label;  /* owned */
  char           *reference;    /* owned */
  char           *subject;      /* owned, nullable */
  char           *body;         /* owned, nullable */
  char           *payload;      /* owned, nullable */
};

G_DEFINE_FINAL_TYPE (SdRequestPreview, sd_request_preview, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REGION,
  PROP_ROUTE,
  PROP_ROUTE_LABEL,
  PROP_REFERENCE,
  PROP_SUBJECT,
  PROP_BODY,
  PROP_PAYLOAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Overrides */

static void
sd_request_preview_finalize (GObject *object)
{
  SdRequestPreview *self = SD_REQUEST_PREVIEW (object);

  g_free (self->region);
  g_free (self->route_label);
  g_free (self->reference);
  g_free (self->subject);
  g_free (self->body);
  g_free (self->payload);

  G_OBJECT_CLASS (sd_request_preview_parent_class)->finalize (object);
}

static void
sd_request_preview_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SdRequestPreview *self = SD_REQUEST_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case PROP_ROUTE:
      g_value_set_enum (value, self->route);
      break;
    case PROP_ROUTE_LABEL:
      g_value_set_string (value, self->route_label);
      break;
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_PAYLOAD:
      g_value_set_string (value, self->payload);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_request_preview_class_init (SdRequestPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sd_request_preview_finalize;
  object_class->get_property = sd_request_preview_get_property;

  properties[PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL, ro);
  properties[PROP_ROUTE] =
    g_param_spec_enum ("route", NULL, NULL, SD_TYPE_REQUEST_ROUTE, SD_REQUEST_ROUTE_UNKNOWN, ro);
  properties[PROP_ROUTE_LABEL] = g_param_spec_string ("route-label", NULL, NULL, NULL, ro);
  properties[PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, NULL, ro);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, ro);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, ro);
  properties[PROP_PAYLOAD] = g_param_spec_string ("payload", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_request_preview_init (SdRequestPreview *self)
{
}

/* Public API */

SdRequestPreview *
sd_request_preview_new (SdRequest  *request,
                        const char *region)
{
  SdRequestPreview *self = g_object_new (SD_TYPE_REQUEST_PREVIEW, NULL);
  g_autoptr(JsonObject) payload = NULL;

  g_return_val_if_fail (SD_IS_REQUEST (request), self);
  g_return_val_if_fail (region != NULL, self);

  self->region = g_strdup (region);
  self->route = sd_request_get_route (request, region);
  self->route_label = sd_request_describe_route (request, region, self->route);
  self->reference = g_strdup (sd_request_get_reference (request, region));
  payload = sd_request_build_payload (request, region, self->route);

  switch (self->route)
    {
    case SD_REQUEST_ROUTE_PUT_ACCOUNT_DETAILS:
      self->body = g_strdup (sd_json_get_string (payload, "UseCaseDescription"));
      break;
    case SD_REQUEST_ROUTE_SUPPORT_CASE:
    case SD_REQUEST_ROUTE_SUPPORT_CENTER:
      self->subject = g_strdup (sd_json_get_string (payload, "subject"));
      self->body = g_strdup (sd_json_get_string (payload, "communicationBody"));
      break;
    case SD_REQUEST_ROUTE_SERVICE_QUOTAS:
      break;
    case SD_REQUEST_ROUTE_UNKNOWN:
    case SD_REQUEST_ROUTE_NONE:
    default:
      /* Nothing leaves yet; show the text that would, as a case. */
      self->subject = sd_case_text_subject (request, region, NULL);
      self->body = sd_case_text_body (request, region, NULL);
      break;
    }

  /* The Support Center takes the text, not an operation's input. */
  if (json_object_get_size (payload) > 0 && self->route != SD_REQUEST_ROUTE_SUPPORT_CENTER)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, payload);
      self->payload = json_to_string (node, TRUE);
    }
  return self;
}

GListModel *
sd_request_build_previews (SdRequest *request)
{
  GListStore *store = g_list_store_new (SD_TYPE_REQUEST_PREVIEW);
  const char * const *regions;

  g_return_val_if_fail (SD_IS_REQUEST (request), G_LIST_MODEL (store));

  regions = sd_request_get_regions (request);
  for (guint i = 0; regions[i] != NULL; i++)
    {
      g_autoptr(SdRequestPreview) preview = sd_request_preview_new (request, regions[i]);

      g_list_store_append (store, preview);
    }
  return G_LIST_MODEL (store);
}

const char *
sd_request_preview_get_region (SdRequestPreview *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_PREVIEW (self), NULL);
  return self->region;
}

SdRequestRoute
sd_request_preview_get_route (SdRequestPreview *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_PREVIEW (self), SD_REQUEST_ROUTE_UNKNOWN);
  return self->route;
}

const char *
sd_request_preview_get_route_label (SdRequestPreview *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_PREVIEW (self), NULL);
  return self->route_label;
}

const char *
sd_request_preview_get_reference (SdRequestPreview *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_PREVIEW (self), NULL);
  return self->reference;
}

const char *
sd_request_preview_get_subject (SdRequestPreview *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_PREVIEW (self), NULL);
  return self->subject;
}

const char *
sd_request_preview_get_body (SdRequestPreview *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_PREVIEW (self), NULL);
  return self->body;
}

const char *
sd_request_preview_get_payload (SdRequestPreview *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_PREVIEW (self), NULL);
  return self->payload;
}
