/* sd-request-form.c — one request's fields as a form, built from the SES guide's field list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-aws-endpoints.h"
#include "sd-request-form.h"
#include "sd-request-util.h"

/* One field on screen. */
typedef struct {
  SdRequestForm  *form;          /* unowned */
  SdRequestField  field;
  GtkWidget      *group;         /* title, help, the input, then its problem and advice */
  GtkWidget      *list;          /* GtkListBox */
  GtkWidget      *focus;         /* what gets the focus for this field */
  GtkWidget      *error_label;
  GtkWidget      *advice_label;
  GtkWidget      *count_label;   /* use case: how long it is */
  GtkWidget      *entry;         /* AdwEntryRow */
  GtkTextBuffer  *buffer;        /* use case */
  GtkWidget      *combo;         /* AdwComboRow: one region */
  GPtrArray      *codes;         /* owned; combo: region codes in the combo's order */
  GPtrArray      *checks;        /* owned; GtkCheckButton: choices, regions, addresses */
  GtkWidget      *expander;      /* regions: the other regions */
  char           *built_region;  /* release IPs: the region the addresses are of */
  gboolean        touched;       /* the user has been here: say what is wrong */
} FieldView;

struct _SdRequestForm
{
  AdwBin          parent_instance;

  SdRequest      *request;       /* owned */
  GPtrArray      *statuses;      /* owned; SdRegionStatus of the request's profile, by name */
  GPtrArray      *fields;        /* owned; FieldView */
  GtkWidget      *box;
  gboolean        syncing;       /* widgets follow the request: not the user's doing */
  gboolean        disposed;      /* widgets going away (focus leaves them): not the user's doing */
  gboolean        reveal;        /* show every problem */
};

G_DEFINE_FINAL_TYPE (SdRequestForm, sd_request_form, ADW_TYPE_BIN)

static void refresh (SdRequestForm *self);

/* Auxiliary functions */

static void
field_view_free (gpointer data)
{
  FieldView *fv = data;

  g_clear_pointer (&fv->codes, g_ptr_array_unref);
  g_clear_pointer (&fv->checks, g_ptr_array_unref);
  g_free (fv->built_region);
  g_free (fv);
}

static SdRegionStatus *
find_status (SdRequestForm *self,
             const char    *region)
{
  for (guint i = 0; i < self->statuses->len; i++)
    {
      SdRegionStatus *status = g_ptr_array_index (self->statuses, i);

      if (g_strcmp0 (sd_region_status_get_region (status), region) == 0)
        return status;
    }
  return NULL;
}

static int
compare_statuses (gconstpointer a,
                  gconstpointer b)
{
  SdRegionStatus *sa = *(SdRegionStatus * const *) a;
  SdRegionStatus *sb = *(SdRegionStatus * const *) b;

  return g_utf8_collate (sd_region_status_get_region_name (sa), sd_region_status_get_region_name (sb));
}

/* The regions to choose from: the dashboard's regions of the profile, else
 * every SES region of the partition. */
static GPtrArray *
region_codes (SdRequestForm *self)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);
  const char *first = sd_request_get_region (self->request);
  const SdAwsPartition *partition;
  const char * const *known;

  for (guint i = 0; i < self->statuses->len; i++)
    g_ptr_array_add (codes, g_strdup (sd_region_status_get_region (g_ptr_array_index (self->statuses, i))));
  if (codes->len > 0)
    return codes;

  partition = first != NULL ? sd_aws_partition_for_region (first) : NULL;
  if (partition == NULL)
    partition = sd_aws_partition_lookup ("aws");
  known = partition != NULL ? sd_aws_ses_regions (partition) : NULL;
  for (guint i = 0; known != NULL && known[i] != NULL; i++)
    g_ptr_array_add (codes, g_strdup (known[i]));
  /* A region of a draft that the list does not have stays choosable. */
  if (first != NULL && !g_ptr_array_find_with_equal_func (codes, first, g_str_equal, NULL))
    g_ptr_array_insert (codes, 0, g_strdup (first));
  return codes;
}

