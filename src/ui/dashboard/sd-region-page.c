/* sd-region-page.c — one region in detail: health, IPs, pools, quota, review, warnings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-format.h"
#include "sd-health-section.h"
#include "sd-outbox-row.h"
#include "sd-region-page.h"
#include "sd-region-row.h"
#include "sd-request-dialog.h"
#include "sd-request-manager.h"
#include "sd-timings.h"

/* Frames in which the benchmarks time the charts' drawing after a region
 * opened: a second at 60 Hz. */
#define BENCH_CHART_FRAMES 60

struct _SdRegionPage
{
  AdwBin               parent_instance;

  SdRegionStatus      *status;       /* owned, nullable */
  GtkFilterListModel  *entries;      /* owned, nullable; the outbox entries of this region */

  /* Template widgets */
  AdwWindowTitle      *window_title;
  AdwPreferencesPage  *preferences_page;
  GtkWidget           *error_group;
  GtkListBox          *error_list;
  GtkWidget           *account_group;
  GtkListBox          *account_list;
  GtkWidget           *warnings_group;
  GtkListBox          *warnings_list;
  GtkWidget           *ips_group;
  GtkListBox          *ips_list;
  GtkWidget           *pools_group;
  GtkListBox          *pools_list;
  GtkWidget           *health_group;
  SdHealthSection     *health_section;  /* made when first needed */
  GtkWidget           *requests_group;
  GtkListBox          *requests_list;
  GtkListBox          *region_entries_list;

  /* The benchmarks' timing of a region opened (SD_BENCH_TIMINGS=1). */
  GdkFrameClock       *bench_clock;        /* owned while timing */
  gint64               bench_opened;       /* when the region was asked for */
  gint64               bench_built;        /* when its page was filled */
  gint64               bench_paint;        /* when the frame being drawn began */
  guint                bench_frames;       /* the charts' frames so far */
  gint64               bench_usec;         /* the charts' drawing time so far */
  int                  bench_frame;        /* -1 until the first frame with the charts */
  guint                bench_opens;
  GArray              *bench_chart_usec;   /* gint64, the charts' time in each frame */
  GArray              *bench_frame_usec;   /* gint64, each frame's paint */
};

G_DEFINE_FINAL_TYPE (SdRegionPage, sd_region_page, ADW_TYPE_BIN)

/* Auxiliary functions */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Text from AWS is text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static GtkWidget *
new_value_label (const char *value)
{
  GtkWidget *label = gtk_label_new (value);

  /* Values are short; a wrapping suffix would be squeezed to its narrowest. */
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* A row that names a short value: "Enforcement status ……… Healthy". */
static GtkWidget *
add_info_row (GtkListBox *list,
              const char *title,
              const char *value)
{
  GtkWidget *row = new_row (title, NULL);
  GtkWidget *label = new_value_label (value);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL, -1);
  gtk_list_box_append (list, row);
  return row;
}

static GtkWidget *
add_icon_row (GtkListBox *list,
              const char *icon_name,
              const char *icon_class,
              const char *title,
              const char *subtitle)
{
  GtkWidget *row = new_row (title, subtitle);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (icon, icon_class);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_append (list, row);
  return row;
}

static int
compare_ips (gconstpointer a,
             gconstpointer b)
{
  const SdDedicatedIp *ip_a = *(const SdDedicatedIp * const *) a;
  const SdDedicatedIp *ip_b = *(const SdDedicatedIp * const *) b;
  int cmp = g_strcmp0 (ip_a->pool_name, ip_b->pool_name);

  return cmp != 0 ? cmp : g_strcmp0 (ip_a->ip, ip_b->ip);
}

