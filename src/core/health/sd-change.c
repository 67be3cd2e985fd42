/* sd-change.c — one change seen in a region between two refreshes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sd-aws-json.h"
#include "sd-change.h"
#include "sd-enum-nick.h"
#include "sd-health.h"

struct _SdChange
{
  GObject       parent_instance;

  SdChangeKind  kind;
  gint64        time;
  char         *profile;    /* owned, nullable */
  char         *region;     /* owned */
  char         *old_value;  /* owned, nullable */
  char         *new_value;  /* owned, nullable */
  char         *subject;    /* owned, nullable */
};

G_DEFINE_FINAL_TYPE (SdChange, sd_change, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SdChangeKind, sd_change_kind,
  G_DEFINE_ENUM_VALUE (SD_CHANGE_PRODUCTION_ACCESS_GRANTED, "production-access-granted"),
  G_DEFINE_ENUM_VALUE (SD_CHANGE_PRODUCTION_ACCESS_DENIED, "production-access-denied"),
  G_DEFINE_ENUM_VALUE (SD_CHANGE_REVIEW_FAILED, "review-failed"),
  G_DEFINE_ENUM_VALUE (SD_CHANGE_ENFORCEMENT_CHANGED, "enforcement-changed"),
  G_DEFINE_ENUM_VALUE (SD_CHANGE_SENDING_DISABLED, "sending-disabled"),
  G_DEFINE_ENUM_VALUE (SD_CHANGE_SENDING_ENABLED, "sending-enabled"),
  G_DEFINE_ENUM_VALUE (SD_CHANGE_BOUNCE_RATE_CROSSED, "bounce-rate-crossed"),
  G_DEFINE_ENUM_VALUE (SD_CHANGE_COMPLAINT_RATE_CROSSED, "complaint-rate-crossed"),
  G_DEFINE_ENUM_VALUE (SD_CHANGE_WARMUP_DONE, "warmup-done"),
  G_DEFINE_ENUM_VALUE (SD_CHANGE_QUOTA_RAISED, "quota-raised"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_TIME,
  PROP_PROFILE,
  PROP_REGION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary functions */

static int
enforcement_rank (const char *status)
{
  if (g_strcmp0 (status, "SHUTDOWN") == 0)
    return 2;
  if (g_strcmp0 (status, "PROBATION") == 0)
    return 1;
  return 0;
}

static const char *
band_line_label (SdRateBand band)
{
  switch (band)
    {
    case SD_RATE_BAND_WATCH: return _("AWS's recommendation");
    case SD_RATE_BAND_REVIEW: return _("the review line");
    case SD_RATE_BAND_PAUSE_RISK: return _("the pause line");
    case SD_RATE_BAND_OK:
    case SD_RATE_BAND_NO_DATA:
    default:
      return NULL;
    }
}

/* Overrides */

static void
sd_change_finalize (GObject *object)
{
  SdChange *self = SD_CHANGE (object);

  g_free (self->profile);
  g_free (self->region);
  g_free (self->old_value);
  g_free (self->new_value);
  g_free (self->subject);

  G_OBJECT_CLASS (sd_change_parent_class)->finalize (object);
}

static void
sd_change_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SdChange *self = SD_CHANGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TIME:
      g_value_set_int64 (value, self->time);
      break;
    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_change_class_init (SdChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sd_change_finalize;
  object_class->get_property = sd_change_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, SD_TYPE_CHANGE_KIND, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] =
    g_param_spec_string ("profile", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sd_change_init (SdChange *self)
{
}

/* Public API */

const char *
sd_change_kind_to_id (SdChangeKind kind)
{
  return sd_enum_nick (SD_TYPE_CHANGE_KIND, kind);
}

SdChange *
sd_change_new (SdChangeKind  kind,
               gint64        time,
               const char   *profile,
               const char   *region,
               const char   *old_value,
               const char   *new_value,
               const char   *subject)
{
  SdChange *self = g_object_new (SD_TYPE_CHANGE, NULL);

  self->kind = kind;
  self->time = time;
  self->profile = g_strdup (profile);
  self->region = g_strdup (region);
  self->old_value = g_strdup (old_value);
  self->new_value = g_strdup (new_value);
  self->subject = g_strdup (subject);
  return self;
}

SdChangeKind
sd_change_get_kind (SdChange *self)
{
  g_return_val_if_fail (SD_IS_CHANGE (self), 0);
  return self->kind;
}

gint64
sd_change_get_time (SdChange *self)
{
  g_return_val_if_fail (SD_IS_CHANGE (self), 0);
  return self->time;
}

const char *
sd_change_get_profile (SdChange *self)
{
  g_return_val_if_fail (SD_IS_CHANGE (self), NULL);
  return self->profile;
}

const char *
sd_change_get_region (SdChange *self)
{
  g_return_val_if_fail (SD_IS_CHANGE (self), NULL);
  return self->region;
}

const char *
sd_change_get_old_value (SdChange *self)
{
  g_return_val_if_fail (SD_IS_CHANGE (self), NULL);
  return self->old_value;
}

const char *
sd_change_get_new_value (SdChange *self)
{
  g_return_val_if_fail (SD_IS_CHANGE (self), NULL);
  return self->new_value;
}

const char *
sd_change_get_subject (SdChange *self)
{
  g_return_val_if_fail (SD_IS_CHANGE (self), NULL);
  return self->subject;
}

gboolean
sd_change_is_worse (SdChange *self)
{
  g_return_val_if_fail (SD_IS_CHANGE (self), FALSE);

  switch (self->kind)
    {
    case SD_CHANGE_PRODUCTION_ACCESS_DENIED:
    case SD_CHANGE_REVIEW_FAILED:
    case SD_CHANGE_SENDING_DISABLED:
      return TRUE;
    case SD_CHANGE_ENFORCEMENT_CHANGED:
      return enforcement_rank (self->new_value) > enforcement_rank (self->old_value);
    case SD_CHANGE_BOUNCE_RATE_CROSSED:
    case SD_CHANGE_COMPLAINT_RATE_CROSSED:
      return sd_rate_band_from_id (self->new_value) > sd_rate_band_from_id (self->old_value);
    case SD_CHANGE_PRODUCTION_ACCESS_GRANTED:
    case SD_CHANGE_SENDING_ENABLED:
    case SD_CHANGE_WARMUP_DONE:
    case SD_CHANGE_QUOTA_RAISED:
    default:
      return FALSE;
    }
}

char *
sd_change_dup_title (SdChange *self)
{
  g_return_val_if_fail (SD_IS_CHANGE (self), NULL);

  switch (self->kind)
    {
    case SD_CHANGE_PRODUCTION_ACCESS_GRANTED:
      return g_strdup (_("Production access granted"));
    case SD_CHANGE_PRODUCTION_ACCESS_DENIED:
      return g_strdup (_("Production access denied"));
    case SD_CHANGE_REVIEW_FAILED:
      return g_strdup (_("The production-access request failed"));
    case SD_CHANGE_ENFORCEMENT_CHANGED:
      /* Translators: AWS's enforcement status changed, e.g. "from HEALTHY to PROBATION". */
      return g_strdup_printf (_("Enforcement status changed from %s to %s"),
                              self->old_value != NULL ? self->old_value : "–",
                              self->new_value != NULL ? self->new_value : "–");
    case SD_CHANGE_SENDING_DISABLED:
      return g_strdup (_("Sending was paused"));
    case SD_CHANGE_SENDING_ENABLED:
      return g_strdup (_("Sending was resumed"));
    case SD_CHANGE_BOUNCE_RATE_CROSSED:
    case SD_CHANGE_COMPLAINT_RATE_CROSSED:
      {
        SdHealthRate rate = self->kind == SD_CHANGE_BOUNCE_RATE_CROSSED ? SD_HEALTH_RATE_BOUNCE
                                                                        : SD_HEALTH_RATE_COMPLAINT;
        SdRateBand old_band = sd_rate_band_from_id (self->old_value);
        SdRateBand new_band = sd_rate_band_from_id (self->new_value);
        gboolean up = new_band > old_band;
        SdRateBand line_band = up ? new_band : old_band;
        g_autofree char *line = sd_health_format_rate (sd_health_rate_line (rate, line_band));
        const char *line_label = band_line_label (line_band);

        if (line_label == NULL)
          return g_strdup (rate == SD_HEALTH_RATE_BOUNCE ? _("Bounce rate has no data any more")
                                                         : _("Complaint rate has no data any more"));
        if (rate == SD_HEALTH_RATE_BOUNCE)
          /* Translators: "Bounce rate rose over the review line (5.00 %)". */
          return g_strdup_printf (up ? _("Bounce rate rose over %s (%s)")
                                     : _("Bounce rate fell under %s (%s)"), line_label, line);
        /* Translators: "Complaint rate rose over the pause line (0.50 %)". */
        return g_strdup_printf (up ? _("Complaint rate rose over %s (%s)")
                                   : _("Complaint rate fell under %s (%s)"), line_label, line);
      }
    case SD_CHANGE_WARMUP_DONE:
      /* Translators: %s is an IP address. */
      return g_strdup_printf (_("Dedicated IP %s finished warming up"),
                              self->subject != NULL ? self->subject : "?");
    case SD_CHANGE_QUOTA_RAISED:
      /* Translators: the daily sending quota rose, e.g. "from 200 to 50000". */
      return g_strdup_printf (_("Daily sending quota raised from %s to %s"),
                              self->old_value != NULL ? self->old_value : "?",
                              self->new_value != NULL ? self->new_value : "?");
    default:
      return g_strdup (_("Something changed"));
    }
}

JsonObject *
sd_change_to_json (SdChange *self)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "kind", sd_change_kind_to_id (self->kind));
  json_object_set_int_member (object, "time", self->time);
  json_object_set_string_member (object, "profile", self->profile);
  json_object_set_string_member (object, "region", self->region);
  if (self->old_value != NULL)
    json_object_set_string_member (object, "old", self->old_value);
  if (self->new_value != NULL)
    json_object_set_string_member (object, "new", self->new_value);
  if (self->subject != NULL)
    json_object_set_string_member (object, "subject", self->subject);
  return object;
}

SdChange *
sd_change_new_from_json (JsonObject  *object,
                         GError     **error)
{
  const char *kind = sd_json_get_string (object, "kind");
  const char *region = sd_json_get_string (object, "region");
  int value = sd_enum_from_nick (SD_TYPE_CHANGE_KIND, kind, -1);

  if (value < 0 || region == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("A change of unknown kind “%s”"), kind != NULL ? kind : "");
      return NULL;
    }
  return sd_change_new (value, (gint64) sd_json_get_double (object, "time", 0),
                        sd_json_get_string (object, "profile"), region,
                        sd_json_get_string (object, "old"), sd_json_get_string (object, "new"),
                        sd_json_get_string (object, "subject"));
}