static GtkWidget *
new_list (const char *accessible_label)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return list;
}

static GtkWidget *
new_note_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_visible (label, FALSE);
  return label;
}

static void
mark_touched (FieldView *fv)
{
  if (fv->form->syncing || fv->form->disposed || fv->touched)
    return;
  fv->touched = TRUE;
  refresh (fv->form);
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                FieldView               *fv)
{
  mark_touched (fv);
}

static void
watch_focus (FieldView *fv,
             GtkWidget *widget)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave), fv);
  gtk_widget_add_controller (widget, controller);
}

/* Choices: one radio row per value */

static void
on_choice_toggled (GtkCheckButton *check,
                   FieldView      *fv)
{
  SdRequestForm *self = fv->form;
  SdRequest *request = self->request;
  int value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "choice"));
  const char *string = g_object_get_data (G_OBJECT (check), "choice-string");

  if (self->syncing || self->disposed || !gtk_check_button_get_active (check))
    return;

  fv->touched = TRUE;
  switch (fv->field)
    {
    case SD_REQUEST_FIELD_LIMIT:
      sd_request_set_limit (request, value);
      break;
    case SD_REQUEST_FIELD_MAIL_TYPE:
      sd_request_set_mail_type (request, value);
      break;
    case SD_REQUEST_FIELD_COMPLIES_WITH_TERMS:
    case SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS:
    case SD_REQUEST_FIELD_HANDLES_BOUNCES:
      sd_request_set_answer (request, fv->field, value);
      break;
    case SD_REQUEST_FIELD_SUPPORT_LANGUAGE:
      sd_request_set_support_language (request, string);
      break;
    default:
      break;
    }
}

static void
on_check_active (GtkCheckButton *check,
                 GParamSpec     *pspec,
                 GtkWidget      *row)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_check_button_get_active (check) ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                                                   : GTK_ACCESSIBLE_TRISTATE_FALSE, -1);
}

static GtkWidget *
add_check_row (FieldView  *fv,
               GtkWidget  *container,   /* GtkListBox or AdwExpanderRow */
               GtkWidget  *group_with,  /* a check of the same radio group, or NULL for a check box */
               const char *title,
               const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (group_with != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group_with));
  /* Named by the row's title, which the row makes its label. */
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  /* Rows take the focus (arrows move between them, Space picks) and say
   * whether they are checked; the check does not (can-focus, not focusable:
   * a check of a group that may not take the focus still claims it). */
  gtk_widget_set_can_focus (check, FALSE);
  g_object_set_data (G_OBJECT (check), "row", row);
  g_signal_connect (check, "notify::active", G_CALLBACK (on_check_active), row);
  on_check_active (GTK_CHECK_BUTTON (check), NULL, row);
  if (ADW_IS_EXPANDER_ROW (container))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (container), row);
  else
    gtk_list_box_append (GTK_LIST_BOX (container), row);
  g_ptr_array_add (fv->checks, check);
  if (fv->focus == NULL)
    fv->focus = row;
  return check;
}

static void
add_choice (FieldView  *fv,
            const char *title,
            int         value,
            const char *string)
{
  GtkWidget *first = fv->checks->len > 0 ? g_ptr_array_index (fv->checks, 0) : NULL;
  GtkWidget *check = add_check_row (fv, fv->list, first, title, NULL);

  g_object_set_data (G_OBJECT (check), "choice", GINT_TO_POINTER (value));
  if (string != NULL)
    g_object_set_data_full (G_OBJECT (check), "choice-string", g_strdup (string), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (on_choice_toggled), fv);
}

