/* sd-window.c — the main window: every region of every account at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "sd-account.h"
#include "sd-account-store.h"
#include "sd-add-account-dialog.h"
#include "sd-case-watcher.h"
#include "sd-organization-dialog.h"
#include "sd-aws-config.h"
#include "sd-aws-endpoints.h"
#include "sd-dashboard.h"
#include "sd-fleet.h"
#include "sd-fleet-view.h"
#include "sd-format.h"
#include "sd-health-notifier.h"
#include "sd-organization.h"
#include "sd-preferences-window.h"
#include "sd-settings.h"
#include "sd-region-page.h"
#include "sd-region-row.h"
#include "sd-request-manager.h"
#include "sd-totals.h"
#include "sd-spinner.h"
#include "sd-timings.h"
#include "sd-widget-util.h"
#include "sd-window.h"

/* How often "Updated N minutes ago" is brought up to date. */
#define TICK_SECONDS 30

typedef enum {
  STATE_FILTER_ALL,
  STATE_FILTER_SANDBOX,
  STATE_FILTER_PRODUCTION,
  STATE_FILTER_PENDING,
  STATE_FILTER_DENIED,
  STATE_FILTER_FAILED,
  STATE_FILTER_ERRORS,
  STATE_FILTER_HEALTH_WATCH,
  STATE_FILTER_HEALTH_RISK,
} StateFilter;

typedef enum {
  SORT_ACCOUNT,
  SORT_NAME,
  SORT_STATE,
  SORT_QUOTA,
  SORT_IPS,
  SORT_HEALTH,
} SortMode;

static const struct {
  const char *id;
  const char *label;
} state_filters[] = {
  [STATE_FILTER_ALL] = { "all", N_("All States") },
  [STATE_FILTER_SANDBOX] = { "sandbox", N_("Sandbox") },
  [STATE_FILTER_PRODUCTION] = { "production", N_("Production") },
  [STATE_FILTER_PENDING] = { "pending", N_("Review Pending") },
  [STATE_FILTER_DENIED] = { "denied", N_("Denied") },
  [STATE_FILTER_FAILED] = { "failed", N_("Failed") },
  [STATE_FILTER_ERRORS] = { "errors", N_("With Errors") },
  [STATE_FILTER_HEALTH_WATCH] = { "health-watch", N_("Health: Watch or Worse") },
  [STATE_FILTER_HEALTH_RISK] = { "health-risk", N_("Health at Risk") },
};

static const char * const sort_ids[] = {
  [SORT_ACCOUNT] = "account",
  [SORT_NAME] = "name",
  [SORT_STATE] = "state",
  [SORT_QUOTA] = "quota",
  [SORT_IPS] = "ips",
  [SORT_HEALTH] = "health",
};

struct _SdWindow
{
  AdwApplicationWindow  parent_instance;

  SdAwsClient          *client;         /* owned, nullable */
  SdDashboard          *dashboard;      /* owned, nullable */
  SdAccountStore       *store;          /* owned */
  GCancellable         *cancellable;    /* owned; cancelled when the window closes */
  GCancellable         *refresh_cancellable; /* owned; of the current dashboard's refresh */
  char                **profiles;       /* owned; of the dashboard, in order */
  char                **names;          /* owned; each profile's account name for people */
  char                 *account_filter; /* owned; NULL = all accounts */
  char                **search_words;   /* owned, casefolded; NULL = no search */
  StateFilter           state_filter;
  SortMode              sort_mode;
  GtkCustomFilter      *filter;         /* owned */
  GtkCustomSorter      *sorter;         /* owned */
  GtkFilterListModel   *filter_model;   /* owned */
  GtkSortListModel     *sort_model;     /* owned */
  GHashTable           *ranks;          /* owned; profile (of profiles) -> its index + 1 */
  GHashTable           *name_keys;      /* owned; region name -> its collation key */
  GtkSliceListModel    *cards;          /* owned; what the grid is given of sort_model */
  guint                 cards_tick_id;  /* growing cards, on the grid's frame clock */
  GtkStringList        *account_names;  /* owned; "All accounts" then each account's name */
  GPtrArray            *rows;           /* owned; SdRegionRow widgets set up, unowned */
  guint                 tick_id;
  guint                 idle_id;
  guint                 store_idle_id;
  guint                 start_id;
  guint                 refresh_idle_id; /* the members' refresh, in a pass of its own */
  gboolean              store_loaded;
  GSettings            *settings;       /* owned, nullable: without the schema, the defaults */
  char                 *start_profile;  /* owned, nullable: the default account, until shown or another picked */
  guint                 auto_refresh_id;
  char                 *pending_profile; /* owned, nullable: a region to show once loaded */
  char                 *pending_region;  /* owned, nullable */
  SdFleet              *fleet;          /* owned, nullable: the dashboard's accounts × regions */
  GCancellable         *org_cancellable; /* owned, nullable: of the organizations' listing under way */
  SdAwsClient          *org_client;     /* owned, nullable: the client their members were listed with */
  char                 *org_stamp;      /* owned, nullable: the AWS files org_client read (sd_aws_config_dup_files_stamp()) */
  GPtrArray            *org_accounts;   /* owned, of SdAccount: the members of the last listing */
  GPtrArray            *org_errors;     /* owned, of char *: what each failed organization said */
  GPtrArray            *org_listing;    /* owned, of SdAccount: the members of the listing under way */
  GPtrArray            *org_listing_errors; /* owned, of char *: its failed organizations */
  GVariant             *org_listed;     /* owned, nullable: the organizations of org_accounts */
  guint                 org_pending;    /* organizations still being listed */
  gboolean              overview;       /* the overview rather than the cards, with several accounts */
  SdFleetView          *fleet_view;     /* nullable: made when the overview is first shown */
  SdRegionPage         *region_page;    /* nullable: made when a region is first opened */

  /* Template widgets */
  GtkStack             *main_stack;
  GtkWidget            *dashboard_box;
  AdwWindowTitle       *window_title;
  GtkWidget            *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkRevealer          *problems_revealer;
  GtkLabel             *problems_title;
  GtkLabel             *problems_label;
  GtkRevealer          *org_revealer;
  GtkLabel             *org_title;
  GtkLabel             *org_label;
  GtkWidget            *toolbar;
  GtkDropDown          *account_dropdown;
  GtkMenuButton        *state_button;
  GtkStack             *stack;
  SdSpinner            *loading_spinner;
  AdwStatusPage        *denied_page;
  SdTotals             *totals;
  GtkGridView          *grid_view;
  GtkStack             *view_stack;
  GtkWidget            *view_switch;
  GtkWidget            *sort_button;
  GtkWidget            *menu_button;
  GMenuModel           *primary_menu;
  GMenuModel           *state_menu;
  GMenuModel           *sort_menu;
};

