/* sd-request-dialog.c — request dedicated IPs, release them, leave the sandbox or raise limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sd-managed-pool-dialog.h"
#include "sd-request-check.h"
#include "sd-request-checks.h"
#include "sd-request-dialog.h"
#include "sd-request-draft-bar.h"
#include "sd-request-form.h"
#include "sd-request-manager.h"
#include "sd-request-outcome.h"
#include "sd-request-preview-view.h"
#include "sd-request-problems-bar.h"
#include "sd-request-result-list.h"
#include "sd-request-support-center.h"
#include "sd-request-preview.h"
#include "sd-request-util.h"
#include "sd-support.h"
#include "sd-widget-util.h"

/* Choosing regions one after the other checks once, when the user stops. */
#define CHECK_DELAY_MS 400

struct _SdRequestDialog
{
  AdwWindow            parent_instance;

  SdRequestManager    *manager;            /* owned */
  SdRequest           *request;            /* owned */
  SdRequest           *offered_draft;      /* owned, nullable: an unsent draft to continue */
  SdRequestCheck      *check;              /* owned, nullable: the last check's result */
  GCancellable        *cancellable;        /* owned; cancelled when the dialog goes */
  GCancellable        *check_cancellable;  /* owned, nullable; of the check under way */
  SdRequestForm       *form;               /* unowned; in form_bin */
  guint                check_id;
  gboolean             tracked;            /* the draft store follows the request */
  gboolean             checking;
  gboolean             sending;
  gboolean             sent;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkWidget           *cancel_button;
  GtkWidget           *back_button;
  GtkWidget           *preview_button;
  GtkWidget           *send_button;
  GtkWidget           *close_button;
  GtkStack            *stack;
  GtkWidget           *form_scrolled;
  SdRequestDraftBar   *draft_bar;
  SdRequestChecks     *checks;
  AdwBin              *form_bin;
  SdRequestProblemsBar *problems_bar;
  SdRequestPreviewView *preview_view;
  SdRequestOutcome    *outcome;
  SdRequestSupportCenter *support_center;
  SdRequestResultList *result_list;
};

G_DEFINE_FINAL_TYPE (SdRequestDialog, sd_request_dialog, ADW_TYPE_WINDOW)

static void run_check (SdRequestDialog *self);
static void update_buttons (SdRequestDialog *self);
static void on_request_changed (SdRequestDialog *self);
static void on_request_modified (SdRequestDialog *self);
static void on_regions_changed (SdRequestDialog *self);
static void schedule_check (SdRequestDialog *self);

/* Auxiliary functions */

static void
toast (SdRequestDialog *self,
       const char      *text)
{
  sd_toast_show (self->toast_overlay, text, 6);
}

static char *
describe_regions (SdRequest *request)
{
  const char * const *regions = sd_request_get_regions (request);
  GString *text = g_string_new (NULL);

  for (guint i = 0; regions[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, regions[i]);
    }
  if (sd_request_get_profile (request) != NULL)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, sd_request_get_profile (request));
    }
  return g_string_free (text, FALSE);
}

/* What the dashboard knows of every region of the profile: the routes and
 * the checks follow it until AWS is asked. */
static void
apply_region_info (SdRequestDialog *self)
{
  GListModel *regions = sd_request_manager_get_regions (self->manager);
  guint n = regions != NULL ? g_list_model_get_n_items (regions) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SdRegionStatus) status = g_list_model_get_item (regions, i);

      if (g_strcmp0 (sd_region_status_get_profile (status), sd_request_get_profile (self->request)) == 0 &&
          sd_region_status_get_updated (status) > 0)
        sd_request_set_region_status (self->request, status);
    }
}