static void
sync_choice (FieldView *fv)
{
  SdRequest *request = fv->form->request;
  int value = -1;
  const char *string = NULL;

  switch (fv->field)
    {
    case SD_REQUEST_FIELD_LIMIT:
      value = sd_request_get_limit (request);
      break;
    case SD_REQUEST_FIELD_MAIL_TYPE:
      value = sd_request_get_mail_type (request);
      break;
    case SD_REQUEST_FIELD_COMPLIES_WITH_TERMS:
    case SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS:
    case SD_REQUEST_FIELD_HANDLES_BOUNCES:
      value = sd_request_get_answer (request, fv->field);
      break;
    case SD_REQUEST_FIELD_SUPPORT_LANGUAGE:
      string = sd_request_get_support_language (request);
      break;
    default:
      return;
    }

  for (guint i = 0; i < fv->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (fv->checks, i);
      const char *check_string = g_object_get_data (G_OBJECT (check), "choice-string");
      gboolean active = check_string != NULL
                        ? g_strcmp0 (check_string, string) == 0
                        : GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "choice")) == value;

      if (gtk_check_button_get_active (check) != active)
        gtk_check_button_set_active (check, active);
    }
}

/* Regions */

static void
on_region_check_toggled (GtkCheckButton *check,
                         FieldView      *fv)
{
  SdRequestForm *self = fv->form;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) regions = NULL;

  if (self->syncing || self->disposed)
    return;
  fv->touched = TRUE;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < fv->checks->len; i++)
    {
      GtkCheckButton *other = g_ptr_array_index (fv->checks, i);

      if (gtk_check_button_get_active (other))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (other), "region"));
    }
  regions = g_strv_builder_end (builder);
  sd_request_set_regions (self->request, (const char * const *) regions);
}

static char *
region_subtitle (SdRequestForm *self,
                 const char    *region)
{
  SdRegionStatus *status = find_status (self, region);
  SdSandboxState state = status != NULL ? sd_region_status_get_state (status) : SD_SANDBOX_STATE_UNKNOWN;

  if (state == SD_SANDBOX_STATE_UNKNOWN)
    return g_strdup (region);
  /* Translators: a region's code and its sandbox state, e.g. "eu-west-1 · Sandbox" */
  return g_strdup_printf (_("%s · %s"), region, sd_sandbox_state_to_label (state));
}

static void
build_region_checks (FieldView *fv)
{
  SdRequestForm *self = fv->form;
  g_autoptr(GPtrArray) codes = region_codes (self);
  const char * const *chosen = sd_request_get_regions (self->request);
  guint n_chosen = g_strv_length ((char **) chosen);

  /* The regions chosen when the dialog opened on top; the others folded
   * away, for the same request in several regions at once. */
  for (guint i = 0; i < n_chosen; i++)
    {
      g_autofree char *subtitle = region_subtitle (self, chosen[i]);
      GtkWidget *check = add_check_row (fv, fv->list, NULL, sd_request_util_region_name (chosen[i]), subtitle);

      g_object_set_data_full (G_OBJECT (check), "region", g_strdup (chosen[i]), g_free);
    }

  fv->expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fv->expander), _("More Regions"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (fv->expander),
                                 _("Send the same request for other regions of this account"));
  gtk_list_box_append (GTK_LIST_BOX (fv->list), fv->expander);
  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *check;

      if (g_strv_contains (chosen, code))
        continue;
      subtitle = region_subtitle (self, code);
      check = add_check_row (fv, fv->expander, NULL, sd_request_util_region_name (code), subtitle);
      g_object_set_data_full (G_OBJECT (check), "region", g_strdup (code), g_free);
    }
  if (fv->focus == NULL)
    fv->focus = fv->expander;

  for (guint i = 0; i < fv->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (fv->checks, i);

      gtk_check_button_set_active (check, i < n_chosen);
      g_signal_connect (check, "toggled", G_CALLBACK (on_region_check_toggled), fv);
    }
}

static void
on_region_selected (AdwComboRow *combo,
                    GParamSpec  *pspec,
                    FieldView   *fv)
{
  guint selected = adw_combo_row_get_selected (combo);

  if (fv->form->syncing || fv->form->disposed || selected == GTK_INVALID_LIST_POSITION ||
      selected >= fv->codes->len)
    return;
  fv->touched = TRUE;
  sd_request_set_region (fv->form->request, g_ptr_array_index (fv->codes, selected));
}

/* The region's whole name where it fits: AdwComboRow's own label stops at
 * 20 characters, which cuts most region names short even in a wide dialog. */