G_DEFINE_FINAL_TYPE (SdWindow, sd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STATE_FILTER,
  PROP_SORT,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void sd_window_refresh (SdWindow *self);
static void schedule_update (SdWindow *self);
static void restart_cards (SdWindow *self);
static void on_refresh_ready (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data);

/* Auxiliary functions */

static gboolean
profiles_equal (char      **a,
                GPtrArray  *b)
{
  guint n = a != NULL ? g_strv_length (a) : 0;

  if (n != b->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (a[i], g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

/* An account's name changes when it is renamed in its organization. */
static gboolean
names_equal (char      **a,
             GPtrArray  *b)
{
  return profiles_equal (a, b);
}

static SdAccount *
find_member (GPtrArray  *members,
             const char *profile)
{
  for (guint i = 0; i < members->len; i++)
    if (g_strcmp0 (sd_account_get_profile (g_ptr_array_index (members, i)), profile) == 0)
      return g_ptr_array_index (members, i);
  return NULL;
}

static gboolean
matches_text (const char *haystack,
              const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
matches_account (SdWindow       *self,
                 SdRegionStatus *status)
{
  return self->account_filter == NULL ||
         g_strcmp0 (self->account_filter, sd_region_status_get_profile (status)) == 0;
}

static gboolean
matches_state (SdWindow       *self,
               SdRegionStatus *status)
{
  SdSandboxState state = sd_region_status_get_state (status);

  switch (self->state_filter)
    {
    case STATE_FILTER_SANDBOX:
      return state == SD_SANDBOX_STATE_SANDBOX;
    case STATE_FILTER_PRODUCTION:
      return state == SD_SANDBOX_STATE_PRODUCTION;
    case STATE_FILTER_PENDING:
      return state == SD_SANDBOX_STATE_PENDING;
    case STATE_FILTER_DENIED:
      return state == SD_SANDBOX_STATE_DENIED;
    case STATE_FILTER_FAILED:
      return state == SD_SANDBOX_STATE_FAILED;
    case STATE_FILTER_ERRORS:
      return sd_region_status_get_error (status) != NULL;
    case STATE_FILTER_HEALTH_WATCH:
      return sd_region_status_get_health_level (status) >= SD_HEALTH_LEVEL_WATCH;
    case STATE_FILTER_HEALTH_RISK:
      /* Under review, at risk of pause, paused: what the totals count. */
      return sd_region_status_get_health_level (status) >= SD_HEALTH_LEVEL_UNDER_REVIEW;
    case STATE_FILTER_ALL:
    default:
      return TRUE;
    }
}

/* Every word of the search must be found in the region's code, name (as
 * shown, or in English), profile, state or health: "tokyo prod" works. */
static gboolean
matches_search (SdWindow       *self,
                SdRegionStatus *status)
{
  SdSandboxState state = sd_region_status_get_state (status);
  SdHealthLevel level = sd_region_status_get_health_level (status);
  const char *fields[7];

  if (self->search_words == NULL)
    return TRUE;

  fields[0] = sd_region_status_get_region (status);
  fields[1] = sd_region_status_get_region_name (status);
  fields[2] = sd_aws_region_display_name (sd_region_status_get_region (status));
  fields[3] = sd_region_status_get_profile (status);
  fields[4] = state != SD_SANDBOX_STATE_UNKNOWN ? sd_sandbox_state_to_label (state) : NULL;
  fields[5] = level != SD_HEALTH_LEVEL_UNKNOWN ? sd_health_level_to_label (level) : NULL;
  /* An organization's member by its name, as shown. */
  fields[6] = sd_region_status_get_account_name (status);

  for (guint i = 0; self->search_words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (fields) && !found; j++)
        found = matches_text (fields[j], self->search_words[i]);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* Regions needing attention first: a refused review before a pending one
 * before the sandbox; production, then what is not known, last. */
static int
state_rank (SdRegionStatus *status)
{
  switch (sd_region_status_get_state (status))
    {
    case SD_SANDBOX_STATE_DENIED: return 0;
    case SD_SANDBOX_STATE_FAILED: return 1;
    case SD_SANDBOX_STATE_PENDING: return 2;
    case SD_SANDBOX_STATE_SANDBOX: return 3;
    case SD_SANDBOX_STATE_PRODUCTION: return 4;
    case SD_SANDBOX_STATE_UNKNOWN:
    default:
      return 5;
    }
}

/* The sort compares each card with many others: each name's collation key is made once. */
static const char *
name_key (SdWindow       *self,
          SdRegionStatus *status)
{
  const char *name = sd_region_status_get_region_name (status);
  char *key = g_hash_table_lookup (self->name_keys, name);

  if (key == NULL)
    {
      key = g_utf8_collate_key (name, -1);
      g_hash_table_insert (self->name_keys, g_strdup (name), key);
    }
  return key;
}

static int
compare_names (SdWindow       *self,
               SdRegionStatus *a,
               SdRegionStatus *b)
{
  int cmp = strcmp (name_key (self, a), name_key (self, b));

  if (cmp == 0)
    cmp = g_strcmp0 (sd_region_status_get_region (a), sd_region_status_get_region (b));
  if (cmp == 0)
    cmp = g_strcmp0 (sd_region_status_get_profile (a), sd_region_status_get_profile (b));
  return cmp;
}

/* Accounts in the order of the files ("default" first), then those added in the app. */
static guint
profile_rank (SdWindow       *self,
              SdRegionStatus *status)
{
  guint rank = GPOINTER_TO_UINT (g_hash_table_lookup (self->ranks, sd_region_status_get_profile (status)));

  return rank > 0 ? rank - 1 : G_MAXUINT;
}

/* Unlimited (−1) is the largest quota. */
static double
quota_key (SdRegionStatus *status)
{
  double quota = sd_region_status_get_max_24_hour_send (status);

  if (sd_region_status_get_updated (status) == 0)
    return -2;
  return quota < 0 ? G_MAXDOUBLE : quota;
}

static void
update_title (SdWindow *self)
{
  g_autofree char *subtitle = NULL;

  if (self->dashboard == NULL)
    subtitle = NULL;
  else if (sd_dashboard_get_loading (self->dashboard))
    subtitle = g_strdup (_("Refreshing…"));
  else
    subtitle = sd_format_updated (sd_dashboard_get_updated (self->dashboard),
                                  g_get_real_time () / G_USEC_PER_SEC);
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
}

static void
update_state_button (SdWindow *self)
{
  gtk_menu_button_set_label (self->state_button, _(state_filters[self->state_filter].label));
}

static gboolean show_profiles (SdWindow *self);
static void on_fleet_open_region (SdWindow       *self,
                                  SdRegionStatus *status);

/* The overview is offered when several accounts are shown together. */
static gboolean
overview_shown (SdWindow *self)
{
  return self->overview && show_profiles (self);
}

/* The overview's page is made the first time it is shown: a window of one
 * account, or one that stays on the cards, never pays for it. */
static void
ensure_fleet_view (SdWindow *self)
{
  if (self->fleet_view != NULL)
    return;
  self->fleet_view = SD_FLEET_VIEW (sd_fleet_view_new ());
  sd_fleet_view_set_filter (self->fleet_view, GTK_FILTER (self->filter));
  g_signal_connect_swapped (self->fleet_view, "open-region", G_CALLBACK (on_fleet_open_region), self);
  gtk_stack_add_named (self->view_stack, GTK_WIDGET (self->fleet_view), "overview");
  if (self->dashboard != NULL)
    {
      g_clear_object (&self->fleet);
      self->fleet = sd_fleet_new (sd_dashboard_get_model (self->dashboard));
      sd_fleet_view_set_fleet (self->fleet_view, self->fleet);
    }
}

/* Likewise the region page, the first time a region is opened. */
static SdRegionPage *
ensure_region_page (SdWindow *self)
{
  if (self->region_page == NULL)
    {
      self->region_page = SD_REGION_PAGE (sd_region_page_new ());
      gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->region_page), "detail");
    }
  return self->region_page;
}

static void
update_view_switch (SdWindow *self)
{
  gboolean overview = overview_shown (self);

  if (overview)
    ensure_fleet_view (self);

  gtk_widget_set_visible (self->view_switch, show_profiles (self));
  /* The cards' sort; the overview sorts its rows itself. */
  gtk_widget_set_visible (self->sort_button, !overview);
  gtk_stack_set_visible_child_name (self->view_stack, overview ? "overview" : "cards");
  if (overview)
    sd_fleet_view_update (self->fleet_view);
}

/* Which page the dashboard shows: nothing to show, still loading the first
 * time, every region refused or unreachable, nothing matching, or the grid. */
static void
update_view (SdWindow *self)
{
  GListModel *model = self->dashboard != NULL ? sd_dashboard_get_model (self->dashboard) : NULL;
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  guint n_account = 0;
  guint n_settled = 0;
  guint n_denied = 0;
  guint n_offline = 0;
  guint n_started = 0;
  g_autofree char *denied_action = NULL;
  gboolean mixed_actions = FALSE;
  const char *page;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (model, i);
      gboolean has_result = sd_region_status_get_updated (status) > 0 ||
                            sd_region_status_get_error (status) != NULL;

      if (!matches_account (self, status))
        continue;
      n_account++;
      if (has_result)
        n_started++;
      if (!has_result || sd_region_status_get_loading (status))
        continue;
      n_settled++;
      if (sd_region_status_get_updated (status) > 0 && sd_region_status_get_error (status) == NULL)
        continue;
      switch (sd_region_problem_classify (status))
        {
        case SD_REGION_PROBLEM_ACCESS_DENIED:
          {
            g_autofree char *action = sd_format_denied_action (sd_region_status_get_error (status));

            n_denied++;
            if (denied_action == NULL)
              denied_action = g_steal_pointer (&action);
            else if (g_strcmp0 (action, denied_action) != 0)
              mixed_actions = TRUE;
          }
          break;
        case SD_REGION_PROBLEM_OFFLINE:
          n_offline++;
          break;
        case SD_REGION_PROBLEM_NONE:
        case SD_REGION_PROBLEM_OPT_IN:
        case SD_REGION_PROBLEM_CREDENTIALS:
        case SD_REGION_PROBLEM_OTHER:
        default:
          break;
        }
    }

  if (n == 0)
    page = self->org_pending > 0 ? "loading" : "empty";
  else if (n_started == 0)
    page = "loading";
  else if (n_settled == n_account && n_denied == n_account)
    page = "denied";
  else if (n_settled == n_account && n_offline == n_account)
    page = "offline";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) == 0)
    page = "no-results";
  else
    page = "regions";

  if (g_str_equal (page, "denied"))
    {
      g_autofree char *description = NULL;

      if (denied_action != NULL && !mixed_actions)
        /* Translators: %s is an IAM action such as "ses:GetAccount"; the second %s a list of them */
        description = g_strdup_printf (_("AWS refused every region: the profile’s IAM policy does not allow %s. "
                                         "SES Desk needs %s. Ask your AWS administrator to allow them, then try again."),
                                       denied_action, sd_format_dashboard_actions ());
      else
        /* Translators: %s is a list of IAM actions */
        description = g_strdup_printf (_("AWS refused every region. SES Desk needs %s. "
                                         "Ask your AWS administrator to allow them, then try again."),
                                       sd_format_dashboard_actions ());
      adw_status_page_set_description (self->denied_page, description);
    }

  sd_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  /* Filters help where there are regions to filter, or other accounts to switch to. */
  gtk_widget_set_visible (self->toolbar,
                          g_str_equal (page, "regions") || g_str_equal (page, "no-results") ||
                          (self->profiles != NULL && g_strv_length (self->profiles) > 1 &&
                           !g_str_equal (page, "empty") && !g_str_equal (page, "loading")));
  gtk_widget_set_visible (self->search_button, n > 0);
  update_view_switch (self);
  /* Out of the loading page without the crossfade: for its 200 ms every
   * frame blends both pages, whole, just when the first answers make the
   * frames busiest (a fleet's first cards: 25–38 ms of painting a frame
   * with the cairo renderer). */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0)
    gtk_stack_set_visible_child_full (self->stack, page, GTK_STACK_TRANSITION_TYPE_NONE);
  else
    gtk_stack_set_visible_child_name (self->stack, page);
  update_title (self);
}

