/* sd-request-util.c — small helpers shared by the request dialogs and the outbox views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-aws-endpoints.h"
#include "sd-request-util.h"

/* Callbacks */

typedef struct {
  GtkLabel *label;  /* owned, nullable */
  char     *uri;    /* owned */
} OpenData;

static void
on_uri_shown (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  OpenData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) && data->label != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is a web address the browser could not be started for */
      text = g_strdup_printf (_("No browser could be opened: open %s by hand."), data->uri);
      gtk_label_set_label (data->label, text);
      gtk_widget_set_visible (GTK_WIDGET (data->label), TRUE);
    }
  g_clear_object (&data->label);
  g_free (data->uri);
  g_free (data);
}

/* Public API */

const char *
sd_request_util_region_name (const char *region)
{
  const char *name = region != NULL ? sd_aws_region_display_name (region) : NULL;

  return name != NULL ? _(name) : region;
}

char *
sd_request_util_region_label (const char *region)
{
  const char *name = sd_request_util_region_name (region);

  if (region == NULL)
    return g_strdup ("");
  if (g_strcmp0 (name, region) == 0)
    return g_strdup (region);
  /* Translators: a region's name and its code, e.g. "Europe (Ireland) (eu-west-1)" */
  return g_strdup_printf (_("%s (%s)"), name, region);
}

const char *
sd_request_util_state_class (SdOutboxState state)
{
  switch (state)
    {
    case SD_OUTBOX_STATE_CONFIRMED:
      return "production";
    case SD_OUTBOX_STATE_FAILED:
      return "failed";
    case SD_OUTBOX_STATE_NEEDS_USER:
      return "sandbox";
    case SD_OUTBOX_STATE_PENDING:
    case SD_OUTBOX_STATE_SENDING:
    case SD_OUTBOX_STATE_UNCERTAIN:
    default:
      return "pending";
    }
}

void
sd_request_util_show_case (GtkWidget  *widget,
                           const char *profile,
                           const char *case_id)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (case_id == NULL || *case_id == '\0')
    return;
  gtk_widget_activate_action (widget, "app.show-case", "(ss)", profile != NULL ? profile : "", case_id);
}

void
sd_request_util_open_uri (GtkWidget  *widget,
                          const char *uri,
                          GtkLabel   *fallback_label)
{
  GtkRoot *root;
  OpenData *data;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (uri == NULL)
    return;
  root = gtk_widget_get_root (widget);
  data = g_new0 (OpenData, 1);
  data->label = fallback_label != NULL ? g_object_ref (fallback_label) : NULL;
  data->uri = g_strdup (uri);
  gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME, NULL,
                     on_uri_shown, data);
}

GtkWidget *
sd_request_util_wrapped_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  return label;
}

char *
sd_request_util_entry_summary (SdOutboxEntry *entry)
{
  GString *text;
  const char *profile;
  const char *case_id;
  const char *reference;
  gint64 when;

  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (entry), NULL);

  text = g_string_new (NULL);
  profile = sd_outbox_entry_get_profile (entry);
  case_id = sd_outbox_entry_get_display_id (entry);
  reference = sd_outbox_entry_get_reference (entry);
  when = sd_outbox_entry_get_sent_at (entry);
  g_string_append (text, sd_request_util_region_name (sd_outbox_entry_get_region (entry)));
  if (profile != NULL)
    g_string_append_printf (text, " · %s", profile);
  if (reference != NULL)
    g_string_append_printf (text, " · %s", reference);
  /* The case's number people see; the long case id is in the message. */
  if (case_id != NULL)
    g_string_append_printf (text, " · %s", case_id);
  if (when == 0)
    when = sd_outbox_entry_get_created (entry);
  if (when > 0)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (when);
      g_autofree char *formatted = time != NULL ? g_date_time_format (time, "%x %R") : NULL;

      if (formatted != NULL)
        g_string_append_printf (text, " · %s", formatted);
    }
  return g_string_free (text, FALSE);
}

const char *
sd_request_util_entry_case (SdOutboxEntry *entry)
{
  const char *case_id;

  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (entry), NULL);

  case_id = sd_outbox_entry_get_case_id (entry);
  if (case_id == NULL)
    case_id = sd_outbox_entry_get_display_id (entry);
  if (case_id == NULL)
    case_id = sd_outbox_entry_get_related_case_id (entry);
  return case_id;
}
