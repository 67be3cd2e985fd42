/* sd-preferences-window.c — the Preferences window and the settings' helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-case-watcher.h"
#include "sd-organization-dialog.h"
#include "sd-preferences-window.h"
#include "sd-settings.h"

/* Without the schema: the schema's default. */

/* The values of the enum io.github.sesdesk.SesDesk.SupportLanguage, in its
 * order, each named in its own language. */
static const struct {
  const char *nick;
  const char *name;
} languages[] = {
  { "auto", NULL },  /* translated: see language_name () */
  { "en", "English" },
  { "ja", "日本語" },
  { "zh", "中文" },
  { "ko", "한국어" },
};

struct _SdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;       /* owned */
  GListModel           *profiles;       /* owned; the case watcher's, of GtkStringObject */
  GtkStringList        *profile_names;  /* owned; "All Accounts" then each profile */
  gboolean              updating;       /* the profile row is being set from the settings */
  GPtrArray            *organization_rows; /* owned refs: the rows of the organizations group */

  /* Template widgets */
  AdwComboRow          *profile_row;
  AdwComboRow          *language_row;
  GtkSwitch            *notifications_switch;
  GtkSpinButton        *interval_spin;
  AdwPreferencesGroup  *organizations_group;
};

G_DEFINE_FINAL_TYPE (SdPreferencesWindow, sd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Auxiliary functions */

static const char *
language_name (guint i)
{
  return languages[i].name != NULL ? languages[i].name : _("Automatic (follows the interface language)");
}

/* The row shows the default account: "All Accounts" for none, or for a
 * profile that no longer exists (the main window shows all of them then). */
static void
select_default_profile (SdPreferencesWindow *self)
{
  g_autofree char *profile = g_settings_get_string (self->settings, "default-profile");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->profile_names));
  guint selected = 0;

  for (guint i = 1; i < n && *profile != '\0'; i++)
    if (g_str_equal (gtk_string_list_get_string (self->profile_names, i), profile))
      selected = i;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->profile_row, selected);
  self->updating = FALSE;
}

static void
update_profile_names (SdPreferencesWindow *self)
{
  guint n = g_list_model_get_n_items (self->profiles);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (names, g_strdup (_("All Accounts")));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (self->profiles, i);

      g_ptr_array_add (names, g_strdup (gtk_string_object_get_string (item)));
    }
  g_ptr_array_add (names, NULL);

  /* Changing the list moves the selection: never store what that gives. */
  self->updating = TRUE;
  gtk_string_list_splice (self->profile_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->profile_names)),
                          (const char * const *) names->pdata);
  self->updating = FALSE;
  select_default_profile (self);
}

static gboolean
language_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (nick, languages[i].nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
language_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (languages))
    return NULL;
  return g_variant_new_string (languages[i].nick);
}

static void
on_remove_organization (GtkButton           *button,
                        SdPreferencesWindow *self)
{
  const char *profile = g_object_get_data (G_OBJECT (button), "sd-profile");

  g_settings_set_value (self->settings, "organizations", sd_organizations_without (self->settings, profile));
}

/* One row per organization of the settings, with a button to remove it. */
static void
update_organizations (SdPreferencesWindow *self)
{
  g_autoptr(GVariant) organizations = g_settings_get_value (self->settings, "organizations");
  GVariantIter iter;
  const char *profile;
  const char *role;
  const char *external_id;
  const char *session;

  for (guint i = 0; i < self->organization_rows->len; i++)
    adw_preferences_group_remove (self->organizations_group, g_ptr_array_index (self->organization_rows, i));
  g_ptr_array_set_size (self->organization_rows, 0);

  g_variant_iter_init (&iter, organizations);
  while (g_variant_iter_next (&iter, "(&s&s&s&s)", &profile, &role, &external_id, &session))
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *subtitle = NULL;
      g_autofree char *label = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), profile);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      subtitle = *external_id != '\0'
                 /* Translators: an organization in Preferences: the role assumed in its member accounts */
                 ? g_strdup_printf (_("Role %s, with an external ID"), role)
                 /* Translators: an organization in Preferences: the role assumed in its member accounts */
                 : g_strdup_printf (_("Role %s"), role);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove Organization"));
      /* Translators: the accessible name of the button removing an organization: "Remove organization mgmt" */
      label = g_strdup_printf (_("Remove organization %s"), profile);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (remove), "sd-profile", g_strdup (profile), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_organization), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->organizations_group, row);
      g_ptr_array_add (self->organization_rows, g_object_ref (row));
    }
}

/* Callbacks */