/* What is shown changed as a whole: start from its top. */
static void
scroll_to_top (SdWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->grid_view), "list.scroll-to-item", "u", 0);
}

/* Pages a stack does not show stay visible widgets; tell assistive
 * technologies to skip them, as GTK 4.8 does not. */
/* The status pages' large icons are set when a page is first shown: loading
 * them (as SVG) for pages that most starts never show costs memory. */
static const struct {
  const char *page;
  const char *icon;
} status_icons[] = {
  { "empty", "mail-send-symbolic" },
  { "denied", "system-lock-screen-symbolic" },
  { "offline", "network-offline-symbolic" },
  { "no-results", "edit-find-symbolic" },
};

static void
sync_stack_hidden (GtkStack *stack)
{
  GtkWidget *visible = gtk_stack_get_visible_child (stack);
  const char *name = gtk_stack_get_visible_child_name (stack);

  for (gsize i = 0; name != NULL && i < G_N_ELEMENTS (status_icons); i++)
    if (g_str_equal (name, status_icons[i].page) && ADW_IS_STATUS_PAGE (visible))
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (visible), status_icons[i].icon);
  sd_stack_sync_hidden (stack);
}

/* The cards name their profile when several accounts are shown together. */
static gboolean
show_profiles (SdWindow *self)
{
  return self->account_filter == NULL && self->profiles != NULL && g_strv_length (self->profiles) > 1;
}

static void
update_rows_show_profile (SdWindow *self)
{
  gboolean show = show_profiles (self);

  for (guint i = 0; i < self->rows->len; i++)
    sd_region_row_set_show_profile (g_ptr_array_index (self->rows, i), show);
}

static void
update_problems (SdWindow    *self,
                 SdAwsConfig *config)
{
  GPtrArray *problems = sd_aws_config_get_problems (config);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = NULL;
  const guint max_shown = 3;

  for (guint i = 0; i < problems->len && i < max_shown; i++)
    {
      const GError *problem = g_ptr_array_index (problems, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, problem->message);
    }
  if (problems->len > max_shown)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "…and %u more problem",
                                                 "…and %u more problems", problems->len - max_shown),
                              problems->len - max_shown);
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u line of the AWS configuration files was skipped; every other profile can be used",
                                        "%u lines of the AWS configuration files were skipped; every other profile can be used",
                                        problems->len),
                           problems->len);
  gtk_label_set_label (self->problems_title, title);
  gtk_label_set_label (self->problems_label, text->str);
  gtk_revealer_set_reveal_child (self->problems_revealer, problems->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_revealer), problems->len > 0);
}

static void
update_account_names (SdWindow *self)
{
  guint n = self->profiles != NULL ? g_strv_length (self->profiles) : 0;
  guint selected = 0;
  const char * const all[] = { _("All Accounts"), NULL };
  g_autofree char *before = g_strdup (self->account_filter);

  /* At start, the settings' default account once it is known. */
  if (self->account_filter == NULL && self->start_profile != NULL)
    self->account_filter = g_strdup (self->start_profile);

  g_signal_handlers_block_matched (self->account_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_string_list_splice (self->account_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->account_names)), all);
  gtk_string_list_splice (self->account_names, 1, 0, (const char * const *) self->names);

  /* Keep the chosen account when it still exists. */
  for (guint i = 0; i < n && self->account_filter != NULL; i++)
    if (g_str_equal (self->profiles[i], self->account_filter))
      selected = i + 1;
  if (selected == 0)
    g_clear_pointer (&self->account_filter, g_free);
  else
    g_clear_pointer (&self->start_profile, g_free);
  gtk_drop_down_set_selected (self->account_dropdown, selected);
  g_signal_handlers_unblock_matched (self->account_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  /* One account: nothing to switch. */
  gtk_widget_set_visible (GTK_WIDGET (self->account_dropdown), n > 1);
  if (g_strcmp0 (before, self->account_filter) != 0)
    {
      restart_cards (self);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
    }
}

static void
on_region_changed (SdWindow *self)
{
  schedule_update (self);
}

