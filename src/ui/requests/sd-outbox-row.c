/* sd-outbox-row.c — one request on its way to AWS: state, message, what to do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-outbox-row.h"
#include "sd-support.h"
#include "sd-request-manager.h"
#include "sd-request-util.h"

struct _SdOutboxRow
{
  GtkListBoxRow   parent_instance;

  SdOutboxEntry  *entry;          /* owned */
  GCancellable   *cancellable;    /* owned; cancelled when the row goes */
  gboolean        compact;

  GtkWidget      *title_label;
  GtkWidget      *summary_label;
  GtkWidget      *badge;
  GtkWidget      *spinner;
  GtkWidget      *dismiss_button;
  GtkWidget      *message_label;
  GtkWidget      *problem_label;
  GtkWidget      *buttons;        /* the actions that fit the state, at the end */
  GtkWidget      *send_again_button;
  GtkWidget      *check_button;
  GtkWidget      *open_case_button;
  GtkWidget      *support_button;
  GtkWidget      *more_button;    /* the less common ones, in a popover */
  GtkWidget      *more_box;
  GtkWidget      *copy_button;
  GtkWidget      *edit_button;
  GtkWidget      *more_case_button;
  GtkWidget      *link_box;       /* the case number pasted from the Support Center */
  GtkWidget      *case_entry;
};

G_DEFINE_FINAL_TYPE (SdOutboxRow, sd_outbox_row, GTK_TYPE_LIST_BOX_ROW)

/* Auxiliary functions */

static SdOutbox *
get_outbox (SdOutboxRow *self)
{
  SdRequestManager *manager = sd_request_manager_from_widget (GTK_WIDGET (self));

  return manager != NULL ? sd_request_manager_get_outbox (manager) : NULL;
}

static void
show_problem (SdOutboxRow *self,
              const char  *text)
{
  gtk_label_set_label (GTK_LABEL (self->problem_label), text != NULL ? text : "");
  gtk_widget_set_visible (self->problem_label, text != NULL);
}

static GtkWidget *
add_button (SdOutboxRow *self,
            const char  *label,
            GCallback    callback)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  g_signal_connect_swapped (button, "clicked", callback, self);
  gtk_box_append (GTK_BOX (self->buttons), button);
  return button;
}

/* A flat button of the "More" popover, which closes it when clicked. */
static GtkWidget *
add_more_button (SdOutboxRow *self,
                 const char  *label,
                 GCallback    callback)
{
  GtkWidget *button = gtk_button_new_with_label (label);
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->more_button));

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (gtk_button_get_child (GTK_BUTTON (button)), GTK_ALIGN_START);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (gtk_popover_popdown), popover);
  g_signal_connect_swapped (button, "clicked", callback, self);
  gtk_box_append (GTK_BOX (self->more_box), button);
  return button;
}