static void
on_add_organization (SdPreferencesWindow *self)
{
  GtkWidget *dialog = sd_organization_dialog_new (GTK_WINDOW (self), self->profiles, self->settings);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* The combo rows' items as libadwaita's own, less its 20 characters at
 * most: "Automatic (follows the interface language)" is shown whole when
 * there is room. The popover's items have a check mark on the chosen one. */
static void
on_item_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               AdwComboRow              *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("object-select-symbolic"));
  gtk_list_item_set_child (item, box);
}

static void
on_item_selected_changed (AdwComboRow *row,
                          GParamSpec  *pspec,
                          GtkListItem *item)
{
  GtkWidget *icon = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (icon, adw_combo_row_get_selected_item (row) == gtk_list_item_get_item (item) ? 1 : 0);
}

static void
on_item_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              AdwComboRow              *row)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_last_child (box);
  gboolean in_popover = gtk_widget_get_ancestor (box, GTK_TYPE_POPOVER) != NULL;

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)),
                       gtk_string_object_get_string (gtk_list_item_get_item (item)));
  gtk_widget_set_visible (icon, in_popover);
  if (in_popover)
    {
      g_signal_connect (row, "notify::selected-item", G_CALLBACK (on_item_selected_changed), item);
      on_item_selected_changed (row, NULL, item);
    }
}

static void
on_item_unbind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, on_item_selected_changed, item);
}

static void
on_profile_selected (SdPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->profile_row);
  const char *profile = "";

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected > 0)
    profile = gtk_string_list_get_string (self->profile_names, selected);
  g_settings_set_string (self->settings, "default-profile", profile != NULL ? profile : "");
}

/* Overrides */

static void
sd_preferences_window_dispose (GObject *object)
{
  SdPreferencesWindow *self = SD_PREFERENCES_WINDOW (object);

  if (self->profiles != NULL)
    g_signal_handlers_disconnect_by_data (self->profiles, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->profiles);
  g_clear_object (&self->profile_names);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->organization_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sd_preferences_window_parent_class)->dispose (object);
}

static void
sd_preferences_window_class_init (SdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, profile_row);
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, SdPreferencesWindow, organizations_group);
  gtk_widget_class_bind_template_callback (widget_class, on_add_organization);
  gtk_widget_class_bind_template_callback (widget_class, on_item_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_item_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_item_unbind);
}

static void
sd_preferences_window_init (SdPreferencesWindow *self)
{
  g_autoptr(GtkStringList) language_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->organization_rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    gtk_string_list_append (language_names, language_name (i));
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (language_names));

  self->profile_names = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->profile_row, G_LIST_MODEL (self->profile_names));
}

static void
setup (SdPreferencesWindow *self,
       GSettings           *settings,
       GListModel          *profiles)
{
  self->settings = settings;
  self->profiles = g_object_ref (profiles);

  g_settings_bind_with_mapping (self->settings, "support-language", self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, language_get_mapping, language_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, "refresh-interval", self->interval_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notifications", self->notifications_switch, "active", G_SETTINGS_BIND_DEFAULT);

  /* The default account: the list of profiles changes as accounts are
   * added, so it is kept in step by hand rather than bound. */
  update_profile_names (self);
  g_signal_connect_swapped (self->profiles, "items-changed", G_CALLBACK (update_profile_names), self);
  g_signal_connect_swapped (self->settings, "changed::default-profile", G_CALLBACK (select_default_profile), self);
  /* Connected only now: the row's model, given in init, selects its first
   * row, which is no choice of the user's. */
  g_signal_connect_swapped (self->profile_row, "notify::selected", G_CALLBACK (on_profile_selected), self);

  update_organizations (self);
  g_signal_connect_swapped (self->settings, "changed::organizations", G_CALLBACK (update_organizations), self);
}

/* Public API */

void
sd_preferences_window_present (GtkApplication *application)
{
  GtkWindow *parent;
  SdPreferencesWindow *self = NULL;
  SdCaseWatcher *watcher;
  GSettings *settings;

  g_return_if_fail (GTK_IS_APPLICATION (application));

  /* One Preferences window: bring it back rather than open a second. */
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (SD_IS_PREFERENCES_WINDOW (l->data))
      self = l->data;
  if (self != NULL)
    {
      gtk_window_present (GTK_WINDOW (self));
      return;
    }

  settings = sd_settings_new ();
  if (settings == NULL)
    {
      g_message ("No preferences: the settings schema %s is not installed", APPLICATION_ID);
      return;
    }

  parent = gtk_application_get_active_window (application);
  self = g_object_new (SD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "destroy-with-parent", TRUE,
                       "application", application,
                       NULL);
  /* The profiles the app knows, as the cases use them: the shared files'
   * (read again now) then those added in the app. */
  watcher = sd_case_watcher_get_for_application (G_APPLICATION (application));
  sd_case_watcher_reload (watcher);
  setup (self, settings, sd_case_watcher_get_profiles (watcher));
  gtk_window_present (GTK_WINDOW (self));
}