static void
connect_regions (SdWindow   *self,
                 GListModel *model,
                 guint       position,
                 guint       added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (model, i);

      g_signal_connect_object (status, "changed", G_CALLBACK (on_region_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (status, "notify::loading", G_CALLBACK (on_region_changed), self, G_CONNECT_SWAPPED);
    }
}

static void
on_dashboard_items_changed (GListModel *model,
                            guint       position,
                            guint       removed,
                            guint       added,
                            SdWindow   *self)
{
  connect_regions (self, model, position, added);
  schedule_update (self);
}

static void
on_dashboard_notify (SdWindow *self)
{
  update_title (self);
}

/* The profiles of @profiles and their names of @names become the window's. */
static void
set_profiles (SdWindow  *self,
              GPtrArray *profiles,
              GPtrArray *names)
{
  g_strfreev (self->profiles);
  g_ptr_array_add (profiles, NULL);
  self->profiles = g_strdupv ((char **) profiles->pdata);
  g_hash_table_remove_all (self->ranks);
  for (guint i = 0; self->profiles[i] != NULL; i++)
    if (!g_hash_table_contains (self->ranks, self->profiles[i]))
      g_hash_table_insert (self->ranks, self->profiles[i], GUINT_TO_POINTER (i + 1));
  g_ptr_array_remove_index (profiles, profiles->len - 1);
  g_strfreev (self->names);
  g_ptr_array_add (names, NULL);
  self->names = g_strdupv ((char **) names->pdata);
  g_ptr_array_remove_index (names, names->len - 1);
}

/* Whether @profile's regions are named after an account (an organization's member). */
static gboolean
profile_has_account (SdWindow   *self,
                     const char *profile)
{
  GListModel *model = sd_dashboard_get_model (self->dashboard);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (model, i);

      if (g_strcmp0 (sd_region_status_get_profile (status), profile) == 0)
        return sd_region_status_get_account_name (status) != NULL;
    }
  return FALSE;
}

/* The accounts shown, each in its place, and more after them: an
 * organization's members listed once the plain profiles were shown, or a
 * member that joined. They join the dashboard (and a refresh under way)
 * rather than a new dashboard asking every region again; a profile shown
 * plain that turns out to be its organization's management account takes
 * the account's name. Any other change (an account gone, moved or renamed,
 * another client) needs a new dashboard: FALSE. */
static gboolean
add_to_dashboard (SdWindow  *self,
                  GPtrArray *profiles,
                  GPtrArray *names,
                  GPtrArray *regions_of,
                  GPtrArray *members)
{
  guint n = self->profiles != NULL ? g_strv_length (self->profiles) : 0;
  gboolean batch;

  if (self->dashboard == NULL || self->org_client == NULL || self->client != self->org_client ||
      n == 0 || profiles->len < n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      const char *profile = g_ptr_array_index (profiles, i);

      if (!g_str_equal (self->profiles[i], profile))
        return FALSE;
      if (!g_str_equal (self->names[i], g_ptr_array_index (names, i)) &&
          (find_member (members, profile) == NULL || profile_has_account (self, profile)))
        return FALSE;
    }

  for (guint i = 0; i < n; i++)
    if (!g_str_equal (self->names[i], g_ptr_array_index (names, i)))
      sd_dashboard_name_account (self->dashboard, find_member (members, self->profiles[i]));
  /* An organization's members arrive together, each account's regions in
   * one change of the dashboard's model: the cards are filtered and sorted
   * once for all of them (by their ranks), not once an account. */
  batch = profiles->len - n > 1;
  if (batch)
    {
      restart_cards (self);
      gtk_filter_list_model_set_model (self->filter_model, NULL);
    }
  for (guint i = n; i < profiles->len; i++)
    {
      SdAccount *member = find_member (members, g_ptr_array_index (profiles, i));

      if (member != NULL)
        sd_dashboard_add_account_full (self->dashboard, member, NULL);
      else
        sd_dashboard_add_account (self->dashboard, g_ptr_array_index (profiles, i),
                                  g_ptr_array_index (regions_of, i));
    }
  set_profiles (self, profiles, names);
  if (batch)
    gtk_filter_list_model_set_model (self->filter_model, sd_dashboard_get_model (self->dashboard));
  sd_account_store_apply (self->store, self->client);
  update_account_names (self);
  update_rows_show_profile (self);
  update_view (self);
  return TRUE;
}

/* Reads the shared files again (and the accounts added in the app) and,
 * when the list of profiles changed, adds the new ones to the dashboard or
 * starts a new dashboard over them. Returns whether the accounts changed. */
static gboolean
reload_accounts (SdWindow *self)
{
  /* The organizations' members are profiles of the client they were listed
   * with: the dashboard uses that client's files when there is one. */
  g_autoptr(SdAwsConfig) config = self->org_client != NULL
                                  ? sd_aws_config_ref (sd_aws_client_get_config (self->org_client))
                                  : sd_aws_config_load (NULL, NULL);
  g_autoptr(GListModel) accounts = sd_account_list_from_config (config);
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  GListModel *added = sd_account_store_get_accounts (self->store);
  g_autoptr(GPtrArray) profiles = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) regions_of = g_ptr_array_new ();

  update_problems (self, config);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(SdAccount) account = g_list_model_get_item (accounts, i);

      g_ptr_array_add (profiles, (gpointer) g_intern_string (sd_account_get_profile (account)));
      g_ptr_array_add (names, (gpointer) g_intern_string (sd_account_get_name (account)));
      g_ptr_array_add (regions_of, NULL);
    }
  for (guint i = 0; added != NULL && i < g_list_model_get_n_items (added); i++)
    {
      g_autoptr(SdAccount) account = g_list_model_get_item (added, i);
      const char *profile = g_intern_string (sd_account_get_profile (account));
      const char *region = sd_account_get_region (account);

      /* A profile of the shared files wins over an added account of the same name. */
      if (g_ptr_array_find (profiles, profile, NULL))
        continue;
      g_ptr_array_add (profiles, (gpointer) profile);
      g_ptr_array_add (names, (gpointer) profile);
      /* An added account has no config section: its region gives the partition. */
      g_ptr_array_add (regions_of, (gpointer) (region != NULL
                                               ? sd_aws_ses_regions (sd_aws_partition_for_region (region))
                                               : NULL));
    }
  /* An organization's members by their names; its management account takes
   * the place of the plain profile it is listed with. */
  for (guint i = 0; self->org_accounts != NULL && i < self->org_accounts->len; i++)
    {
      SdAccount *account = g_ptr_array_index (self->org_accounts, i);
      const char *profile = g_intern_string (sd_account_get_profile (account));
      guint index;

      if (g_ptr_array_find (profiles, profile, &index))
        g_ptr_array_index (names, index) = (gpointer) g_intern_string (sd_account_get_name (account));
      else
        {
          g_ptr_array_add (profiles, (gpointer) profile);
          g_ptr_array_add (names, (gpointer) g_intern_string (sd_account_get_name (account)));
          g_ptr_array_add (regions_of, NULL);
        }
      g_ptr_array_add (members, account);
    }

  if (self->dashboard != NULL && profiles_equal (self->profiles, profiles) && names_equal (self->names, names))
    {
      /* Same accounts: keep the dashboard (a refresh under way is joined),
       * but use keys stored again in the meantime. */
      sd_account_store_apply (self->store, self->client);
      return FALSE;
    }
  if (add_to_dashboard (self, profiles, names, regions_of, members))
    return TRUE;

  /* A new dashboard: stop the old one's refresh, and leave a region it showed. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "detail") == 0)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "dashboard");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", FALSE);
      sd_region_page_set_status (self->region_page, NULL);
    }
  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  self->refresh_cancellable = g_cancellable_new ();
  if (self->dashboard != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->dashboard, self);
      g_signal_handlers_disconnect_by_data (sd_dashboard_get_model (self->dashboard), self);
    }
  g_clear_object (&self->dashboard);
  g_clear_object (&self->client);

  self->client = self->org_client != NULL ? g_object_ref (self->org_client) : sd_aws_client_new (config);
  sd_account_store_apply (self->store, self->client);
  self->dashboard = sd_dashboard_new (self->client);
  /* Every refresh is compared with the last state seen: changes become
   * notifications and lines of the Changes window. */
  if (gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    sd_dashboard_set_change_log (self->dashboard, sd_health_notifier_get_change_log (
                                   sd_health_notifier_get (gtk_window_get_application (GTK_WINDOW (self)))));
  for (guint i = 0; i < profiles->len; i++)
    {
      SdAccount *member = find_member (members, g_ptr_array_index (profiles, i));

      if (member != NULL)
        sd_dashboard_add_account_full (self->dashboard, member, NULL);
      else
        sd_dashboard_add_account (self->dashboard, g_ptr_array_index (profiles, i),
                                  g_ptr_array_index (regions_of, i));
    }
  /* Requests go out with this client and learn the regions' state from this dashboard. */
  if (gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    sd_request_manager_set_dashboard (sd_request_manager_get (gtk_window_get_application (GTK_WINDOW (self))),
                                      self->client, sd_dashboard_get_model (self->dashboard));

  set_profiles (self, profiles, names);

  /* The accounts × regions of the overview, once it has been shown. */
  g_clear_object (&self->fleet);
  if (self->fleet_view != NULL)
    {
      self->fleet = sd_fleet_new (sd_dashboard_get_model (self->dashboard));
      sd_fleet_view_set_fleet (self->fleet_view, self->fleet);
    }

  g_signal_connect_swapped (self->dashboard, "notify::loading", G_CALLBACK (on_dashboard_notify), self);
  g_signal_connect_swapped (self->dashboard, "notify::updated", G_CALLBACK (on_dashboard_notify), self);
  g_signal_connect (sd_dashboard_get_model (self->dashboard), "items-changed",
                    G_CALLBACK (on_dashboard_items_changed), self);
  connect_regions (self, sd_dashboard_get_model (self->dashboard), 0,
                   g_list_model_get_n_items (sd_dashboard_get_model (self->dashboard)));
  gtk_filter_list_model_set_model (self->filter_model, sd_dashboard_get_model (self->dashboard));

  update_account_names (self);
  update_rows_show_profile (self);
  update_view (self);
  return TRUE;
}

static gboolean
on_auto_refresh (gpointer user_data)
{
  SdWindow *self = user_data;

  self->auto_refresh_id = 0;
  sd_window_refresh (self);
  return G_SOURCE_REMOVE;
}

/* The next background refresh: "refresh-interval" after the last refresh (0 = none). */
static void
schedule_auto_refresh (SdWindow *self)
{
  guint seconds = sd_settings_refresh_seconds (self->settings);

  g_clear_handle_id (&self->auto_refresh_id, g_source_remove);
  if (seconds > 0)
    self->auto_refresh_id = g_timeout_add_seconds (seconds, on_auto_refresh, self);
}

static void
on_organizations_changed (SdWindow *self)
{
  /* Not before the first load: it reads them. */
  if (self->start_id == 0 && self->dashboard != NULL)
    sd_window_refresh (self);
}

static void
on_refresh_interval_changed (SdWindow *self)
{
  /* At once, but not before the first load. */
  if (self->dashboard != NULL)
    schedule_auto_refresh (self);
}

static void
update_org_problems (SdWindow *self)
{
  guint n = self->org_errors != NULL ? self->org_errors->len : 0;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->org_revealer), n > 0);
  gtk_revealer_set_reveal_child (self->org_revealer, n > 0);
  if (n == 0)
    return;
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "The accounts of %u organization could not be listed; every other account is shown",
                                        "The accounts of %u organizations could not be listed; every other account is shown",
                                        n),
                           n);
  g_ptr_array_add (self->org_errors, NULL);
  text = g_strjoinv ("\n", (char **) self->org_errors->pdata);
  g_ptr_array_remove_index (self->org_errors, n);
  /* Plain text: what AWS said is never read as markup. */
  gtk_label_set_label (self->org_title, title);
  gtk_label_set_label (self->org_label, text);
}