static void
update (SdOutboxRow *self)
{
  SdOutboxEntry *entry = self->entry;
  SdOutboxState state = sd_outbox_entry_get_state (entry);
  SdOutboxReason reason = sd_outbox_entry_get_reason (entry);
  gboolean busy = sd_outbox_entry_get_busy (entry);
  gboolean checking = sd_outbox_entry_get_checking (entry);
  gboolean finished = state == SD_OUTBOX_STATE_CONFIRMED || state == SD_OUTBOX_STATE_FAILED ||
                      state == SD_OUTBOX_STATE_NEEDS_USER;
  gboolean subscription = state == SD_OUTBOX_STATE_NEEDS_USER &&
                          (reason == SD_OUTBOX_REASON_SUBSCRIPTION_REQUIRED ||
                           reason == SD_OUTBOX_REASON_SUPPORT_CENTER);
  /* Linked by its number only: the Support Center shows it. */
  gboolean center_case = state == SD_OUTBOX_STATE_CONFIRMED &&
                         sd_outbox_entry_get_route (entry) == SD_REQUEST_ROUTE_SUPPORT_CENTER &&
                         sd_outbox_entry_get_case_id (entry) == NULL &&
                         sd_outbox_entry_get_display_id (entry) != NULL;
  g_autofree char *message = sd_outbox_entry_dup_message (entry);
  g_autofree char *summary = sd_request_util_entry_summary (entry);
  g_autofree char *accessible = NULL;
  const char *state_label = sd_outbox_state_to_label (state);
  gboolean send_again, check, support, has_case, edit;

  gtk_label_set_label (GTK_LABEL (self->title_label), sd_request_kind_get_title (sd_outbox_entry_get_kind (entry)));
  gtk_widget_set_visible (self->title_label, !self->compact);
  gtk_label_set_label (GTK_LABEL (self->summary_label), summary);
  gtk_label_set_label (GTK_LABEL (self->message_label), message != NULL ? message : "");

  gtk_label_set_label (GTK_LABEL (self->badge), state_label);
  for (SdOutboxState s = SD_OUTBOX_STATE_PENDING; s <= SD_OUTBOX_STATE_NEEDS_USER; s++)
    gtk_widget_remove_css_class (self->badge, sd_request_util_state_class (s));
  gtk_widget_add_css_class (self->badge, sd_request_util_state_class (state));

  gtk_widget_set_visible (self->spinner, busy || checking || state == SD_OUTBOX_STATE_SENDING);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), gtk_widget_get_visible (self->spinner));
  gtk_widget_set_visible (self->dismiss_button, finished && !busy && !checking);

  /* One or two buttons for what fits the state, the rest under "More"
   * (a row of them would not fit 360 px). */
  send_again = state == SD_OUTBOX_STATE_FAILED && sd_outbox_entry_get_can_send_again (entry) && !busy;
  check = state == SD_OUTBOX_STATE_UNCERTAIN && !checking && !busy;
  support = (subscription && sd_outbox_entry_get_support_center_url (entry) != NULL) || center_case;
  has_case = sd_request_util_entry_case (entry) != NULL && !center_case;
  gtk_button_set_label (GTK_BUTTON (self->support_button),
                        center_case ? _("Open Case in Support Center") : _("Open Support Center"));
  gtk_widget_set_visible (self->link_box, subscription && !busy);
  edit = (state == SD_OUTBOX_STATE_NEEDS_USER || state == SD_OUTBOX_STATE_FAILED) && !busy;
  gtk_widget_set_visible (self->send_again_button, send_again);
  gtk_widget_set_visible (self->check_button, check);
  gtk_widget_set_visible (self->support_button, support);
  gtk_widget_set_visible (self->open_case_button, has_case && !support && !send_again);
  gtk_widget_set_visible (self->copy_button, subscription);
  gtk_widget_set_visible (self->edit_button, edit);
  gtk_widget_set_visible (self->more_case_button, has_case && (support || send_again));
  gtk_widget_set_visible (self->more_button, subscription || edit || (has_case && (support || send_again)));
  gtk_widget_set_visible (self->buttons, send_again || check || support || has_case ||
                          gtk_widget_get_visible (self->more_button));

  /* Read as one: what, where, and how it stands. */
  /* Translators: a request in the outbox for screen readers: "<request>, <region…>: <state>" */
  accessible = g_strdup_printf (_("%s, %s: %s"), sd_request_kind_get_title (sd_outbox_entry_get_kind (entry)),
                                summary, state_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* Callbacks */

static void
on_entry_notify (SdOutboxRow *self)
{
  update (self);
}

static void
on_sent_again (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SdOutboxRow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sd_outbox_send_again_finish (SD_OUTBOX (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_problem (self, error->message);
}

static void
on_send_again_clicked (SdOutboxRow *self)
{
  SdOutbox *outbox = get_outbox (self);

  show_problem (self, NULL);
  if (outbox != NULL)
    sd_outbox_send_again_async (outbox, self->entry, self->cancellable, on_sent_again, g_object_ref (self));
}

static void
on_reconciled (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SdOutboxRow) self = user_data;
  g_autoptr(GError) error = NULL;

  sd_outbox_reconcile_finish (SD_OUTBOX (source), result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_problem (self, error->message);
}

static void
on_check_clicked (SdOutboxRow *self)
{
  SdOutbox *outbox = get_outbox (self);

  show_problem (self, NULL);
  if (outbox != NULL)
    sd_outbox_reconcile_async (outbox, self->entry, self->cancellable, on_reconciled, g_object_ref (self));
}

static void
on_open_case_clicked (SdOutboxRow *self)
{
  sd_request_util_show_case (GTK_WIDGET (self), sd_outbox_entry_get_profile (self->entry),
                             sd_request_util_entry_case (self->entry));
}

static void
on_copy_clicked (SdOutboxRow *self)
{
  g_autofree char *text = sd_outbox_entry_dup_clipboard_text (self->entry);

  if (text != NULL)
    {
      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
      show_problem (self, _("The case text is on the clipboard: paste it into the Support Center’s form."));
    }
}

static void
on_support_clicked (SdOutboxRow *self)
{
  g_autofree char *case_url = NULL;

  show_problem (self, NULL);
  if (sd_outbox_entry_get_state (self->entry) == SD_OUTBOX_STATE_CONFIRMED &&
      sd_outbox_entry_get_display_id (self->entry) != NULL)
    case_url = sd_support_center_case_url (sd_outbox_entry_get_region (self->entry),
                                           sd_outbox_entry_get_display_id (self->entry));
  sd_request_util_open_uri (GTK_WIDGET (self),
                            case_url != NULL ? case_url : sd_outbox_entry_get_support_center_url (self->entry),
                            GTK_LABEL (self->problem_label));
}

static void
on_link_clicked (SdOutboxRow *self)
{
  SdOutbox *outbox = get_outbox (self);
  g_autoptr(GError) error = NULL;

  show_problem (self, NULL);
  if (outbox != NULL &&
      !sd_outbox_link_case (outbox, self->entry, gtk_editable_get_text (GTK_EDITABLE (self->case_entry)), &error))
    show_problem (self, error->message);
}

static void
on_edit_clicked (SdOutboxRow *self)
{
  /* Through the application: the row may sit in a request dialog, which is
   * transient for the main window without being one of the application's. */
  g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()), "edit-request",
                                  g_variant_new_string (sd_outbox_entry_get_request_id (self->entry)));
}

static void
on_dismiss_clicked (SdOutboxRow *self)
{
  SdOutbox *outbox = get_outbox (self);
  g_autoptr(GError) error = NULL;

  if (outbox != NULL && !sd_outbox_dismiss (outbox, self->entry, &error))
    show_problem (self, error->message);
}

/* Overrides */

static void
sd_outbox_row_dispose (GObject *object)
{
  SdOutboxRow *self = SD_OUTBOX_ROW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->entry != NULL)
    g_signal_handlers_disconnect_by_data (self->entry, self);
  g_clear_object (&self->entry);

  G_OBJECT_CLASS (sd_outbox_row_parent_class)->dispose (object);
}