static void
fill_account (SdRegionPage *self)
{
  SdRegionStatus *status = self->status;
  SdSandboxState state = sd_region_status_get_state (status);
  double quota = sd_region_status_get_max_24_hour_send (status);
  double sent = sd_region_status_get_sent_last_24_hours (status);
  g_autofree char *quota_text = NULL;
  g_autofree char *rate_text = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *sent_text = NULL;
  const char *case_id = sd_region_status_get_review_case_id (status);
  GtkWidget *row;
  GtkWidget *badge;

  row = new_row (_("Sandbox status"), NULL);
  badge = gtk_label_new (sd_sandbox_state_to_label (state));
  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_add_css_class (badge, sd_region_row_state_css_class (state));
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, badge, NULL, -1);
  gtk_list_box_append (self->account_list, row);

  if (case_id != NULL)
    {
      GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

      /* Long, and people paste it into the Support Center: a subtitle that
       * wraps, and a button to copy it. */
      GtkWidget *open = gtk_button_new_from_icon_name ("go-next-symbolic");

      row = new_row (_("Review case"), case_id);
      /* The case is where AWS answers: open it in the cases window. */
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (open, "flat");
      gtk_widget_set_tooltip_text (open, _("Open the Review Case"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Open review case"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "app.show-case");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "(ss)",
                                        sd_region_status_get_profile (status) != NULL
                                        ? sd_region_status_get_profile (status) : "", case_id);
      gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (copy, "flat");
      gtk_widget_set_tooltip_text (copy, _("Copy Case ID"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Copy case ID"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "page.copy-case-id");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      gtk_list_box_append (self->account_list, row);
    }

  add_info_row (self->account_list, C_("region page row", "Sending"),
                sd_region_status_get_sending_enabled (status) ? _("Enabled") : _("Paused"));
  add_info_row (self->account_list, _("Enforcement status"),
                sd_format_enforcement (sd_region_status_get_enforcement_status (status)));

  if (quota < 0)
    quota_text = g_strdup (_("Unlimited"));
  else
    quota_text = sd_format_count (quota);
  add_info_row (self->account_list, _("Daily sending quota"), quota_text);

  rate = sd_format_rate (sd_region_status_get_max_send_rate (status));
  /* Translators: the maximum send rate, e.g. "14 a second" */
  rate_text = g_strdup_printf (_("%s a second"), rate);
  add_info_row (self->account_list, _("Maximum send rate"), rate_text);

  sent_text = sd_format_count (sent);
  row = add_info_row (self->account_list, _("Sent in the last 24 hours"), sent_text);
  if (quota > 0)
    {
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
      g_autofree char *share = NULL;

      /* Translators: the share of the daily quota sent in the last 24 hours */
      share = g_strdup_printf (_("%d%% of the daily quota"), (int) CLAMP (100.0 * sent / quota, 0, 999));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), share);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), "sd-ok", 0.8);
      gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), "sd-high", 0.95);
      gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), "sd-full", 1.0);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (sent / quota, 0.0, 1.0));
      gtk_widget_add_css_class (bar, "sent");
      gtk_widget_set_size_request (bar, 48, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Sent in the last 24 hours, share of the quota"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
    }

  add_info_row (self->account_list, _("Automatic warm-up of new IPs"),
                sd_region_status_get_auto_warmup (status) ? _("On") : _("Off"));
}

static void
fill_warnings (SdRegionPage *self)
{
  g_autoptr(GPtrArray) warnings = sd_region_status_compute_warnings (self->status);

  for (guint i = 0; i < warnings->len; i++)
    {
      const SdWarning *warning = g_ptr_array_index (warnings, i);

      add_icon_row (self->warnings_list, "dialog-warning-symbolic", "warning-icon",
                    warning->title, warning->reason);
    }
  if (warnings->len == 0)
    add_icon_row (self->warnings_list, "emblem-ok-symbolic", "ok-icon",
                  _("No warnings"),
                  _("This region follows the best practices of the SES guide."));
}

static void
fill_ips (SdRegionPage *self)
{
  GPtrArray *ips = sd_region_status_get_dedicated_ips (self->status);
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (ips->len);
  g_autofree char *description = NULL;

  for (guint i = 0; i < ips->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (ips, i));
  g_ptr_array_sort (sorted, compare_ips);

  description = sd_format_dedicated_ips (self->status);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->ips_group), description);

  for (guint i = 0; i < sorted->len; i++)
    {
      const SdDedicatedIp *ip = g_ptr_array_index (sorted, i);
      g_autofree char *pool = NULL;
      g_autofree char *warmup = sd_format_warmup (ip);
      GtkWidget *row;

      if (ip->pool_name != NULL)
        /* Translators: the pool a dedicated IP belongs to */
        pool = g_strdup_printf (_("Pool “%s”"), ip->pool_name);
      else
        pool = g_strdup (_("In no pool"));

      row = add_info_row (self->ips_list, ip->ip, warmup);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pool);
      if (ip->warmup_status == SD_WARMUP_IN_PROGRESS)
        {
          GtkWidget *bar = gtk_level_bar_new_for_interval (0, 100);

          gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (ip->warmup_percentage, 0, 100));
          gtk_widget_set_size_request (bar, 48, -1);
          gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Warm-up"), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
        }
    }
  if (sorted->len == 0)
    gtk_list_box_append (self->ips_list,
                         new_row (_("No dedicated IPs"),
                                  _("This region sends from IPs shared with other SES customers.")));
}