/* Reloads every region of the dashboard (a refresh under way is joined). */
static void
start_refresh (SdWindow *self)
{
  if (self->dashboard == NULL || g_list_model_get_n_items (sd_dashboard_get_model (self->dashboard)) == 0)
    {
      update_view (self);
      return;
    }
  sd_dashboard_refresh_async (self->dashboard, self->refresh_cancellable, on_refresh_ready, g_object_ref (self));
  update_title (self);
}

/* Reloads every region of the accounts known now. */
static void
refresh_dashboard (SdWindow *self)
{
  reload_accounts (self);
  start_refresh (self);
}

/* Starts the refresh of the members just added, in a main-loop pass of its
 * own: adding a fleet's 1,350 regions to the cards and starting their
 * loads took 44 ms in one pass, 11 ms of it starting the loads. */
static gboolean
on_refresh_idle (gpointer user_data)
{
  SdWindow *self = user_data;

  self->refresh_idle_id = 0;
  if (self->dashboard != NULL && !sd_dashboard_get_loading (self->dashboard))
    start_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Every organization listed: its members replace the last listing's. The
 * refresh that started with the plain profiles loads the members added to
 * it; a new dashboard (a member gone) or a refresh already over needs one. */
static void
on_organizations_listed (SdWindow *self)
{
  GPtrArray *swap = self->org_accounts;

  self->org_accounts = self->org_listing;
  self->org_listing = swap;
  g_ptr_array_set_size (self->org_listing, 0);
  swap = self->org_errors;
  self->org_errors = self->org_listing_errors;
  self->org_listing_errors = swap;
  g_ptr_array_set_size (self->org_listing_errors, 0);
  update_org_problems (self);

  if (reload_accounts (self) && !sd_dashboard_get_loading (self->dashboard))
    {
      if (self->refresh_idle_id == 0)
        self->refresh_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_refresh_idle, self, NULL);
    }
  else
    {
      update_view (self);
      if (self->dashboard != NULL && !sd_dashboard_get_loading (self->dashboard))
        sd_timings_mark ("dashboard-loaded");
    }
}

typedef struct {
  SdWindow     *self;      /* owned */
  char         *profile;   /* owned */
  GCancellable *cancellable; /* owned: the listing's, to tell an old one apart */
} OrgLoad;

static void
org_load_free (OrgLoad *load)
{
  g_object_unref (load->self);
  g_free (load->profile);
  g_object_unref (load->cancellable);
  g_free (load);
}

static void
on_org_loaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  OrgLoad *load = user_data;
  SdWindow *self = load->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) accounts =
    sd_organization_load_accounts_finish (SD_ORGANIZATION (source), result, &error);

  /* A newer listing started meanwhile, or the window closed. */
  if (load->cancellable != self->org_cancellable || g_cancellable_is_cancelled (load->cancellable))
    {
      org_load_free (load);
      return;
    }
  if (accounts == NULL)
    /* Translators: a line of the organizations' problems: "profile-name: what AWS said" */
    g_ptr_array_add (self->org_listing_errors, g_strdup_printf (_("%s: %s"), load->profile, error->message));
  for (guint i = 0; accounts != NULL && i < g_list_model_get_n_items (accounts); i++)
    g_ptr_array_add (self->org_listing, g_list_model_get_item (accounts, i));
  org_load_free (load);

  if (--self->org_pending == 0)
    on_organizations_listed (self);
}

/* Lists every organization's accounts afresh (new and removed members
 * appear) and reloads every region meanwhile: the plain profiles (and the
 * members of the last listing) do not wait for the listing. */