static void
update_title (SdRequestDialog *self)
{
  g_autofree char *subtitle = describe_regions (self->request);
  const char *title = sd_request_kind_get_title (sd_request_get_kind (self->request));

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
show_page (SdRequestDialog *self,
           const char      *page)
{
  gboolean form = g_str_equal (page, "form");
  gboolean preview = g_str_equal (page, "preview");
  gboolean result = g_str_equal (page, "result");

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (self->cancel_button, form);
  gtk_widget_set_visible (self->back_button, preview || (result && !self->sending && !self->sent));
  gtk_widget_set_visible (self->preview_button, form);
  gtk_widget_set_visible (self->send_button, preview);
  gtk_widget_set_visible (self->close_button, result);
  /* Dedicated IPs: a limit increase case, which only the Support Center takes. */
  gtk_button_set_label (GTK_BUTTON (self->send_button),
                        sd_request_get_kind (self->request) == SD_REQUEST_KIND_SENDING_LIMITS
                        ? _("Send") : _("Open in Support Center"));
  update_buttons (self);
}

/* The managed pool */

static void
on_managed_pool_created (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(SdRequestDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sd_outbox_create_managed_pool_finish (SD_OUTBOX (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  toast (self, _("The managed pool is ready: SES leases and warms up its addresses as your volume grows."));
  sd_request_manager_schedule_refresh (self->manager);
}

static void
on_pool_response (SdManagedPoolDialog *dialog,
                  const char          *response,
                  SdRequestDialog     *self)
{
  SdOutbox *outbox = sd_request_manager_get_outbox (self->manager);
  const char *region = sd_request_get_region (self->request);

  if (!g_str_equal (response, "create"))
    return;
  if (outbox == NULL || region == NULL)
    {
      toast (self, _("SES Desk is not connected to AWS yet: try again in a moment."));
      return;
    }
  sd_outbox_create_managed_pool_async (outbox, sd_request_get_profile (self->request), region,
                                       sd_managed_pool_dialog_get_pool_name (dialog), self->cancellable,
                                       on_managed_pool_created, g_object_ref (self));
  toast (self, _("Creating the managed pool…"));
}

static void
on_managed_pool_clicked (SdRequestDialog *self)
{
  const char *region = sd_request_get_region (self->request);
  GtkWidget *dialog;

  if (region == NULL)
    {
      toast (self, _("Choose a region first."));
      return;
    }
  dialog = sd_managed_pool_dialog_new (GTK_WINDOW (self), region);
  g_signal_connect (dialog, "response", G_CALLBACK (on_pool_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_notices (SdRequestDialog *self)
{
  sd_request_checks_set_notices (self->checks, self->request);
}

/* Checks */

static gboolean
check_allows_send (SdRequestDialog *self)
{
  if (self->check == NULL)
    return TRUE;
  /* Without Support API access, sending is what copies the text and opens the Support Center. */
  return sd_request_check_get_sendable (self->check) || !sd_request_check_get_support_api (self->check);
}

static void
update_buttons (SdRequestDialog *self)
{
  gboolean valid = sd_request_get_valid (self->request);
  guint problems = self->form != NULL ? sd_request_form_count_problems (self->form) : 0;
  gboolean on_form = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") == 0;

  gtk_widget_set_sensitive (self->preview_button, valid);
  gtk_widget_set_sensitive (self->send_button, valid && !self->sending && !self->sent && check_allows_send (self));
  sd_request_problems_bar_set_revealed (self->problems_bar, on_form && problems > 0);
  sd_request_problems_bar_set_problems (self->problems_bar, problems);
}

static void
on_show_case (SdRequestDialog *self,
              const char      *case_id)
{
  sd_request_util_show_case (GTK_WIDGET (self), sd_request_get_profile (self->request), case_id);
}

static void
on_use_service_quotas (SdRequestDialog *self,
                       const char      *region)
{
  sd_request_set_use_service_quotas (self->request, region, TRUE);
  run_check (self);
}

static void
on_check_again (SdRequestDialog *self)
{
  run_check (self);
}

static char *
compose_case_text (SdRequestDialog *self,
                   const char      *region)
{
  g_autoptr(SdRequestPreview) preview = sd_request_preview_new (self->request, region);
  const char *subject = sd_request_preview_get_subject (preview);
  const char *body = sd_request_preview_get_body (preview);

  return g_strdup_printf ("%s\n\n%s", subject != NULL ? subject : "", body != NULL ? body : "");
}

static void
on_copy_for_support_center (SdRequestDialog *self,
                            const char      *region)
{
  g_autofree char *text = NULL;

  if (!sd_request_get_valid (self->request))
    {
      sd_request_form_focus_first_problem (self->form);
      toast (self, _("Complete the form first: the text for the Support Center is made from it."));
      return;
    }
  text = compose_case_text (self, region);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  sd_request_util_open_uri (GTK_WIDGET (self), sd_support_center_create_case_url (region), NULL);
  toast (self, _("The case text is on the clipboard: paste it into the Support Center’s form."));
}

static void on_send_clicked (SdRequestDialog *self);

/* The labelled alternative: the same text as a question to SES support. */
static void
on_ask_ses_support (SdRequestDialog *self)
{
  if (!sd_request_get_valid (self->request))
    {
      sd_request_form_focus_first_problem (self->form);
      toast (self, _("Complete the form first: the text for the Support Center is made from it."));
      return;
    }
  sd_request_set_ses_support_case (self->request, TRUE);
  on_send_clicked (self);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SdRequestDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdRequestCheck) check = sd_request_check_finish (result, &error);

  if (check == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->checking = FALSE;
          sd_request_checks_show_error (self->checks, error->message);
        }
      return;
    }
  self->checking = FALSE;
  g_clear_object (&self->check_cancellable);
  g_set_object (&self->check, check);
  sd_request_checks_show_check (self->checks, self->request, check);
  update_buttons (self);
}

static void
run_check (SdRequestDialog *self)
{
  SdAwsClient *client = sd_request_manager_get_client (self->manager);
  SdRequestCheckFlags flags = SD_REQUEST_CHECK_NONE;

  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);

  if (sd_request_get_regions (self->request)[0] == NULL)
    {
      sd_request_checks_clear (self->checks);
      g_clear_object (&self->check);
      update_buttons (self);
      return;
    }
  if (client == NULL)
    {
      /* Checked once the main window has its client (notify::client). */
      sd_request_checks_hide_checks (self->checks);
      return;
    }

  if (sd_request_get_kind (self->request) == SD_REQUEST_KIND_SENDING_LIMITS)
    flags |= SD_REQUEST_CHECK_READINESS;
  self->check_cancellable = g_cancellable_new ();
  self->checking = TRUE;
  sd_request_checks_show_checking (self->checks);
  sd_request_check_async (client, self->request, flags, self->check_cancellable, on_checked, g_object_ref (self));
}

static gboolean
on_check_timeout (gpointer user_data)
{
  SdRequestDialog *self = user_data;

  self->check_id = 0;
  run_check (self);
  return G_SOURCE_REMOVE;
}

/* The request */

static void
set_request (SdRequestDialog *self,
             SdRequest       *request,
             gboolean         restored)
{
  GtkWidget *form;

  if (self->request != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->request, self);
      if (self->tracked)
        sd_draft_store_untrack (sd_request_manager_get_drafts (self->manager), self->request);
    }
  self->tracked = FALSE;
  g_set_object (&self->request, request);
  sd_request_result_list_set_request_id (self->result_list, sd_request_get_id (request));
  g_clear_object (&self->check);

  apply_region_info (self);
  form = sd_request_form_new (request, sd_request_manager_get_regions (self->manager));
  self->form = SD_REQUEST_FORM (form);
  adw_bin_set_child (self->form_bin, form);

  /* A draft is already on disk: follow it. A new request is saved from the
   * first change on, so that opening and closing leaves nothing behind. */
  if (restored)
    {
      sd_draft_store_track (sd_request_manager_get_drafts (self->manager), request);
      self->tracked = TRUE;
      sd_request_form_reveal_problems (self->form);
    }

  g_signal_connect_swapped (request, "changed", G_CALLBACK (on_request_changed), self);
  g_signal_connect_swapped (request, "notify::modified", G_CALLBACK (on_request_modified), self);
  g_signal_connect_swapped (request, "notify::regions", G_CALLBACK (on_regions_changed), self);
  /* The quota asked for decides which open quota request stands in the way. */
  g_signal_connect_swapped (request, "notify::limit", G_CALLBACK (schedule_check), self);

  update_title (self);
  update_notices (self);
  update_buttons (self);
  run_check (self);
}

/* Sending and its outcome */

static void
update_outcome (SdRequestDialog *self)
{
  sd_request_outcome_show_entries (self->outcome, sd_request_result_list_get_entries (self->result_list),
                                   self->sending, sd_request_get_support_api (self->request));
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SdRequestDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = sd_outbox_send_finish (SD_OUTBOX (source), result, &error);

  self->sending = FALSE;
  if (entries == NULL)
    {
      sd_request_outcome_set (self->outcome, "dialog-error-symbolic", _("Not Sent"), error->message);
      show_page (self, "result");
      return;
    }

  self->sent = TRUE;
  for (guint i = 0; i < entries->len; i++)
    {
      SdOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (sd_outbox_entry_get_state (entry) == SD_OUTBOX_STATE_NEEDS_USER &&
          (sd_outbox_entry_get_reason (entry) == SD_OUTBOX_REASON_SUBSCRIPTION_REQUIRED ||
           sd_outbox_entry_get_reason (entry) == SD_OUTBOX_REASON_SUPPORT_CENTER))
        {
          sd_request_support_center_show (self->support_center, self->request, entry);
          break;
        }
    }
  show_page (self, "result");
  update_outcome (self);
}

/* Callbacks */

static void
on_request_changed (SdRequestDialog *self)
{
  update_notices (self);
  update_buttons (self);
}

/* The first change makes the request a draft; a change after AWS confirmed
 * every region (and the draft went) makes it one again. Tracking twice is
 * a no-op. */
static void
on_request_modified (SdRequestDialog *self)
{
  sd_draft_store_track (sd_request_manager_get_drafts (self->manager), self->request);
  self->tracked = TRUE;
}

static void
schedule_check (SdRequestDialog *self)
{
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (CHECK_DELAY_MS, on_check_timeout, self);
}

static void
on_regions_changed (SdRequestDialog *self)
{
  update_title (self);
  schedule_check (self);
}

static void
on_preview_clicked (SdRequestDialog *self)
{
  if (!sd_request_get_valid (self->request))
    {
      sd_request_form_focus_first_problem (self->form);
      return;
    }
  sd_request_preview_view_show (self->preview_view, self->request);
  show_page (self, "preview");
  gtk_widget_grab_focus (self->send_button);
}

static void
on_back_clicked (SdRequestDialog *self)
{
  show_page (self, "form");
}

static void
on_send_clicked (SdRequestDialog *self)
{
  SdOutbox *outbox = sd_request_manager_get_outbox (self->manager);

  if (self->sending || !sd_request_get_valid (self->request))
    return;
  if (outbox == NULL)
    {
      toast (self, _("SES Desk is not connected to AWS yet: try again in a moment."));
      return;
    }

  sd_request_result_list_follow (self->result_list, sd_request_manager_get_entries (self->manager));
  self->sending = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->support_center), FALSE);
  show_page (self, "result");
  update_outcome (self);
  sd_outbox_send_async (outbox, self->request, NULL, on_sent, g_object_ref (self));
}

static void
on_next_problem_clicked (SdRequestDialog *self)
{
  sd_request_form_focus_first_problem (self->form);
}

static void
on_continue_draft_clicked (SdRequestDialog *self)
{
  g_autoptr(SdRequest) draft = g_steal_pointer (&self->offered_draft);
  SdRequest *abandoned = self->request;

  gtk_widget_set_visible (GTK_WIDGET (self->draft_bar), FALSE);
  if (draft == NULL)
    return;
  /* The new request was never changed, or its draft stays for later. */
  if (!self->tracked && abandoned != NULL)
    sd_draft_store_discard (sd_request_manager_get_drafts (self->manager), sd_request_get_id (abandoned), NULL);
  set_request (self, draft, TRUE);
  gtk_widget_grab_focus (self->preview_button);
}

static void
on_discard_draft_clicked (SdRequestDialog *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->draft_bar), FALSE);
  if (self->offered_draft == NULL)
    return;
  if (!sd_draft_store_discard (sd_request_manager_get_drafts (self->manager),
                               sd_request_get_id (self->offered_draft), &error))
    toast (self, error->message);
  else
    toast (self, _("Draft discarded"));
  g_clear_object (&self->offered_draft);
}