static void
on_region_item_setup (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_list_item_set_child (item, label);
}

static void
on_region_item_bind (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  GtkStringObject *name = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (name));
}

static void
build_region_combo (FieldView *fv)
{
  SdRequestForm *self = fv->form;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  fv->codes = region_codes (self);
  for (guint i = 0; i < fv->codes->len; i++)
    {
      g_autofree char *label = sd_request_util_region_label (g_ptr_array_index (fv->codes, i));

      gtk_string_list_append (names, label);
    }
  fv->combo = adw_combo_row_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_region_item_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_region_item_bind), NULL);
  adw_combo_row_set_factory (ADW_COMBO_ROW (fv->combo), factory);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fv->combo), _("Region"));
  adw_combo_row_set_model (ADW_COMBO_ROW (fv->combo), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (fv->combo), GTK_INVALID_LIST_POSITION);
  gtk_list_box_append (GTK_LIST_BOX (fv->list), fv->combo);
  g_signal_connect (fv->combo, "notify::selected", G_CALLBACK (on_region_selected), fv);
  fv->focus = fv->combo;
}

static void
sync_regions (FieldView *fv)
{
  const char * const *regions = sd_request_get_regions (fv->form->request);

  if (fv->combo != NULL)
    {
      const char *region = regions[0];
      guint index = GTK_INVALID_LIST_POSITION;

      if (region != NULL && !g_ptr_array_find_with_equal_func (fv->codes, region, g_str_equal, &index))
        index = GTK_INVALID_LIST_POSITION;
      if (adw_combo_row_get_selected (ADW_COMBO_ROW (fv->combo)) != index)
        adw_combo_row_set_selected (ADW_COMBO_ROW (fv->combo), index);
      return;
    }
  for (guint i = 0; i < fv->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (fv->checks, i);
      gboolean active = g_strv_contains (regions, g_object_get_data (G_OBJECT (check), "region"));

      if (gtk_check_button_get_active (check) != active)
        gtk_check_button_set_active (check, active);
    }
}

/* Release: which addresses */

static void
on_ip_check_toggled (GtkCheckButton *check,
                     FieldView      *fv)
{
  SdRequestForm *self = fv->form;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) ips = NULL;
  guint n = 0;

  if (self->syncing || self->disposed)
    return;
  fv->touched = TRUE;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < fv->checks->len; i++)
    {
      GtkCheckButton *other = g_ptr_array_index (fv->checks, i);

      if (gtk_check_button_get_active (other))
        {
          g_strv_builder_add (builder, g_object_get_data (G_OBJECT (other), "ip"));
          n++;
        }
    }
  ips = g_strv_builder_end (builder);
  sd_request_set_release_ips (self->request, (const char * const *) ips);
  /* Picking addresses says how many: keep the count in step. */
  if (n > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", n);

      sd_request_set_ip_count (self->request, count);
    }
}

static void
build_release_ips (FieldView *fv)
{
  SdRequestForm *self = fv->form;
  const char *region = sd_request_get_region (self->request);
  SdRegionStatus *status = find_status (self, region);
  GPtrArray *ips = status != NULL ? sd_region_status_get_dedicated_ips (status) : NULL;
  const char * const *picked = sd_request_get_release_ips (self->request);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (fv->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (fv->list), child);
  g_ptr_array_set_size (fv->checks, 0);
  fv->focus = NULL;
  g_free (fv->built_region);
  fv->built_region = g_strdup (region);

  for (guint i = 0; ips != NULL && i < ips->len; i++)
    {
      const SdDedicatedIp *ip = g_ptr_array_index (ips, i);
      g_autofree char *pool = NULL;
      GtkWidget *check;

      if (ip->pool_name != NULL)
        /* Translators: the pool a dedicated IP belongs to */
        pool = g_strdup_printf (_("Pool “%s”"), ip->pool_name);
      check = add_check_row (fv, fv->list, NULL, ip->ip, pool);
      g_object_set_data_full (G_OBJECT (check), "ip", g_strdup (ip->ip), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strv_contains (picked, ip->ip));
      g_signal_connect (check, "toggled", G_CALLBACK (on_ip_check_toggled), fv);
    }
  /* Addresses of a draft that the dashboard does not list (any more). */
  for (guint i = 0; picked != NULL && picked[i] != NULL; i++)
    {
      gboolean listed = FALSE;
      GtkWidget *check;

      for (guint j = 0; j < fv->checks->len && !listed; j++)
        listed = g_strcmp0 (g_object_get_data (g_ptr_array_index (fv->checks, j), "ip"), picked[i]) == 0;
      if (listed)
        continue;
      check = add_check_row (fv, fv->list, NULL, picked[i], _("Not in the region’s list"));
      g_object_set_data_full (G_OBJECT (check), "ip", g_strdup (picked[i]), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_signal_connect (check, "toggled", G_CALLBACK (on_ip_check_toggled), fv);
    }
  if (fv->checks->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No dedicated IPs known in this region"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Say how many to release; AWS asks which in the case."));
      gtk_list_box_append (GTK_LIST_BOX (fv->list), row);
    }
}