static void
load_organizations (SdWindow *self,
                    GVariant *organizations)
{
  g_autofree char *stamp = sd_aws_config_dup_files_stamp ();
  GVariantIter iter;
  GVariant *child;

  if (self->org_cancellable != NULL)
    g_cancellable_cancel (self->org_cancellable);
  g_clear_object (&self->org_cancellable);
  self->org_cancellable = g_cancellable_new ();
  /* The same files: the same client, with its connections, the management
   * profiles' credentials and the members' roles. */
  if (self->org_client == NULL || g_strcmp0 (stamp, self->org_stamp) != 0)
    {
      g_autoptr(SdAwsConfig) config = sd_aws_config_load (NULL, NULL);

      g_clear_object (&self->org_client);
      self->org_client = sd_aws_client_new (config);
      g_free (self->org_stamp);
      self->org_stamp = g_steal_pointer (&stamp);
    }
  /* A management profile may be an account added in the app. */
  sd_account_store_apply (self->store, self->org_client);
  g_ptr_array_set_size (self->org_listing, 0);
  g_ptr_array_set_size (self->org_listing_errors, 0);
  /* An organization added or removed: the last listing's members are not shown meanwhile. */
  if (self->org_listed == NULL || !g_variant_equal (self->org_listed, organizations))
    {
      g_ptr_array_set_size (self->org_accounts, 0);
      g_clear_pointer (&self->org_listed, g_variant_unref);
      self->org_listed = g_variant_ref (organizations);
    }
  self->org_pending = 1;  /* Held until every listing has started. */

  g_variant_iter_init (&iter, organizations);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) entry = child;
      g_autoptr(GError) error = NULL;
      g_autoptr(SdOrganization) organization = sd_organization_deserialize (entry, &error);
      OrgLoad *load;

      if (organization == NULL)
        {
          g_ptr_array_add (self->org_listing_errors, g_strdup (error->message));
          continue;
        }
      load = g_new0 (OrgLoad, 1);
      load->self = g_object_ref (self);
      load->profile = g_strdup (sd_organization_get_profile (organization));
      load->cancellable = g_object_ref (self->org_cancellable);
      self->org_pending++;
      sd_organization_load_accounts_async (organization, self->org_client, self->org_cancellable,
                                           on_org_loaded, load);
    }
  refresh_dashboard (self);
  if (--self->org_pending == 0)
    on_organizations_listed (self);
}

/* Reads the profiles (and the organizations' members) again and reloads every region. */
static void
sd_window_refresh (SdWindow *self)
{
  g_autoptr(GVariant) organizations = NULL;

  schedule_auto_refresh (self);
  if (self->settings != NULL)
    organizations = g_settings_get_value (self->settings, "organizations");
  if (organizations != NULL && g_variant_n_children (organizations) > 0)
    {
      load_organizations (self, organizations);
      return;
    }
  /* No organization (any more): the plain profiles alone. */
  if (self->org_cancellable != NULL)
    g_cancellable_cancel (self->org_cancellable);
  g_clear_object (&self->org_cancellable);
  g_clear_object (&self->org_client);
  g_clear_pointer (&self->org_stamp, g_free);
  g_clear_pointer (&self->org_listed, g_variant_unref);
  self->org_pending = 0;
  g_ptr_array_set_size (self->org_accounts, 0);
  g_ptr_array_set_size (self->org_errors, 0);
  update_org_problems (self);
  refresh_dashboard (self);
}

static void
show_dashboard (SdWindow *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "dashboard");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", FALSE);
  /* Back where the user left: the grid keeps its focused card, the overview its tile. */
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "regions"))
    {
      if (overview_shown (self) && self->fleet_view != NULL)
        sd_fleet_view_focus (self->fleet_view);
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
    }
  if (self->region_page != NULL)
    sd_region_page_set_status (self->region_page, NULL);
}

static void
show_region (SdWindow       *self,
             SdRegionStatus *status)
{
  sd_region_page_set_status (ensure_region_page (self), status);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "detail");
}

/* Shows the region sd_window_show_region() asked for once the dashboard has
 * it; forgets it when the dashboard is there, every account read, and the
 * region is not one of them. */
static void
show_pending_region (SdWindow *self)
{
  GListModel *model = self->dashboard != NULL ? sd_dashboard_get_model (self->dashboard) : NULL;

  if (self->pending_region == NULL || model == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (model, i);

      if (g_strcmp0 (sd_region_status_get_profile (status), self->pending_profile) != 0 ||
          g_strcmp0 (sd_region_status_get_region (status), self->pending_region) != 0)
        continue;
      /* The account switcher on that account, unless it shows them all. */
      for (guint p = 0; self->account_filter != NULL && self->profiles != NULL && self->profiles[p] != NULL; p++)
        if (g_str_equal (self->profiles[p], self->pending_profile) &&
            !g_str_equal (self->account_filter, self->pending_profile))
          gtk_drop_down_set_selected (self->account_dropdown, p + 1);
      g_clear_pointer (&self->pending_profile, g_free);
      g_clear_pointer (&self->pending_region, g_free);
      show_region (self, status);
      return;
    }
  if (self->store_loaded && g_list_model_get_n_items (model) > 0)
    {
      g_message ("No region %s of the account %s to show", self->pending_region, self->pending_profile);
      g_clear_pointer (&self->pending_profile, g_free);
      g_clear_pointer (&self->pending_region, g_free);
    }
}

/* Callbacks */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  SdWindow *self = user_data;
  SdRegionStatus *status = item;

  return matches_account (self, status) && matches_state (self, status) && matches_search (self, status);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  SdWindow *self = user_data;
  SdRegionStatus *status_a = (SdRegionStatus *) a;
  SdRegionStatus *status_b = (SdRegionStatus *) b;
  int cmp = 0;

  switch (self->sort_mode)
    {
    case SORT_STATE:
      cmp = state_rank (status_a) - state_rank (status_b);
      break;
    case SORT_QUOTA:
      {
        double qa = quota_key (status_a);
        double qb = quota_key (status_b);

        /* Largest first. */
        cmp = qa < qb ? 1 : qa > qb ? -1 : 0;
      }
      break;
    case SORT_HEALTH:
      /* Worst first; regions not loaded (unknown) last. */
      cmp = (int) sd_region_status_get_health_level (status_b) - (int) sd_region_status_get_health_level (status_a);
      break;
    case SORT_IPS:
      {
        guint na = sd_region_status_get_n_dedicated_ips (status_a);
        guint nb = sd_region_status_get_n_dedicated_ips (status_b);

        cmp = na < nb ? 1 : na > nb ? -1 : 0;
      }
      break;
    case SORT_ACCOUNT:
      cmp = (int) profile_rank (self, status_a) - (int) profile_rank (self, status_b);
      if (cmp == 0)
        cmp = g_utf8_collate (sd_region_status_get_region_name (status_a),
                              sd_region_status_get_region_name (status_b));
      break;
    case SORT_NAME:
    default:
      break;
    }
  return cmp != 0 ? cmp : compare_names (self, status_a, status_b);
}

static gboolean
on_idle_update (gpointer user_data)
{
  SdWindow *self = user_data;

  self->idle_id = 0;
  /* Only what depends on the regions' data needs another look. */
  if (self->state_filter != STATE_FILTER_ALL || self->search_words != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->sort_mode != SORT_NAME && self->sort_mode != SORT_ACCOUNT)
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  sd_totals_update (self->totals);
  update_view (self);
  if (overview_shown (self) && self->fleet_view != NULL)
    sd_fleet_view_update (self->fleet_view);
  show_pending_region (self);
  return G_SOURCE_REMOVE;
}

/* Many regions change at once during a refresh: look once they have. Above
 * the redraw priority, so that running spinners cannot starve it. */
static void
schedule_update (SdWindow *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_idle_update, self, NULL);
}

/* GtkGridView (GTK 4.8) makes and measures a card for each item within
 * 30 rows of its anchor at once, and a row more on either side (its
 * max-columns × 30 + 2 × max-columns): 1,350 regions arriving together
 * would be 124 cards of nine labels each in one frame. It is given them
 * two a frame (while a fleet loads, making, styling and measuring four
 * took up to 45–57 ms of a frame) until it has a card
 * for each item it keeps one for, and then all of them: the rest make no
 * card until they are scrolled to. */
#define CARDS_STEP 2
#define CARDS_AT_ONCE 128 /* 32 rows of four */

static gboolean
on_cards_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  SdWindow *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->cards);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));

  if (size >= CARDS_AT_ONCE)
    {
      gtk_slice_list_model_set_size (self->cards, G_MAXUINT);
      self->cards_tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (n > size)
    gtk_slice_list_model_set_size (self->cards, size + CARDS_STEP);
  if (n > size + CARDS_STEP)
    return G_SOURCE_CONTINUE;
  /* All of them given: the next ones arrive later. */
  self->cards_tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
grow_cards (SdWindow *self)
{
  if (self->cards_tick_id == 0 &&
      gtk_slice_list_model_get_size (self->cards) < g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)))
    self->cards_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->grid_view), on_cards_tick, self, NULL);
}