/* Overrides */

static void
sd_request_dialog_dispose (GObject *object)
{
  SdRequestDialog *self = SD_REQUEST_DIALOG (object);

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  if (self->request != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->request, self);
      /* What was typed last reaches the disk; the draft stays for later. */
      if (self->tracked && self->manager != NULL)
        sd_draft_store_untrack (sd_request_manager_get_drafts (self->manager), self->request);
      self->tracked = FALSE;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), SD_TYPE_REQUEST_DIALOG);

  g_clear_object (&self->check);
  g_clear_object (&self->offered_draft);
  g_clear_object (&self->request);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (sd_request_dialog_parent_class)->dispose (object);
}

static void
sd_request_dialog_finalize (GObject *object)
{
  SdRequestDialog *self = SD_REQUEST_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->check_cancellable);

  G_OBJECT_CLASS (sd_request_dialog_parent_class)->finalize (object);
}

static void
sd_request_dialog_class_init (SdRequestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sd_request_dialog_dispose;
  object_class->finalize = sd_request_dialog_finalize;

  g_type_ensure (SD_TYPE_REQUEST_CHECKS);
  g_type_ensure (SD_TYPE_REQUEST_DRAFT_BAR);
  g_type_ensure (SD_TYPE_REQUEST_OUTCOME);
  g_type_ensure (SD_TYPE_REQUEST_PREVIEW_VIEW);
  g_type_ensure (SD_TYPE_REQUEST_PROBLEMS_BAR);
  g_type_ensure (SD_TYPE_REQUEST_RESULT_LIST);
  g_type_ensure (SD_TYPE_REQUEST_SUPPORT_CENTER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sesdesk/SesDesk/sd-request-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, preview_button);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, form_scrolled);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, draft_bar);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, checks);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, form_bin);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, problems_bar);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, outcome);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, support_center);
  gtk_widget_class_bind_template_child (widget_class, SdRequestDialog, result_list);
  gtk_widget_class_bind_template_callback (widget_class, on_preview_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_problem_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_draft_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_discard_draft_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_show_case);
  gtk_widget_class_bind_template_callback (widget_class, on_use_service_quotas);
  gtk_widget_class_bind_template_callback (widget_class, on_check_again);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_for_support_center);
  gtk_widget_class_bind_template_callback (widget_class, on_ask_ses_support);
  gtk_widget_class_bind_template_callback (widget_class, on_managed_pool_clicked);
  gtk_widget_class_bind_template_callback (widget_class, toast);
  gtk_widget_class_bind_template_callback (widget_class, update_outcome);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sd_request_dialog_init (SdRequestDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* Public API */

static GtkWindow *
parent_window (GtkWidget *from)
{
  GtkRoot *root = gtk_widget_get_root (from);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static SdRequestDialog *
find_open_dialog (GtkWidget  *from,
                  const char *request_id)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SD_IS_REQUEST_DIALOG (window) && SD_REQUEST_DIALOG (window)->request != NULL &&
          g_strcmp0 (sd_request_get_id (SD_REQUEST_DIALOG (window)->request), request_id) == 0)
        return SD_REQUEST_DIALOG (window);
    }
  return NULL;
}