static void
sd_outbox_row_finalize (GObject *object)
{
  SdOutboxRow *self = SD_OUTBOX_ROW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sd_outbox_row_parent_class)->finalize (object);
}

static void
sd_outbox_row_class_init (SdOutboxRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sd_outbox_row_dispose;
  object_class->finalize = sd_outbox_row_finalize;
}

static void
sd_outbox_row_init (SdOutboxRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *state_line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  self->cancellable = g_cancellable_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "outbox-row");

  /* The title, then the state under it, the dismiss button beside both;
   * what and where below, over the whole width (360 px leaves little). */
  self->title_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title_label), TRUE);
  gtk_widget_add_css_class (self->title_label, "heading");
  gtk_box_append (GTK_BOX (titles), self->title_label);

  self->badge = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->badge, "badge");
  gtk_widget_set_valign (self->badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (state_line), self->badge);

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_valign (self->spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Working"), -1);
  gtk_box_append (GTK_BOX (state_line), self->spinner);
  gtk_widget_set_halign (state_line, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (titles), state_line);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (top), titles);

  self->dismiss_button = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (self->dismiss_button, "flat");
  gtk_widget_add_css_class (self->dismiss_button, "circular");
  gtk_widget_set_valign (self->dismiss_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->dismiss_button, _("Remove from the List"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dismiss_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove from the list"), -1);
  g_signal_connect_swapped (self->dismiss_button, "clicked", G_CALLBACK (on_dismiss_clicked), self);
  gtk_box_append (GTK_BOX (top), self->dismiss_button);
  gtk_box_append (GTK_BOX (box), top);

  self->summary_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->summary_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->summary_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->summary_label, "caption");
  gtk_widget_add_css_class (self->summary_label, "dim-label");
  gtk_box_append (GTK_BOX (box), self->summary_label);

  self->message_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->message_label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), self->message_label);

  self->problem_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->problem_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->problem_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->problem_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (self->problem_label), FALSE);
  gtk_widget_add_css_class (self->problem_label, "caption");
  gtk_widget_set_visible (self->problem_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->problem_label);

  /* Made in the Support Center: its number links it (without API access, the only way). */
  {
    GtkWidget *link_button = gtk_button_new_with_label (_("Link Case"));

    self->link_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    self->case_entry = gtk_entry_new ();
    gtk_entry_set_placeholder_text (GTK_ENTRY (self->case_entry), _("Case number from the Support Center"));
    gtk_entry_set_input_purpose (GTK_ENTRY (self->case_entry), GTK_INPUT_PURPOSE_DIGITS);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->case_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Case number"), -1);
    gtk_widget_set_hexpand (self->case_entry, TRUE);
    g_signal_connect_swapped (self->case_entry, "activate", G_CALLBACK (on_link_clicked), self);
    g_signal_connect_swapped (link_button, "clicked", G_CALLBACK (on_link_clicked), self);
    gtk_box_append (GTK_BOX (self->link_box), self->case_entry);
    gtk_box_append (GTK_BOX (self->link_box), link_button);
    gtk_widget_set_visible (self->link_box, FALSE);
    gtk_box_append (GTK_BOX (box), self->link_box);
  }

  self->buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (self->buttons, GTK_ALIGN_END);
  gtk_widget_add_css_class (self->buttons, "outbox-actions");
  gtk_box_append (GTK_BOX (box), self->buttons);

  self->send_again_button = add_button (self, _("Send Again"), G_CALLBACK (on_send_again_clicked));
  self->check_button = add_button (self, _("Check Now"), G_CALLBACK (on_check_clicked));
  self->open_case_button = add_button (self, _("Open Case"), G_CALLBACK (on_open_case_clicked));
  self->support_button = add_button (self, _("Open Support Center"), G_CALLBACK (on_support_clicked));

  self->more_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->more_button), "view-more-symbolic");
  gtk_widget_set_tooltip_text (self->more_button, _("More Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->more_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("More actions"), -1);
  self->more_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->more_button), gtk_popover_new ());
  gtk_popover_set_child (gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->more_button)), self->more_box);
  gtk_box_append (GTK_BOX (self->buttons), self->more_button);
  self->copy_button = add_more_button (self, _("Copy Case Text"), G_CALLBACK (on_copy_clicked));
  self->more_case_button = add_more_button (self, _("Open Case"), G_CALLBACK (on_open_case_clicked));
  self->edit_button = add_more_button (self, _("Edit Request…"), G_CALLBACK (on_edit_clicked));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
}

/* Public API */

GtkWidget *
sd_outbox_row_new (SdOutboxEntry *entry)
{
  SdOutboxRow *self;

  g_return_val_if_fail (SD_IS_OUTBOX_ENTRY (entry), NULL);

  self = g_object_new (SD_TYPE_OUTBOX_ROW, NULL);
  self->entry = g_object_ref (entry);
  g_signal_connect_swapped (entry, "notify", G_CALLBACK (on_entry_notify), self);
  update (self);
  return GTK_WIDGET (self);
}

SdOutboxEntry *
sd_outbox_row_get_entry (SdOutboxRow *self)
{
  g_return_val_if_fail (SD_IS_OUTBOX_ROW (self), NULL);
  return self->entry;
}

void
sd_outbox_row_set_compact (SdOutboxRow *self,
                           gboolean     compact)
{
  g_return_if_fail (SD_IS_OUTBOX_ROW (self));

  self->compact = compact;
  update (self);
}
