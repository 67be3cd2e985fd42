/* sd-readiness-item.c — one item of the production-access readiness checklist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-readiness-item.h"

G_DEFINE_ENUM_TYPE (SdReadinessKind, sd_readiness_kind,
  G_DEFINE_ENUM_VALUE (SD_READINESS_VERIFIED_IDENTITY, "verified-identity"),
  G_DEFINE_ENUM_VALUE (SD_READINESS_DKIM, "dkim"),
  G_DEFINE_ENUM_VALUE (SD_READINESS_SUPPRESSION_LIST, "suppression-list"),
  G_DEFINE_ENUM_VALUE (SD_READINESS_SENDING_RATES, "sending-rates"))

G_DEFINE_ENUM_TYPE (SdReadinessStatus, sd_readiness_status,
  G_DEFINE_ENUM_VALUE (SD_READINESS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (SD_READINESS_DONE, "done"),
  G_DEFINE_ENUM_VALUE (SD_READINESS_TO_DO, "to-do"))

struct _SdReadinessItem
{
  GObject            parent_instance;

  char              *region;   /* owned */
  SdReadinessKind    kind;
  SdReadinessStatus  status;
  char              *detail;   /* owned */
};

G_DEFINE_FINAL_TYPE (SdReadinessItem, sd_readiness_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_REGION,
  ITEM_PROP_KIND,
  ITEM_PROP_STATUS,
  ITEM_PROP_TITLE,
  ITEM_PROP_DETAIL,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
sd_readiness_item_finalize (GObject *object)
{
  SdReadinessItem *self = SD_READINESS_ITEM (object);

  g_free (self->region);
  g_free (self->detail);
  G_OBJECT_CLASS (sd_readiness_item_parent_class)->finalize (object);
}

static void
sd_readiness_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SdReadinessItem *self = SD_READINESS_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case ITEM_PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case ITEM_PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case ITEM_PROP_TITLE:
      g_value_set_string (value, sd_readiness_item_get_title (self));
      break;
    case ITEM_PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_readiness_item_class_init (SdReadinessItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sd_readiness_item_finalize;
  object_class->get_property = sd_readiness_item_get_property;

  item_properties[ITEM_PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL, ro);
  item_properties[ITEM_PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, SD_TYPE_READINESS_KIND, SD_READINESS_VERIFIED_IDENTITY, ro);
  item_properties[ITEM_PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, SD_TYPE_READINESS_STATUS, SD_READINESS_UNKNOWN, ro);
  item_properties[ITEM_PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  item_properties[ITEM_PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
sd_readiness_item_init (SdReadinessItem *self)
{
}

SdReadinessItem *
sd_readiness_item_new (const char        *region,
                       SdReadinessKind    kind,
                       SdReadinessStatus  status,
                       char              *detail)  /* taken */
{
  SdReadinessItem *self = g_object_new (SD_TYPE_READINESS_ITEM, NULL);

  self->region = g_strdup (region);
  self->kind = kind;
  self->status = status;
  self->detail = detail;
  return self;
}

const char *
sd_readiness_item_get_region (SdReadinessItem *self)
{
  g_return_val_if_fail (SD_IS_READINESS_ITEM (self), NULL);
  return self->region;
}

SdReadinessKind
sd_readiness_item_get_kind (SdReadinessItem *self)
{
  g_return_val_if_fail (SD_IS_READINESS_ITEM (self), SD_READINESS_VERIFIED_IDENTITY);
  return self->kind;
}

SdReadinessStatus
sd_readiness_item_get_status (SdReadinessItem *self)
{
  g_return_val_if_fail (SD_IS_READINESS_ITEM (self), SD_READINESS_UNKNOWN);
  return self->status;
}

const char *
sd_readiness_item_get_title (SdReadinessItem *self)
{
  g_return_val_if_fail (SD_IS_READINESS_ITEM (self), NULL);

  switch (self->kind)
    {
    case SD_READINESS_VERIFIED_IDENTITY:
      return _("At least one verified identity");
    case SD_READINESS_DKIM:
      return _("DKIM verified for your domains");
    case SD_READINESS_SENDING_RATES:
      return _("Bounce and complaint rates under AWS's review lines");
    case SD_READINESS_SUPPRESSION_LIST:
    default:
      return _("Suppression list on for bounces and complaints");
    }
}

const char *
sd_readiness_item_get_detail (SdReadinessItem *self)
{
  g_return_val_if_fail (SD_IS_READINESS_ITEM (self), NULL);
  return self->detail;
}