/* What is shown is about to change as a whole (another account, state or
 * search): the grid starts again from its first cards. */
static void
restart_cards (SdWindow *self)
{
  if (gtk_slice_list_model_get_size (self->cards) > CARDS_STEP)
    gtk_slice_list_model_set_size (self->cards, CARDS_STEP);
  /* Also when the change leaves the same regions. */
  grow_cards (self);
}

static void
on_sorted_items_changed (SdWindow *self)
{
  grow_cards (self);
  schedule_update (self);
}

static gboolean
on_tick (gpointer user_data)
{
  update_title (SD_WINDOW (user_data));
  return G_SOURCE_CONTINUE;
}

static void
on_refresh_ready (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (sd_dashboard_refresh_finish (SD_DASHBOARD (source), result, &error) < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Refresh failed: %s", error->message);
      return;
    }
  if (SD_DASHBOARD (source) != self->dashboard)
    return;
  schedule_update (self);
#ifdef __GLIBC__
  /* A refresh parses and frees many small answers: hand the freed pages back. */
  malloc_trim (0);
#endif
  /* With organizations, loaded means with their members. */
  if (self->org_pending == 0)
    sd_timings_mark ("dashboard-loaded");
}

static void
on_store_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sd_account_store_load_finish (SD_ACCOUNT_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Without a Secret Service the shared files' profiles still work. */
      g_message ("Accounts added in the app are not available: %s", error->message);
    }
  self->store_loaded = TRUE;
  /* The refresh at start began without the accounts added in the app: they
   * join it, or have one of their own once it is over; the same accounts
   * need none. */
  if (reload_accounts (self) && !sd_dashboard_get_loading (self->dashboard))
    start_refresh (self);
  else
    update_view (self);
}

static gboolean
start_loading (gpointer user_data)
{
  SdWindow *self = user_data;

  self->start_id = 0;
  if (self->settings != NULL && self->account_filter == NULL)
    {
      g_autofree char *profile = g_settings_get_string (self->settings, "default-profile");

      /* Shown once the accounts are read; all of them if it is not one. */
      if (*profile != '\0')
        self->start_profile = g_steal_pointer (&profile);
    }
  sd_account_store_load_async (self->store, self->cancellable, on_store_loaded, g_object_ref (self));
  sd_window_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_first_paint (GdkFrameClock *clock,
                SdWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, self);
  /* High priority: default-priority idles starve while spinners animate. */
  if (self->start_id == 0)
    self->start_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, start_loading, self, NULL);
}

static void
on_first_map (GtkWidget *widget,
              gpointer   user_data)
{
  SdWindow *self = SD_WINDOW (widget);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_handlers_disconnect_by_func (widget, on_first_map, user_data);
  if (clock != NULL)
    g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint), self);
  else
    start_loading (self);
}

static gboolean
on_store_changed_idle (gpointer user_data)
{
  SdWindow *self = user_data;

  self->store_idle_id = 0;
  sd_window_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_items_changed (SdWindow *self)
{
  /* Its load lists them afresh: on_store_loaded() looks at them then. */
  if (!self->store_loaded)
    return;
  /* An account was added or removed: show it at once, but once the store has
   * finished the change (its keys may be recorded after the list changed). */
  if (self->store_idle_id == 0)
    self->store_idle_id = g_idle_add (on_store_changed_idle, self);
}

static void
on_account_selected (SdWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->account_dropdown);

  g_clear_pointer (&self->account_filter, g_free);
  g_clear_pointer (&self->start_profile, g_free);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && self->profiles != NULL &&
      selected - 1 < g_strv_length (self->profiles))
    self->account_filter = g_strdup (self->profiles[selected - 1]);

  restart_cards (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_rows_show_profile (self);
  scroll_to_top (self);
  schedule_update (self);
}

static void
on_search_changed (SdWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_auto(GStrv) words = g_strsplit_set (g_strstrip (folded), " \t", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) nonempty = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (builder, words[i]);
  nonempty = g_strv_builder_end (builder);

  g_clear_pointer (&self->search_words, g_strfreev);
  if (nonempty[0] != NULL)
    self->search_words = g_steal_pointer (&nonempty);
  restart_cards (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  scroll_to_top (self);
  schedule_update (self);
}

static void
on_grid_activate (GtkGridView *grid_view,
                  guint        position,
                  SdWindow    *self)
{
  g_autoptr(SdRegionStatus) status = g_list_model_get_item (G_LIST_MODEL (self->sort_model), position);

  if (status != NULL)
    show_region (self, status);
}

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  SdWindow                 *self)
{
  GtkWidget *row = sd_region_row_new ();

  gtk_list_item_set_child (item, row);
  sd_live_rows_add (self->rows, row);
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 SdWindow                 *self)
{
  SdRegionRow *row = SD_REGION_ROW (gtk_list_item_get_child (item));

  sd_region_row_set_show_profile (row, show_profiles (self));
  sd_region_row_set_status (row, gtk_list_item_get_item (item));
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   SdWindow                 *self)
{
  sd_region_row_set_status (SD_REGION_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
on_fleet_open_region (SdWindow       *self,
                      SdRegionStatus *status)
{
  show_region (self, status);
}

/* A menu button's menu is made when it first opens, not with the window. */
static void
on_create_menu (GtkMenuButton *button,
                gpointer       user_data)
{
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (user_data));
}

static void
on_refresh_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  sd_window_refresh (SD_WINDOW (widget));
}

static void
on_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  show_dashboard (SD_WINDOW (widget));
}

static void
on_search_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SdWindow *self = SD_WINDOW (widget);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "dashboard"))
    show_dashboard (self);
  gtk_search_bar_set_search_mode (self->search_bar, !gtk_search_bar_get_search_mode (self->search_bar));
  if (gtk_search_bar_get_search_mode (self->search_bar))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_clear_filters_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SdWindow *self = SD_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  g_object_set (self, "state-filter", "all", NULL);
}

static void
on_add_account_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SdWindow *self = SD_WINDOW (widget);
  GtkWindow *dialog = GTK_WINDOW (sd_add_account_dialog_new (GTK_WINDOW (self), self->store));

  gtk_window_present (dialog);
}

static void
on_add_organization_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  SdWindow *self = SD_WINDOW (widget);
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  SdCaseWatcher *watcher;

  if (self->settings == NULL || application == NULL)
    return;
  /* The profiles the app knows, the shared files' read again. */
  watcher = sd_case_watcher_get_for_application (application);
  sd_case_watcher_reload (watcher);
  gtk_window_present (GTK_WINDOW (sd_organization_dialog_new (GTK_WINDOW (self),
                                                              sd_case_watcher_get_profiles (watcher),
                                                              self->settings)));
}

/* Overrides */

static gboolean
sd_window_close_request (GtkWindow *window)
{
  SdWindow *self = SD_WINDOW (window);

  /* Nothing more to show: stop every request of this window. */
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->refresh_cancellable);
  return GTK_WINDOW_CLASS (sd_window_parent_class)->close_request (window);
}