static void
sync_release_ips (FieldView *fv)
{
  const char * const *picked = sd_request_get_release_ips (fv->form->request);

  if (g_strcmp0 (fv->built_region, sd_request_get_region (fv->form->request)) != 0)
    {
      build_release_ips (fv);
      return;
    }
  for (guint i = 0; i < fv->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (fv->checks, i);
      gboolean active = g_strv_contains (picked, g_object_get_data (G_OBJECT (check), "ip"));

      if (gtk_check_button_get_active (check) != active)
        gtk_check_button_set_active (check, active);
    }
}

/* Text */

static void
on_entry_changed (GtkEditable *editable,
                  FieldView   *fv)
{
  mark_touched (fv);
}

static void
build_entry (FieldView       *fv,
             const char      *title,
             GtkInputPurpose  purpose)
{
  const char *property = sd_request_field_get_property (fv->field);

  fv->entry = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fv->entry), title);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (fv->entry), purpose);
  /* Named by the field, not by the hint in its title (GTK would join the two). */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (fv->entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (fv->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sd_request_field_get_label (fv->field, sd_request_get_kind (fv->form->request)),
                                  -1);
  gtk_list_box_append (GTK_LIST_BOX (fv->list), fv->entry);
  g_object_bind_property (fv->form->request, property, fv->entry, "text",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect (fv->entry, "changed", G_CALLBACK (on_entry_changed), fv);
  watch_focus (fv, fv->entry);
  fv->focus = fv->entry;
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   FieldView     *fv)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (fv->form->syncing || fv->form->disposed)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  fv->touched = TRUE;
  sd_request_set_use_case (fv->form->request, text);
}

static void
build_text_view (FieldView *fv)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_add_css_class (view, "request-text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sd_request_field_get_label (fv->field, sd_request_get_kind (fv->form->request)),
                                  -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 140);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), scrolled);
  gtk_list_box_append (GTK_LIST_BOX (fv->list), row);

  fv->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (fv->buffer, sd_request_get_use_case (fv->form->request), -1);
  g_signal_connect (fv->buffer, "changed", G_CALLBACK (on_buffer_changed), fv);
  watch_focus (fv, view);
  fv->focus = view;

  fv->count_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (fv->count_label), 1);
  gtk_widget_set_margin_top (fv->count_label, 6);
  gtk_widget_add_css_class (fv->count_label, "caption");
  gtk_widget_add_css_class (fv->count_label, "dim-label");
}

static void
sync_text_view (FieldView *fv)
{
  const char *use_case = sd_request_get_use_case (fv->form->request);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  glong length = g_utf8_strlen (use_case, -1);
  g_autofree char *count = NULL;

  gtk_text_buffer_get_bounds (fv->buffer, &start, &end);
  text = gtk_text_buffer_get_text (fv->buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, use_case) != 0)
    gtk_text_buffer_set_text (fv->buffer, use_case, -1);
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%ld character", "%ld characters", length), length);
  gtk_label_set_label (GTK_LABEL (fv->count_label), count);
}