static SdRequestDialog *
new_dialog (GtkWidget        *from,
            SdRequestManager *manager)
{
  SdRequestDialog *self = g_object_new (SD_TYPE_REQUEST_DIALOG,
                                        "transient-for", parent_window (from),
                                        NULL);

  self->manager = g_object_ref (manager);
  g_signal_connect_object (manager, "notify::client", G_CALLBACK (run_check), self, G_CONNECT_SWAPPED);
  return self;
}

/* An unsent draft of the same request: same kind and account, and the region
 * among its regions (or none chosen yet). */
static SdRequest *
find_draft (SdRequestManager *manager,
            SdRequestKind     kind,
            const char       *profile,
            const char       *region)
{
  g_autoptr(GPtrArray) drafts = sd_draft_store_load_all (sd_request_manager_get_drafts (manager), NULL, NULL);

  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    {
      SdRequest *draft = g_ptr_array_index (drafts, i);
      const char * const *regions = sd_request_get_regions (draft);

      if (sd_request_get_kind (draft) != kind || g_strcmp0 (sd_request_get_profile (draft), profile) != 0)
        continue;
      if (find_open_dialog (NULL, sd_request_get_id (draft)) != NULL)
        continue;
      if (regions[0] == NULL || region == NULL || g_strv_contains (regions, region))
        return g_object_ref (draft);
    }
  return NULL;
}

