/* sd-case-list.h — a profile's AWS Support cases, as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "sd-aws-client.h"
#include "sd-case.h"
#include "sd-case-cache.h"
#include "sd-dashboard.h"

G_BEGIN_DECLS

/* What the list shows, for the view's banner or placeholder. */
typedef enum {
  SD_CASE_LIST_STATE_EMPTY,            /* nothing loaded yet */
  SD_CASE_LIST_STATE_CACHED,           /* the saved list, a refresh not done yet */
  SD_CASE_LIST_STATE_READY,            /* fresh from AWS */
  SD_CASE_LIST_STATE_OFFLINE,          /* the network failed: the saved list */
  SD_CASE_LIST_STATE_NO_SUPPORT_PLAN,  /* SubscriptionRequiredException: the ids the app knows */
  SD_CASE_LIST_STATE_FAILED,           /* another error (see get_error): what it had */
} SdCaseListState;

#define SD_TYPE_CASE_LIST_STATE (sd_case_list_state_get_type ())
GType        sd_case_list_state_get_type (void) G_GNUC_CONST;
/* "empty", "cached", "ready", "offline", "no-support-plan", "failed". */
const char  *sd_case_list_state_to_id    (SdCaseListState state);

/* A GListModel of SdCase: the cases that match the search text and the
 * filter (resolved ones only with include-resolved), SES-related, linked
 * and this app's cases first, then newest activity first. Properties:
 * profile, state, loading, error (GError, boxed), message (one translated
 * sentence for the state, or NULL), updated (unix time of the data shown),
 * include-resolved, search-text, filter, n-total (cases known, shown or
 * not). Items stay the same objects across refreshes: rows may bind to
 * their properties. */
#define SD_TYPE_CASE_LIST (sd_case_list_get_type ())
G_DECLARE_FINAL_TYPE (SdCaseList, sd_case_list, SD, CASE_LIST, GObject)

/* @cache: NULL = sd_case_cache_get_default(). */
SdCaseList     *sd_case_list_new              (SdAwsClient *client,
                                               const char  *profile,
                                               SdCaseCache *cache);
/* sd_case_list_get_profile: the profile (NULL = the default one). */
const char     *sd_case_list_get_profile      (SdCaseList *self);
/* sd_case_list_get_client: the AWS client. */
SdAwsClient    *sd_case_list_get_client       (SdCaseList *self);
/* sd_case_list_get_cache: the cache the list uses. */
SdCaseCache    *sd_case_list_get_cache        (SdCaseList *self);
/* sd_case_list_get_state: what the list shows. */
SdCaseListState sd_case_list_get_state        (SdCaseList *self);
/* sd_case_list_get_loading: whether a refresh is under way. */
gboolean        sd_case_list_get_loading      (SdCaseList *self);
/* The last refresh's error, or NULL. */
const GError   *sd_case_list_get_error        (SdCaseList *self);
/* One plain sentence for the state (translated), or NULL when all is well. */
const char     *sd_case_list_get_message      (SdCaseList *self);
/* Unix time of the data shown (when fetched), or 0. */
gint64          sd_case_list_get_updated      (SdCaseList *self);
/* sd_case_list_get_n_total: every case known, shown or not. */
guint           sd_case_list_get_n_total      (SdCaseList *self);

/* Ask for resolved cases too (takes effect at the next refresh, and shows
 * or hides the resolved cases already known at once). */
void            sd_case_list_set_include_resolved (SdCaseList *self,
                                                   gboolean    include_resolved);
/* sd_case_list_get_include_resolved: whether resolved cases are asked for. */
gboolean        sd_case_list_get_include_resolved (SdCaseList *self);
/* sd_case_list_set_search_text: show only cases matching @text. */
void            sd_case_list_set_search_text  (SdCaseList *self,
                                               const char *text);
/* sd_case_list_get_search_text: the search text, or NULL. */
const char     *sd_case_list_get_search_text  (SdCaseList *self);
/* sd_case_list_set_filter: show only cases of a status group. */
void            sd_case_list_set_filter       (SdCaseList   *self,
                                               SdCaseFilter  filter);
/* sd_case_list_get_filter: the status filter. */
SdCaseFilter    sd_case_list_get_filter       (SdCaseList *self);
/* DescribeCases maxResults, 10–100 (default 100). */
void            sd_case_list_set_page_size    (SdCaseList *self,
                                               guint       page_size);

/* A case by case id or display id, shown or not; NULL when unknown. */
SdCase         *sd_case_list_lookup           (SdCaseList *self,
                                               const char *id);
/* Makes a case known by id: it is sorted first and marked with its origin,
 * and listed with a Support Center link even without a support plan. */
void            sd_case_list_add_known_case   (SdCaseList   *self,
                                               const char   *id,
                                               SdCaseOrigin  origin,
                                               const char   *region);
/* The cases @region's requests opened (for the dashboard's link from a
 * region to its cases), in list order; element type SdCase, newly
 * allocated, possibly empty. */
GPtrArray      *sd_case_list_dup_cases_for_region (SdCaseList *self,
                                                   const char *region);
/* Every review case id of @dashboard's regions of this profile. */
void            sd_case_list_add_known_cases_from_dashboard (SdCaseList  *self,
                                                             SdDashboard *dashboard);

/* Shows the saved list (state CACHED) if there is one and nothing newer. */
void            sd_case_list_load_cached_async  (SdCaseList          *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* sd_case_list_load_cached_finish: whether a saved list was shown. */
gboolean        sd_case_list_load_cached_finish (SdCaseList    *self,
                                                 GAsyncResult  *result,
                                                 GError       **error);

/* Every page of DescribeCases. On failure the list keeps what it had (the
 * saved list when the network failed) and the state says why. A refresh
 * asked for while one runs joins it. */
void            sd_case_list_refresh_async    (SdCaseList          *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* sd_case_list_refresh_finish: whether the refresh succeeded. */
gboolean        sd_case_list_refresh_finish   (SdCaseList    *self,
                                               GAsyncResult  *result,
                                               GError       **error);

/* For a background refresh: refreshes, then returns the cases with a
 * message from AWS newer than the last one reported (element type SdCase,
 * in list order; each case is reported once per new message; cases seen
 * for the first time report nothing). NULL with @error on failure. */
void            sd_case_list_check_new_messages_async  (SdCaseList          *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
/* sd_case_list_check_new_messages_finish: the cases with a new AWS message. */
GPtrArray      *sd_case_list_check_new_messages_finish (SdCaseList    *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);

/* The user read @case_ (its thread): clears its unread mark, remembered on disk. */
void            sd_case_list_mark_read        (SdCaseList *self,
                                               SdCase     *case_);

/* Applies DescribeCases' cases (CaseDetails objects of every page); for
 * tests and fuzzing. @complete: these are all the cases (others are dropped). */
void            sd_case_list_apply_cases      (SdCaseList *self,
                                               JsonArray  *cases,
                                               gboolean    complete);

G_END_DECLS