static void
sd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SdWindow *self = SD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STATE_FILTER:
      g_value_set_string (value, state_filters[self->state_filter].id);
      break;
    case PROP_SORT:
      g_value_set_string (value, sort_ids[self->sort_mode]);
      break;
    case PROP_VIEW:
      g_value_set_string (value, self->overview ? "overview" : "cards");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SdWindow *self = SD_WINDOW (object);
  const char *id = g_value_get_string (value);

  switch (prop_id)
    {
    case PROP_STATE_FILTER:
      for (guint i = 0; i < G_N_ELEMENTS (state_filters); i++)
        if (g_strcmp0 (id, state_filters[i].id) == 0 && self->state_filter != (StateFilter) i)
          {
            self->state_filter = i;
            update_state_button (self);
            restart_cards (self);
            gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
            scroll_to_top (self);
            schedule_update (self);
            g_object_notify_by_pspec (object, pspec);
          }
      break;
    case PROP_SORT:
      for (guint i = 0; i < G_N_ELEMENTS (sort_ids); i++)
        if (g_strcmp0 (id, sort_ids[i]) == 0 && self->sort_mode != (SortMode) i)
          {
            self->sort_mode = i;
            gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
            scroll_to_top (self);
            g_object_notify_by_pspec (object, pspec);
          }
      break;
    case PROP_VIEW:
      if (self->overview != (g_strcmp0 (id, "overview") == 0))
        {
          self->overview = !self->overview;
          update_view_switch (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sd_window_dispose (GObject *object)
{
  SdWindow *self = SD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->cards_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->grid_view), self->cards_tick_id);
  self->cards_tick_id = 0;
  g_clear_handle_id (&self->store_idle_id, g_source_remove);
  g_clear_handle_id (&self->start_id, g_source_remove);
  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);
  g_clear_handle_id (&self->auto_refresh_id, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (sd_account_store_get_accounts (self->store), self);
  if (self->dashboard != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->dashboard, self);
      g_signal_handlers_disconnect_by_data (sd_dashboard_get_model (self->dashboard), self);
    }
  if (self->sort_model != NULL)
    g_signal_handlers_disconnect_by_data (self->sort_model, self);
  sd_live_rows_clear (self->rows);

  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_WINDOW);

  g_clear_object (&self->cards);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  if (self->org_cancellable != NULL)
    g_cancellable_cancel (self->org_cancellable);
  g_clear_object (&self->org_cancellable);
  g_clear_object (&self->org_client);
  g_clear_object (&self->fleet);
  g_clear_object (&self->dashboard);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->account_names);

  G_OBJECT_CLASS (sd_window_parent_class)->dispose (object);
}

static void
sd_window_finalize (GObject *object)
{
  SdWindow *self = SD_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->refresh_cancellable);
  g_clear_pointer (&self->ranks, g_hash_table_unref);
  g_clear_pointer (&self->name_keys, g_hash_table_unref);
  g_clear_pointer (&self->profiles, g_strfreev);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->account_filter, g_free);
  g_clear_pointer (&self->start_profile, g_free);
  g_clear_pointer (&self->search_words, g_strfreev);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->pending_profile, g_free);
  g_clear_pointer (&self->pending_region, g_free);
  g_clear_pointer (&self->org_accounts, g_ptr_array_unref);
  g_clear_pointer (&self->org_errors, g_ptr_array_unref);
  g_clear_pointer (&self->org_listing, g_ptr_array_unref);
  g_clear_pointer (&self->org_listing_errors, g_ptr_array_unref);
  g_clear_pointer (&self->org_stamp, g_free);
  g_clear_pointer (&self->org_listed, g_variant_unref);

  G_OBJECT_CLASS (sd_window_parent_class)->finalize (object);
}

static void
sd_window_class_init (SdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sd_window_dispose;
  object_class->finalize = sd_window_finalize;
  object_class->get_property = sd_window_get_property;
  object_class->set_property = sd_window_set_property;
  window_class->close_request = sd_window_close_request;

  properties[PROP_STATE_FILTER] =
    g_param_spec_string ("state-filter", NULL, NULL, "all",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, "account",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* "cards" or "overview". */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "cards",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SD_TYPE_TOTALS);

  g_type_ensure (SD_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, dashboard_box);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, problems_revealer);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, problems_title);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, problems_label);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, org_revealer);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, org_title);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, org_label);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, toolbar);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, account_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, state_button);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, denied_page);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, totals);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, grid_view);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, view_switch);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, sort_button);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, state_menu);
  gtk_widget_class_bind_template_child (widget_class, SdWindow, sort_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  /* The window's two stacks also set their status pages' icons. */
  gtk_widget_class_bind_template_callback (widget_class, sync_stack_hidden);
  gtk_widget_class_bind_template_callback (widget_class, sd_stack_sync_hidden);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_unbind);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_activate);
  /* The first frame shows the window at once; reading the files and the
   * keyring and starting the requests wait until it is on screen. */
  gtk_widget_class_bind_template_callback (widget_class, on_first_map);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, on_refresh_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, on_back_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, on_search_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, on_clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.add-account", NULL, on_add_account_action);
  gtk_widget_class_install_action (widget_class, "win.add-organization", NULL, on_add_organization_action);
  gtk_widget_class_install_property_action (widget_class, "win.state-filter", "state-filter");
  gtk_widget_class_install_property_action (widget_class, "win.sort", "sort");
  gtk_widget_class_install_property_action (widget_class, "win.view", "view");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}

static void
sd_window_init (SdWindow *self)
{
  GtkListItemFactory *account_factory;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  sd_timings_watch_first_frame (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->org_accounts = g_ptr_array_new_with_free_func (g_object_unref);
  self->org_errors = g_ptr_array_new_with_free_func (g_free);
  self->org_listing = g_ptr_array_new_with_free_func (g_object_unref);
  self->org_listing_errors = g_ptr_array_new_with_free_func (g_free);

  self->ranks = g_hash_table_new (g_str_hash, g_str_equal);
  self->name_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  /* The models own the filter and the sorter; the window keeps pointers. */
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filter_model)),
                                              GTK_SORTER (self->sorter));
  g_signal_connect_swapped (self->sort_model, "items-changed", G_CALLBACK (on_sorted_items_changed), self);
  self->cards = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->sort_model)), 0, CARDS_STEP);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->cards)));
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (selection));

  sd_totals_set_model (self->totals, G_LIST_MODEL (self->sort_model));

  /* In code, not in the template: the drop-down sets its button's row up
   * as soon as it has a factory, before a template's handlers are connected;
   * and giving it its model selects the first row, which is no choice of
   * the user's. */
  self->account_names = gtk_string_list_new (NULL);
  account_factory = sd_string_label_factory_new (24);
  gtk_drop_down_set_factory (self->account_dropdown, account_factory);
  g_object_unref (account_factory);
  gtk_drop_down_set_model (self->account_dropdown, G_LIST_MODEL (self->account_names));
  g_signal_connect_swapped (self->account_dropdown, "notify::selected", G_CALLBACK (on_account_selected), self);

  sync_stack_hidden (self->main_stack);
  sync_stack_hidden (self->stack);
  sd_stack_sync_hidden (self->view_stack);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, self->dashboard_box);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->menu_button), on_create_menu,
                                         self->primary_menu, NULL);
  gtk_menu_button_set_create_popup_func (self->state_button, on_create_menu, self->state_menu, NULL);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->sort_button), on_create_menu,
                                         self->sort_menu, NULL);

  update_state_button (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", FALSE);

  self->store = sd_account_store_new ();
  g_signal_connect_swapped (sd_account_store_get_accounts (self->store), "items-changed",
                            G_CALLBACK (on_store_items_changed), self);

  self->tick_id = g_timeout_add_seconds (TICK_SECONDS, on_tick, self);

  self->settings = sd_settings_new ();
  if (self->settings != NULL)
    {
      g_signal_connect_swapped (self->settings, "changed::refresh-interval",
                                G_CALLBACK (on_refresh_interval_changed), self);
      /* An organization added or removed in Preferences: list the accounts again. */
      g_signal_connect_swapped (self->settings, "changed::organizations",
                                G_CALLBACK (on_organizations_changed), self);
    }
}

/* Public API */

SdWindow *
sd_window_new (AdwApplication *application)
{
  return g_object_new (SD_TYPE_WINDOW, "application", application, NULL);
}

void
sd_window_show_region (SdWindow   *self,
                       const char *profile,
                       const char *region)
{
  g_return_if_fail (SD_IS_WINDOW (self));
  g_return_if_fail (region != NULL);

  g_free (self->pending_profile);
  self->pending_profile = g_strdup (profile != NULL ? profile : sd_aws_config_default_profile_name ());
  g_free (self->pending_region);
  self->pending_region = g_strdup (region);
  show_pending_region (self);
}
