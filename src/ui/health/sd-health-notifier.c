/* sd-health-notifier.c — the application's change log, its notifications and the "app.changes" action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The change log finds the changes (src/core/health); this turns them into
 * GNotifications. One change opens its region ("app.show-region"); several
 * at once become one notification, which opens their region when they share
 * one and the Changes window otherwise.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-aws-endpoints.h"
#include "sd-changes-window.h"
#include "sd-health-notifier.h"
#include "sd-settings.h"

/* How many changes a grouped notification names before "and N more". */
#define MAX_LISTED 4
#define DATA_KEY "sd-health-notifier"

struct _SdHealthNotifier
{
  GObject         parent_instance;

  GtkApplication *application;  /* unowned: it owns the notifier */
  SdChangeLog    *log;          /* owned */
  GSettings      *settings;     /* owned, nullable: without the schema, the defaults */
};

G_DEFINE_FINAL_TYPE (SdHealthNotifier, sd_health_notifier, G_TYPE_OBJECT)

/* Auxiliary functions */

/* "Asia Pacific (Tokyo) · acme-prod" */
static char *
describe_place (SdChange *change)
{
  const char *profile = sd_change_get_profile (change);
  const char *name = sd_aws_region_display_name (sd_change_get_region (change));

  if (name == NULL)
    name = sd_change_get_region (change);
  if (profile == NULL || *profile == '\0')
    return g_strdup (name);
  /* Translators: where a change happened: region name · profile */
  return g_strdup_printf (_("%s · %s"), name, profile);
}

static gboolean
same_region (GPtrArray *changes)
{
  SdChange *first = g_ptr_array_index (changes, 0);

  for (guint i = 1; i < changes->len; i++)
    {
      SdChange *change = g_ptr_array_index (changes, i);

      if (g_strcmp0 (sd_change_get_profile (change), sd_change_get_profile (first)) != 0 ||
          g_strcmp0 (sd_change_get_region (change), sd_change_get_region (first)) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
notify_changes (SdHealthNotifier *self,
                GPtrArray        *changes)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  GString *body = g_string_new (NULL);
  SdChange *first = g_ptr_array_index (changes, 0);
  gboolean worse = FALSE;

  for (guint i = 0; i < changes->len; i++)
    worse |= sd_change_is_worse (g_ptr_array_index (changes, i));

  if (changes->len == 1)
    {
      g_autofree char *place = describe_place (first);

      title = sd_change_dup_title (first);
      g_string_append (body, place);
    }
  else
    {
      /* Translators: a notification's title when several things changed at once */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change in sending health",
                                            "%u changes in sending health", changes->len),
                               changes->len);
      for (guint i = 0; i < changes->len && i < MAX_LISTED; i++)
        {
          SdChange *change = g_ptr_array_index (changes, i);
          g_autofree char *place = describe_place (change);
          g_autofree char *what = sd_change_dup_title (change);

          if (i > 0)
            g_string_append_c (body, '\n');
          /* Translators: one line of a grouped notification: "region · profile: what changed" */
          g_string_append_printf (body, _("%s: %s"), place, what);
        }
      if (changes->len > MAX_LISTED)
        {
          guint more = changes->len - MAX_LISTED;

          g_string_append_c (body, '\n');
          /* Translators: the last line of a grouped notification */
          g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", more),
                                  more);
        }
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  g_string_free (body, TRUE);
  if (worse)
    g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  if (same_region (changes))
    g_notification_set_default_action_and_target_value (
      notification, "app.show-region",
      g_variant_new ("(ss)", sd_change_get_profile (first) != NULL ? sd_change_get_profile (first) : "",
                     sd_change_get_region (first)));
  else
    g_notification_set_default_action (notification, "app.changes");
  /* One id per refresh: a later notification does not hide an earlier one. */
  id = g_strdup_printf ("health-%" G_GINT64_FORMAT, sd_change_get_time (first));
  g_application_send_notification (G_APPLICATION (self->application), id, notification);
}

/* Reads the log from disk the first time its list is needed, unless a
 * refresh's update has given it already: nothing before the main window's
 * first frame reads files (docs/benchmarks.md). */
static SdChangeLog *
ensure_loaded (SdHealthNotifier *self)
{
  g_autoptr(GError) error = NULL;

  if (sd_change_log_get_loaded (self->log))
    return self->log;
  /* A log that cannot be read was set aside by the core: start afresh. */
  if (!sd_change_log_load (self->log, &error))
    g_warning ("%s", error->message);
  return self->log;
}

/* Callbacks */

static void
on_detected (SdHealthNotifier *self,
             GPtrArray        *changes)
{
  if (changes == NULL || changes->len == 0)
    return;
  if (self->settings != NULL && !g_settings_get_boolean (self->settings, "notifications"))
    {
      g_debug ("%u changes found; notifications are off", changes->len);
      return;
    }
  notify_changes (self, changes);
}

static void
on_changes_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  SdHealthNotifier *self = user_data;

  sd_changes_window_present (self->application, G_LIST_MODEL (ensure_loaded (self)));
}

/* Overrides */

static void
sd_health_notifier_dispose (GObject *object)
{
  SdHealthNotifier *self = SD_HEALTH_NOTIFIER (object);

  if (self->log != NULL)
    g_signal_handlers_disconnect_by_data (self->log, self);
  g_clear_object (&self->log);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sd_health_notifier_parent_class)->dispose (object);
}

static void
sd_health_notifier_class_init (SdHealthNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sd_health_notifier_dispose;
}

static void
sd_health_notifier_init (SdHealthNotifier *self)
{
  self->settings = sd_settings_new ();
  self->log = sd_change_log_new (NULL);
  g_signal_connect_swapped (self->log, "detected", G_CALLBACK (on_detected), self);
}

/* Public API */

SdHealthNotifier *
sd_health_notifier_get (GtkApplication *application)
{
  SdHealthNotifier *self;
  g_autoptr(GSimpleAction) action = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  self = g_object_get_data (G_OBJECT (application), DATA_KEY);
  if (self != NULL)
    return self;

  self = g_object_new (SD_TYPE_HEALTH_NOTIFIER, NULL);
  self->application = application;
  g_object_set_data_full (G_OBJECT (application), DATA_KEY, self, g_object_unref);

  action = g_simple_action_new ("changes", NULL);
  g_signal_connect_object (action, "activate", G_CALLBACK (on_changes_action), self, 0);
  g_action_map_add_action (G_ACTION_MAP (application), G_ACTION (action));
  return self;
}

SdChangeLog *
sd_health_notifier_get_change_log (SdHealthNotifier *self)
{
  g_return_val_if_fail (SD_IS_HEALTH_NOTIFIER (self), NULL);
  /* Not read here: a dashboard's refresh starts with it, and an update
   * reads the file on its own thread and gives the list its new contents. */
  return self->log;
}