void
sd_request_dialog_present (GtkWidget          *from,
                           SdRequestKind       kind,
                           SdRegionStatus     *status,
                           const char * const *release_ips)
{
  SdRequestManager *manager;
  SdRequestDialog *self;
  g_autoptr(SdRequest) request = NULL;
  const char *profile = status != NULL ? sd_region_status_get_profile (status) : NULL;
  const char *region = status != NULL ? sd_region_status_get_region (status) : NULL;

  g_return_if_fail (GTK_IS_WIDGET (from));

  manager = sd_request_manager_from_widget (from);
  g_return_if_fail (manager != NULL);

  request = sd_request_new (kind);
  /* A new request follows the setting; a restored draft keeps its own language. */
  sd_request_set_support_language (request, sd_request_manager_get_support_language (manager));
  sd_request_set_profile (request, profile);
  if (region != NULL)
    sd_request_set_region (request, region);
  if (release_ips != NULL && kind == SD_REQUEST_KIND_RELEASE_IPS)
    {
      g_autofree char *count = g_strdup_printf ("%u", g_strv_length ((char **) release_ips));

      sd_request_set_release_ips (request, release_ips);
      if (release_ips[0] != NULL)
        sd_request_set_ip_count (request, count);
    }

  self = new_dialog (from, manager);
  set_request (self, request, FALSE);

  self->offered_draft = find_draft (manager, kind, profile, region);
  if (self->offered_draft != NULL)
    sd_request_draft_bar_offer (self->draft_bar, sd_request_get_modified (self->offered_draft));
  show_page (self, "form");
  gtk_window_present (GTK_WINDOW (self));
  if (self->offered_draft != NULL)
    sd_request_draft_bar_focus_continue (self->draft_bar);
}

void
sd_request_dialog_present_request (GtkWidget *from,
                                   SdRequest *request)
{
  SdRequestManager *manager;
  SdRequestDialog *self;

  g_return_if_fail (GTK_IS_WIDGET (from));
  g_return_if_fail (SD_IS_REQUEST (request));

  self = find_open_dialog (from, sd_request_get_id (request));
  if (self != NULL)
    {
      /* "Edit Request…" on the dialog's own outcome: back to its form, to
       * change what AWS refused and send the regions it does not have. */
      if (!self->sending && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "result") == 0)
        {
          self->sent = FALSE;
          show_page (self, "form");
          run_check (self);
        }
      gtk_window_present (GTK_WINDOW (self));
      return;
    }
  manager = sd_request_manager_from_widget (from);
  g_return_if_fail (manager != NULL);

  self = new_dialog (from, manager);
  set_request (self, request, TRUE);
  show_page (self, "form");
  gtk_window_present (GTK_WINDOW (self));
}

SdRequest *
sd_request_dialog_get_request (SdRequestDialog *self)
{
  g_return_val_if_fail (SD_IS_REQUEST_DIALOG (self), NULL);
  return self->request;
}