/* The form */

static FieldView *
build_field (SdRequestForm  *self,
             SdRequestField  field)
{
  SdRequestKind kind = sd_request_get_kind (self->request);
  FieldView *fv = g_new0 (FieldView, 1);
  const char *label = sd_request_field_get_label (field, kind);
  g_autofree char *title = NULL;
  GtkWidget *title_label;
  GtkWidget *help_label;

  fv->form = self;
  fv->field = field;
  fv->checks = g_ptr_array_new ();

  if (sd_request_field_is_required (field, kind) || !sd_request_field_is_editable (field))
    title = g_strdup (label);
  else
    /* Translators: the title of a field that may stay empty */
    title = g_strdup_printf (_("%s (optional)"), label);

  /* A group as AdwPreferencesGroup draws it, but with a title that wraps:
   * the SES guide's questions are long, and are cut off at 360 px otherwise. */
  fv->group = g_object_new (GTK_TYPE_BOX,
                            "orientation", GTK_ORIENTATION_VERTICAL,
                            "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                            NULL);
  gtk_widget_add_css_class (fv->group, "request-field");
  title_label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title_label, "heading");
  gtk_box_append (GTK_BOX (fv->group), title_label);
  help_label = gtk_label_new (sd_request_field_get_help (field, kind));
  gtk_label_set_xalign (GTK_LABEL (help_label), 0);
  gtk_label_set_wrap (GTK_LABEL (help_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (help_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (help_label, "dim-label");
  gtk_widget_add_css_class (help_label, "request-field-help");
  gtk_box_append (GTK_BOX (fv->group), help_label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (fv->group), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, help_label, NULL, -1);
  fv->list = new_list (label);
  gtk_box_append (GTK_BOX (fv->group), fv->list);

  switch (field)
    {
    case SD_REQUEST_FIELD_REGIONS:
      if (kind == SD_REQUEST_KIND_SENDING_LIMITS)
        build_region_checks (fv);
      else
        build_region_combo (fv);
      break;

    case SD_REQUEST_FIELD_LIMIT:
      add_choice (fv, sd_limit_kind_get_label (SD_LIMIT_DAILY_QUOTA), SD_LIMIT_DAILY_QUOTA, NULL);
      add_choice (fv, sd_limit_kind_get_label (SD_LIMIT_SEND_RATE), SD_LIMIT_SEND_RATE, NULL);
      break;

    case SD_REQUEST_FIELD_LIMIT_VALUE:
      build_entry (fv, kind == SD_REQUEST_KIND_DEDICATED_IPS ? _("Messages a day") : _("Value"),
                   GTK_INPUT_PURPOSE_DIGITS);
      break;

    case SD_REQUEST_FIELD_IP_COUNT:
      build_entry (fv, _("Number of addresses"), GTK_INPUT_PURPOSE_DIGITS);
      break;

    case SD_REQUEST_FIELD_RELEASE_IPS:
      build_release_ips (fv);
      break;

    case SD_REQUEST_FIELD_MAIL_TYPE:
      for (SdMailType type = SD_MAIL_TYPE_TRANSACTIONAL; type <= SD_MAIL_TYPE_OTHER; type++)
        add_choice (fv, sd_mail_type_get_label (type), type, NULL);
      break;

    case SD_REQUEST_FIELD_WEBSITE_URL:
      build_entry (fv, _("Address, such as https://example.com"), GTK_INPUT_PURPOSE_URL);
      break;

    case SD_REQUEST_FIELD_COMPLIES_WITH_TERMS:
    case SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS:
    case SD_REQUEST_FIELD_HANDLES_BOUNCES:
      add_choice (fv, _("Yes"), SD_ANSWER_YES, NULL);
      add_choice (fv, _("No"), SD_ANSWER_NO, NULL);
      break;

    case SD_REQUEST_FIELD_USE_CASE:
      build_text_view (fv);
      break;

    case SD_REQUEST_FIELD_SUPPORT_LANGUAGE:
      {
        const char * const *languages = sd_request_support_languages ();

        for (guint i = 0; languages[i] != NULL; i++)
          add_choice (fv, sd_request_support_language_label (languages[i]), (int) i, languages[i]);
      }
      break;

    case SD_REQUEST_FIELD_CONTACT_METHOD:
      {
        GtkWidget *row = adw_action_row_new ();
        GtkWidget *icon = gtk_image_new_from_icon_name ("web-browser-symbolic");

        /* Fixed by the guide (docs/ses-guide.md): AWS answers on the web, in the Support Center. */
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Web"));
        gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
        gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Web"), -1);
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
        gtk_widget_set_focusable (row, FALSE);
        gtk_list_box_append (GTK_LIST_BOX (fv->list), row);
      }
      break;

    case SD_REQUEST_FIELD_CONTACT_EMAILS:
      build_entry (fv, _("E-mail addresses, separated by commas"), GTK_INPUT_PURPOSE_EMAIL);
      break;

    case SD_REQUEST_N_FIELDS:
    default:
      break;
    }

  for (guint i = 0; i < fv->checks->len; i++)
    watch_focus (fv, g_object_get_data (g_ptr_array_index (fv->checks, i), "row"));

  fv->error_label = new_note_label ("error");
  gtk_box_append (GTK_BOX (fv->group), fv->error_label);
  fv->advice_label = new_note_label ("warning");
  gtk_box_append (GTK_BOX (fv->group), fv->advice_label);
  if (fv->count_label != NULL)
    gtk_box_append (GTK_BOX (fv->group), fv->count_label);

  /* The reason is read with the field. */
  if (fv->focus != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (fv->focus), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                    fv->error_label, fv->advice_label, NULL, -1);
  return fv;
}

static void
sync_field (FieldView *fv)
{
  switch (fv->field)
    {
    case SD_REQUEST_FIELD_REGIONS:
      sync_regions (fv);
      break;
    case SD_REQUEST_FIELD_RELEASE_IPS:
      sync_release_ips (fv);
      break;
    case SD_REQUEST_FIELD_USE_CASE:
      sync_text_view (fv);
      break;
    case SD_REQUEST_FIELD_LIMIT:
    case SD_REQUEST_FIELD_MAIL_TYPE:
    case SD_REQUEST_FIELD_COMPLIES_WITH_TERMS:
    case SD_REQUEST_FIELD_ONLY_REQUESTED_RECIPIENTS:
    case SD_REQUEST_FIELD_HANDLES_BOUNCES:
    case SD_REQUEST_FIELD_SUPPORT_LANGUAGE:
      sync_choice (fv);
      break;
    default:
      /* Entries follow their binding. */
      break;
    }
}

static void
update_notes (FieldView *fv)
{
  SdRequest *request = fv->form->request;
  const char *error = sd_request_get_field_error (request, fv->field);
  const char *advice = sd_request_get_field_advice (request, fv->field);
  gboolean show_error = error != NULL && (fv->touched || fv->form->reveal);

  gtk_label_set_label (GTK_LABEL (fv->error_label), show_error ? error : "");
  gtk_widget_set_visible (fv->error_label, show_error);
  gtk_label_set_label (GTK_LABEL (fv->advice_label), advice != NULL ? advice : "");
  gtk_widget_set_visible (fv->advice_label, advice != NULL);
  if (fv->focus != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (fv->focus), GTK_ACCESSIBLE_STATE_INVALID,
                                 show_error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  if (fv->entry != NULL)
    {
      if (show_error)
        gtk_widget_add_css_class (fv->entry, "error");
      else
        gtk_widget_remove_css_class (fv->entry, "error");
    }
}

static void
refresh (SdRequestForm *self)
{
  self->syncing = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    {
      FieldView *fv = g_ptr_array_index (self->fields, i);

      sync_field (fv);
      update_notes (fv);
    }
  self->syncing = FALSE;
}

/* Callbacks */

static void
on_request_changed (SdRequestForm *self)
{
  refresh (self);
}

/* Overrides */

static void
sd_request_form_dispose (GObject *object)
{
  SdRequestForm *self = SD_REQUEST_FORM (object);

  self->disposed = TRUE;
  if (self->request != NULL)
    g_signal_handlers_disconnect_by_data (self->request, self);
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      FieldView *fv = g_ptr_array_index (self->fields, i);

      if (fv->entry != NULL)
        g_signal_handlers_disconnect_by_data (fv->entry, fv);
      if (fv->combo != NULL)
        g_signal_handlers_disconnect_by_data (fv->combo, fv);
      if (fv->buffer != NULL)
        g_signal_handlers_disconnect_by_data (fv->buffer, fv);
      for (guint j = 0; j < fv->checks->len; j++)
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (fv->checks, j), fv);
    }
  /* The widgets go first: their bindings and handlers point into the views. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  g_clear_object (&self->request);

  G_OBJECT_CLASS (sd_request_form_parent_class)->dispose (object);
}

static void
sd_request_form_class_init (SdRequestFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sd_request_form_dispose;
}

static void
sd_request_form_init (SdRequestForm *self)
{
  self->fields = g_ptr_array_new_with_free_func (field_view_free);
  self->statuses = g_ptr_array_new_with_free_func (g_object_unref);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  adw_bin_set_child (ADW_BIN (self), self->box);
}

/* Public API */

GtkWidget *
sd_request_form_new (SdRequest  *request,
                     GListModel *regions)
{
  SdRequestForm *self;
  const SdRequestField *fields;
  guint n_fields = 0;
  guint n_regions;

  g_return_val_if_fail (SD_IS_REQUEST (request), NULL);

  self = g_object_new (SD_TYPE_REQUEST_FORM, NULL);
  self->request = g_object_ref (request);

  n_regions = regions != NULL ? g_list_model_get_n_items (regions) : 0;
  for (guint i = 0; i < n_regions; i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (regions, i);

      if (g_strcmp0 (sd_region_status_get_profile (status), sd_request_get_profile (request)) == 0)
        g_ptr_array_add (self->statuses, g_object_ref (status));
    }
  g_ptr_array_sort (self->statuses, compare_statuses);

  fields = sd_request_kind_get_fields (sd_request_get_kind (request), &n_fields);
  self->syncing = TRUE;
  for (guint i = 0; i < n_fields; i++)
    {
      FieldView *fv = build_field (self, fields[i]);

      g_ptr_array_add (self->fields, fv);
      gtk_box_append (GTK_BOX (self->box), fv->group);
    }
  self->syncing = FALSE;

  g_signal_connect_swapped (request, "changed", G_CALLBACK (on_request_changed), self);
  refresh (self);
  return GTK_WIDGET (self);
}

SdRequest *
sd_request_form_get_request (SdRequestForm *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_FORM (self), NULL);
  return self->request;
}

guint
sd_request_form_count_problems (SdRequestForm *self)
{
  guint n = 0;

  g_return_val_if_fail (SD_IS_REQUEST_FORM (self), 0);

  for (guint i = 0; i < self->fields->len; i++)
    {
      FieldView *fv = g_ptr_array_index (self->fields, i);

      if (sd_request_get_field_error (self->request, fv->field) != NULL)
        n++;
    }
  return n;
}

void
sd_request_form_reveal_problems (SdRequestForm *self)
{
  g_return_if_fail (SD_IS_REQUEST_FORM (self));

  self->reveal = TRUE;
  refresh (self);
}

gboolean
sd_request_form_focus_first_problem (SdRequestForm *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_FORM (self), FALSE);

  for (guint i = 0; i < self->fields->len; i++)
    {
      FieldView *fv = g_ptr_array_index (self->fields, i);

      if (sd_request_get_field_error (self->request, fv->field) == NULL)
        continue;
      fv->touched = TRUE;
      refresh (self);
      if (fv->expander != NULL)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (fv->expander), TRUE);
      if (fv->focus != NULL)
        gtk_widget_grab_focus (fv->focus);
      return TRUE;
    }
  return FALSE;
}