static void
fill_pools (SdRegionPage *self)
{
  GPtrArray *pools = sd_region_status_get_pools (self->status);

  for (guint i = 0; i < pools->len; i++)
    {
      const SdIpPool *pool = g_ptr_array_index (pools, i);
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u IP", "%u IPs",
                                                             pool->n_ips), pool->n_ips);
      g_autofree char *mode = NULL;
      GtkWidget *row;

      /* Translators: a pool's scaling mode, e.g. "Scaling: Managed" */
      mode = g_strdup_printf (_("Scaling: %s"), sd_format_scaling_mode (pool->scaling_mode));
      row = add_info_row (self->pools_list, pool->name, count);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), mode);
    }
  gtk_widget_set_visible (self->pools_group, pools->len > 0);
}

static void
fill_error (SdRegionPage *self)
{
  const GError *error = sd_region_status_get_error (self->status);
  g_autofree char *problem = sd_format_region_error (self->status);
  g_autofree char *details = sd_format_error_details (error);

  gtk_widget_set_visible (self->error_group, error != NULL);
  if (error == NULL)
    return;

  add_icon_row (self->error_list, "dialog-error-symbolic", "region-error", problem, details);
  if (sd_region_problem_classify (self->status) == SD_REGION_PROBLEM_ACCESS_DENIED)
    {
      g_autofree char *needs = NULL;

      /* Translators: %s is a list of IAM actions */
      needs = g_strdup_printf (_("The profile's IAM policy must allow %s in this region."),
                               sd_format_dashboard_actions ());
      gtk_list_box_append (self->error_list, new_row (_("What to do"), needs));
    }
  else if (sd_region_problem_classify (self->status) == SD_REGION_PROBLEM_OPT_IN)
    {
      gtk_list_box_append (self->error_list,
                           new_row (_("What to do"),
                                    _("Enable the region under Account › AWS Regions in the AWS console, then refresh.")));
    }
}

static void
add_request_row (SdRegionPage *self,
                 const char   *title,
                 const char   *subtitle,
                 const char   *action)
{
  GtkWidget *row = new_row (title, subtitle);
  GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
  gtk_list_box_append (self->requests_list, row);
}

/* What can be asked of AWS here: leaving the sandbox or more sending, and
 * dedicated IPs, each opening its dialog; then what was sent for the region. */
static void
fill_requests (SdRegionPage *self)
{
  SdSandboxState state = sd_region_status_get_state (self->status);

  if (state == SD_SANDBOX_STATE_PRODUCTION)
    add_request_row (self, _("Raise Sending Limits…"),
                     _("Ask for a higher daily quota or send rate (Service Quotas)"), "page.sending-limits");
  else
    add_request_row (self, _("Leave the Sandbox…"),
                     _("Ask AWS for production access in this region"), "page.sending-limits");
  add_request_row (self, _("Request Dedicated IPs…"),
                   _("Standard dedicated IPs through AWS Support, or a managed pool"), "page.request-ips");
  if (sd_region_status_get_n_dedicated_ips (self->status) > 0)
    add_request_row (self, _("Release Dedicated IPs…"),
                     _("Give back addresses this region no longer needs"), "page.release-ips");
}

static gboolean
filter_region_entries (gpointer item,
                       gpointer user_data)
{
  SdRegionPage *self = user_data;
  SdOutboxEntry *entry = item;

  return self->status != NULL &&
         g_strcmp0 (sd_outbox_entry_get_profile (entry), sd_region_status_get_profile (self->status)) == 0 &&
         g_strcmp0 (sd_outbox_entry_get_region (entry), sd_region_status_get_region (self->status)) == 0;
}

static GtkWidget *
create_entry_row (gpointer item,
                  gpointer user_data)
{
  return sd_outbox_row_new (SD_OUTBOX_ENTRY (item));
}

static void
on_region_entries_changed (SdRegionPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->region_entries_list),
                          g_list_model_get_n_items (G_LIST_MODEL (self->entries)) > 0);
}

/* The outbox lives with the application: found once the page is in a window. */
static void
follow_entries (SdRegionPage *self)
{
  SdRequestManager *manager;
  GtkCustomFilter *filter;

  if (self->entries != NULL)
    {
      gtk_filter_changed (gtk_filter_list_model_get_filter (self->entries), GTK_FILTER_CHANGE_DIFFERENT);
      return;
    }
  manager = sd_request_manager_from_widget (GTK_WIDGET (self));
  if (manager == NULL)
    return;
  filter = gtk_custom_filter_new (filter_region_entries, self, NULL);
  self->entries = gtk_filter_list_model_new (g_object_ref (sd_request_manager_get_entries (manager)),
                                             GTK_FILTER (filter));
  gtk_list_box_bind_model (self->region_entries_list, G_LIST_MODEL (self->entries), create_entry_row, NULL, NULL);
  g_signal_connect_swapped (self->entries, "items-changed", G_CALLBACK (on_region_entries_changed), self);
  on_region_entries_changed (self);
}

static void
update (SdRegionPage *self)
{
  SdRegionStatus *status = self->status;
  gboolean loaded;
  g_autofree char *subtitle = NULL;

  clear_list (self->error_list);
  clear_list (self->account_list);
  clear_list (self->warnings_list);
  clear_list (self->ips_list);
  clear_list (self->pools_list);
  clear_list (self->requests_list);

  if (status == NULL)
    return;

  loaded = sd_region_status_get_updated (status) > 0;

  adw_window_title_set_title (self->window_title, sd_region_status_get_region_name (status));
  if (sd_region_status_get_account_id (status) != NULL &&
      g_strcmp0 (sd_region_status_get_account_name (status), sd_region_status_get_profile (status)) != 0)
    /* An organization's member: its name and id rather than the profile made for it. */
    subtitle = g_strdup_printf (_("%s · %s (%s)"), sd_region_status_get_region (status),
                                sd_region_status_get_account_name (status),
                                sd_region_status_get_account_id (status));
  else if (sd_region_status_get_profile (status) != NULL)
    subtitle = g_strdup_printf (_("%s · %s"), sd_region_status_get_region (status),
                                sd_region_status_get_profile (status));
  else
    subtitle = g_strdup (sd_region_status_get_region (status));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  fill_error (self);

  gtk_widget_set_visible (self->account_group, loaded || sd_region_status_get_loading (status));
  gtk_widget_set_visible (self->health_group, loaded);
  gtk_widget_set_visible (self->warnings_group, loaded);
  gtk_widget_set_visible (self->ips_group, loaded);
  gtk_widget_set_visible (self->pools_group, loaded);
  gtk_widget_set_visible (self->requests_group, loaded);
  if (!loaded)
    {
      if (sd_region_status_get_loading (status))
        {
          GtkWidget *row = new_row (_("Loading…"), NULL);
          GtkWidget *spinner = gtk_spinner_new ();

          gtk_spinner_start (GTK_SPINNER (spinner));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
          gtk_list_box_append (self->account_list, row);
        }
      return;
    }

  fill_account (self);
  /* Charts, their table and their styles: not before a region is shown,
   * so that the window's first frame does not wait for them. */
  if (self->health_section == NULL)
    {
      self->health_section = SD_HEALTH_SECTION (sd_health_section_new ());
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->health_group),
                                 GTK_WIDGET (self->health_section));
    }
  sd_health_section_set_status (self->health_section, status);
  fill_requests (self);
  fill_warnings (self);
  fill_ips (self);
  fill_pools (self);
}

/* The benchmarks: a region opened, and the charts drawn frame after frame */

static void bench_stop (SdRegionPage *self);

static int
compare_usec (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
median_ms (GArray *usec)
{
  if (usec->len == 0)
    return 0;
  g_array_sort (usec, compare_usec);
  return g_array_index (usec, gint64, usec->len / 2) / 1000.0;
}

static double
max_ms (GArray *usec)
{
  gint64 most = 0;

  for (guint i = 0; i < usec->len; i++)
    most = MAX (most, g_array_index (usec, gint64, i));
  return most / 1000.0;
}

static void
on_bench_before_paint (GdkFrameClock *clock,
                       SdRegionPage  *self)
{
  self->bench_paint = g_get_monotonic_time ();
}

/* After each frame: the first that shows the page with every chart drawn
 * gives "region-shown:REGION#N open-ms=… fill-ms=… charts-ms=… frame-ms=…"
 * (from the region asked for to that frame drawn; filling the page; the
 * charts' drawing; the frame's paint). Then the charts draw again in each of the next frames, and
 * "region-charts:REGION#N frames=… median-ms=… max-ms=… frame-median-ms=…
 * frame-max-ms=…" says how long that took a frame. */
static void
on_bench_after_paint (GdkFrameClock *clock,
                      SdRegionPage  *self)
{
  gint64 now = g_get_monotonic_time ();
  const char *region = sd_region_status_get_region (self->status);
  guint frames;
  gint64 usec;

  sd_health_section_get_draw_stats (self->health_section, &frames, &usec);
  if (frames == self->bench_frames)
    return;
  if (self->bench_frame < 0)
    {
      g_autofree char *event = NULL;

      if (!gtk_widget_get_mapped (GTK_WIDGET (self->health_section)))
        return;
      event = g_strdup_printf ("region-shown:%s#%u open-ms=%.1f fill-ms=%.1f charts-ms=%.1f frame-ms=%.1f",
                               region, self->bench_opens, (now - self->bench_opened) / 1000.0,
                               (self->bench_built - self->bench_opened) / 1000.0,
                               (usec - self->bench_usec) / 1000.0,
                               self->bench_paint != 0 ? (now - self->bench_paint) / 1000.0 : 0.0);
      sd_timings_mark (event);
    }
  else
    {
      gint64 chart_usec = usec - self->bench_usec;
      gint64 frame_usec = self->bench_paint != 0 ? now - self->bench_paint : 0;

      g_array_append_val (self->bench_chart_usec, chart_usec);
      g_array_append_val (self->bench_frame_usec, frame_usec);
    }
  self->bench_frame++;
  self->bench_frames = frames;
  self->bench_usec = usec;
  if (self->bench_frame <= BENCH_CHART_FRAMES)
    {
      sd_health_section_redraw_charts (self->health_section);
      return;
    }
  {
    g_autofree char *event =
      g_strdup_printf ("region-charts:%s#%u frames=%u median-ms=%.2f max-ms=%.2f "
                       "frame-median-ms=%.2f frame-max-ms=%.2f",
                       region, self->bench_opens, self->bench_chart_usec->len,
                       median_ms (self->bench_chart_usec), max_ms (self->bench_chart_usec),
                       median_ms (self->bench_frame_usec), max_ms (self->bench_frame_usec));

    sd_timings_mark (event);
  }
  bench_stop (self);
}

static void
bench_stop (SdRegionPage *self)
{
  if (self->bench_clock != NULL)
    g_signal_handlers_disconnect_by_data (self->bench_clock, self);
  g_clear_object (&self->bench_clock);
  g_clear_pointer (&self->bench_chart_usec, g_array_unref);
  g_clear_pointer (&self->bench_frame_usec, g_array_unref);
}

/* A loaded region was asked for at @asked and its page filled: times its
 * first frame and its charts. */
static void
bench_start (SdRegionPage *self,
             gint64        asked)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  GdkFrameClock *clock = window != NULL ? gtk_widget_get_frame_clock (window) : NULL;

  bench_stop (self);
  if (clock == NULL)
    return;
  self->bench_clock = g_object_ref (clock);
  self->bench_opened = asked;
  self->bench_built = g_get_monotonic_time ();
  self->bench_paint = 0;
  self->bench_frame = -1;
  self->bench_opens++;
  self->bench_chart_usec = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->bench_frame_usec = g_array_new (FALSE, FALSE, sizeof (gint64));
  sd_health_section_get_draw_stats (self->health_section, &self->bench_frames, &self->bench_usec);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_bench_before_paint), self);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_bench_after_paint), self);
}

/* Callbacks */

static void
on_status_changed (SdRegionPage *self)
{
  update (self);
}

static void
on_status_loading (SdRegionPage *self)
{
  /* Once loaded, the data stays while a refresh runs: nothing to redo until it ends. */
  if (sd_region_status_get_updated (self->status) == 0)
    update (self);
}

static void
on_copy_case_id (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SdRegionPage *self = SD_REGION_PAGE (widget);
  const char *case_id = self->status != NULL ? sd_region_status_get_review_case_id (self->status) : NULL;

  if (case_id != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), case_id);
}

static void
open_request (SdRegionPage  *self,
              SdRequestKind  kind)
{
  if (self->status != NULL)
    sd_request_dialog_present (GTK_WIDGET (self), kind, self->status, NULL);
}

static void
on_request_ips (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  open_request (SD_REGION_PAGE (widget), SD_REQUEST_KIND_DEDICATED_IPS);
}

static void
on_release_ips (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  open_request (SD_REGION_PAGE (widget), SD_REQUEST_KIND_RELEASE_IPS);
}

static void
on_sending_limits (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_request (SD_REGION_PAGE (widget), SD_REQUEST_KIND_SENDING_LIMITS);
}

/* Overrides */

static void
sd_region_page_dispose (GObject *object)
{
  SdRegionPage *self = SD_REGION_PAGE (object);

  bench_stop (self);
  if (self->status != NULL)
    g_signal_handlers_disconnect_by_data (self->status, self);
  g_clear_object (&self->status);
  if (self->entries != NULL)
    g_signal_handlers_disconnect_by_data (self->entries, self);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (sd_region_page_parent_class)->dispose (object);
}

static void
sd_region_page_class_init (SdRegionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_region_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-region-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SdRegionPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, SdRegionPage, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, SdRegionPage, error_group);
  gtk_widget_class_bind_template_child (widget_class, SdRegionPage, error_list);
  gtk_widget_class_bind_template_child (widget_class, SdRegionPage, account_group);
  gtk_widget_class_bind_template_child (widget_class, SdRegionPage, account_list);
  gtk_widget_class_bind_template_child (widget_class, SdRegionPage, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, SdRegionPage, warnings_list);
  gtk_widget_class_bind_template_child (widget_class, SdRegionPage, ips_group);
  gtk_widget_class_bind_template_child (widget_class, SdRegionPage, ips_list);
  gtk_widget_class_bind_template_child (widget_class, SdRegionPage, pools_group);
  gtk_widget_class_bind_template_child (widget_class, SdRegionPage, pools_list);
  gtk_widget_class_bind_template_child (widget_class, SdRegionPage, health_group);
  gtk_widget_class_bind_template_child (widget_class, SdRegionPage, requests_group);
  gtk_widget_class_bind_template_child (widget_class, SdRegionPage, requests_list);
  gtk_widget_class_bind_template_child (widget_class, SdRegionPage, region_entries_list);

  gtk_widget_class_install_action (widget_class, "page.copy-case-id", NULL, on_copy_case_id);
  gtk_widget_class_install_action (widget_class, "page.request-ips", NULL, on_request_ips);
  gtk_widget_class_install_action (widget_class, "page.release-ips", NULL, on_release_ips);
  gtk_widget_class_install_action (widget_class, "page.sending-limits", NULL, on_sending_limits);
}

static void
sd_region_page_init (SdRegionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
sd_region_page_new (void)
{
  return g_object_new (SD_TYPE_REGION_PAGE, NULL);
}

void
sd_region_page_set_status (SdRegionPage   *self,
                           SdRegionStatus *status)
{
  gint64 asked = g_get_monotonic_time ();
  GtkAdjustment *adjustment;
  GtkWidget *scrolled;

  g_return_if_fail (SD_IS_REGION_PAGE (self));

  if (self->status != status)
    {
      if (self->status != NULL)
        g_signal_handlers_disconnect_by_data (self->status, self);
      g_set_object (&self->status, status);
      if (status != NULL)
        {
          g_signal_connect_swapped (status, "changed", G_CALLBACK (on_status_changed), self);
          g_signal_connect_swapped (status, "notify::loading", G_CALLBACK (on_status_loading), self);
        }
    }

  if (status != NULL)
    follow_entries (self);

  /* A new region starts at the top. */
  scrolled = gtk_widget_get_first_child (GTK_WIDGET (self->preferences_page));
  if (GTK_IS_SCROLLED_WINDOW (scrolled))
    {
      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      gtk_adjustment_set_value (adjustment, 0);
    }
  update (self);

  if (sd_timings_enabled ())
    {
      if (status != NULL && self->health_section != NULL)
        bench_start (self, asked);
      else
        bench_stop (self);
    }
}

SdRegionStatus *
sd_region_page_get_status (SdRegionPage *self)
{
  g_return_val_if_fail (SD_IS_REGION_PAGE (self), NULL);
  return self->status;
}
