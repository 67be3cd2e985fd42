/* sd-aws-wire.c — the client's network thread
 *
 * The caller (the client, on the app's main loop) builds and signs each
 * request; this thread sends it, reads its answer and lets the caller's read
 * function parse it there. Finished jobs go back to the caller's context
 * through one source, which hands them over for RETURN_SLICE_USEC at most a
 * dispatch: the main loop draws frames and answers input between slices
 * however many answers arrive at once.
 *
 * Everything libsoup holds (sessions, messages once sent, connections) is
 * used on this thread only; the caller reads a message again only after its
 * job has come back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>

#include "sd-aws-io.h"
#include "sd-aws-wire.h"

#define RETURN_SLICE_USEC 4000
/* The thread's main loop passes at most once a millisecond: a refresh of a
 * fleet keeps hundreds of connections open, and each pass of GLib's main
 * loop checks all their sources (a fleet's refresh spent 0.6 s of CPU more
 * passing for every socket event than once a millisecond). */
#define PASS_INTERVAL_USEC 1000

/* The finished jobs of one caller's context, handed back in slices. */
typedef struct
{
  GSource  source;
  GMutex   lock;                     /* guards jobs: the wire's thread pushes */
  GQueue   jobs;                     /* SdAwsWireJob*, each a reference */
} ReturnSource;

/* A region's SoupSession and its open connections (counted in a box of
 * their own: each connection holds a reference to it until it is
 * finalized, the session may go first). Used on the wire's thread only. */
typedef struct
{
  SoupSession *session;              /* owned */
  guint        in_flight;            /* jobs under way in it */
  gint        *open;                 /* atomic rc box: connections not yet closed */
  gint64       last_use;             /* monotonic µs */
  guint        timeout;
  gboolean     tls_set;
} RegionSession;

struct _SdAwsWire
{
  GThread        *thread;
  GMainContext   *context;           /* the thread's */
  gboolean        stopping;          /* the thread's */
  GSource        *outgoing;          /* in the thread's context: starts the jobs sent */
  GMutex          lock;              /* guards sent and returns */
  GQueue          sent;              /* SdAwsWireJob*, each a reference, not yet started */
  GHashTable     *sessions;          /* session key → RegionSession; the thread's */
  GProxyResolver *proxy;             /* owned; NULL = the desktop's settings */
  guint           max_conns;
  gint            timeout;           /* atomic */
  GHashTable     *returns;           /* GMainContext* (a reference) → ReturnSource* (a reference) */
};

struct _SdAwsWireJob
{
  gint               ref_count;      /* atomic */
  SoupMessage       *message;
  char              *session_key;
  GTlsDatabase      *tls;
  gsize              answer_limit;
  SdAwsWireReadFunc  read_func;
  SdAwsWireDoneFunc  done_func;
  gpointer           user_data;
  GCancellable      *cancellable;    /* cancelled on the wire's thread only */
  SdAwsWire         *wire;           /* set when sent */
  ReturnSource      *ret;            /* the sender's context's; owned by the wire */
  RegionSession     *session;        /* while under way; the thread's */
  gulong             network_handler;
  GBytes            *bytes;
  GError            *error;
};

/* Returning finished jobs to their context */

static gboolean
return_dispatch (GSource     *source,
                 GSourceFunc  callback,
                 gpointer     user_data)
{
  ReturnSource *ret = (ReturnSource *) source;
  gint64 end = g_get_monotonic_time () + RETURN_SLICE_USEC;
  gboolean more;

  g_source_set_ready_time (source, -1);
  for (;;)
    {
      SdAwsWireJob *job;

      g_mutex_lock (&ret->lock);
      job = g_queue_pop_head (&ret->jobs);
      g_mutex_unlock (&ret->lock);
      if (job == NULL)
        return G_SOURCE_CONTINUE;

      job->done_func (job, job->user_data);
      sd_aws_wire_job_unref (job);
      /* The last job may have let the wire go. */
      if (g_source_is_destroyed (source))
        return G_SOURCE_REMOVE;
      if (g_get_monotonic_time () >= end)
        break;
    }

  g_mutex_lock (&ret->lock);
  more = !g_queue_is_empty (&ret->jobs);
  g_mutex_unlock (&ret->lock);
  if (more)
    g_source_set_ready_time (source, 0);
  return G_SOURCE_CONTINUE;
}

static void
return_finalize (GSource *source)
{
  ReturnSource *ret = (ReturnSource *) source;

  g_queue_clear_full (&ret->jobs, (GDestroyNotify) sd_aws_wire_job_unref);
  g_mutex_clear (&ret->lock);
}

static GSourceFuncs return_funcs = {
  .dispatch = return_dispatch,
  .finalize = return_finalize,
};

/* The return source of the calling thread's context, made on first use. */
static ReturnSource *
return_source_for_caller (SdAwsWire *wire)
{
  GMainContext *context = g_main_context_ref_thread_default ();
  ReturnSource *ret;

  g_mutex_lock (&wire->lock);
  ret = g_hash_table_lookup (wire->returns, context);
  if (ret == NULL)
    {
      ret = (ReturnSource *) g_source_new (&return_funcs, sizeof (ReturnSource));
      g_mutex_init (&ret->lock);
      g_queue_init (&ret->jobs);
      g_source_set_name ((GSource *) ret, "[sd-aws] answers");
      g_source_set_priority ((GSource *) ret, G_PRIORITY_DEFAULT);
      g_source_attach ((GSource *) ret, context);
      g_hash_table_insert (wire->returns, g_main_context_ref (context), ret);
    }
  g_mutex_unlock (&wire->lock);
  g_main_context_unref (context);
  return ret;
}

static void
return_source_destroy (gpointer data)
{
  g_source_destroy (data);
  g_source_unref (data);
}

/* Sessions (the wire's thread) */

static RegionSession *
region_session_ref (RegionSession *rs)
{
  return g_atomic_rc_box_acquire (rs);
}

static void
region_session_clear (gpointer data)
{
  RegionSession *rs = data;

  g_clear_object (&rs->session);
  g_atomic_rc_box_release (rs->open);
}

static void
region_session_unref (RegionSession *rs)
{
  g_atomic_rc_box_release_full (rs, region_session_clear);
}

static void
region_session_closure_unref (gpointer  data,
                              GClosure *closure)
{
  region_session_unref (data);
}

/* A connection of the session closed for good. */
static void
on_connection_gone (gpointer  data,
                    GObject  *where_the_object_was)
{
  gint *open = data;

  g_atomic_int_add (open, -1);
  g_atomic_rc_box_release (open);
}

/* Connections open in the sessions the wire still has. */
static guint
open_connections (SdAwsWire *wire)
{
  GHashTableIter iter;
  gpointer value;
  guint open = 0;

  g_hash_table_iter_init (&iter, wire->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    open += (guint) g_atomic_int_get (((RegionSession *) value)->open);
  return open;
}

/* Idle connections of other regions are libsoup's to close, not the
 * caller's gate: when the sessions hold as many connections as the wire may
 * open, the sessions with nothing in flight are let go (their connections
 * close), the least recently used first, until there is room again. */
static void
make_room (SdAwsWire *wire)
{
  while (open_connections (wire) >= wire->max_conns)
    {
      GHashTableIter iter;
      gpointer key, value;
      const char *oldest = NULL;
      gint64 oldest_use = G_MAXINT64;

      g_hash_table_iter_init (&iter, wire->sessions);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          RegionSession *rs = value;

          if (rs->in_flight == 0 && g_atomic_int_get (rs->open) > 0 && rs->last_use < oldest_use)
            {
              oldest = key;
              oldest_use = rs->last_use;
            }
        }
      if (oldest == NULL)
        return;
      g_debug ("closing the idle connections to %s", *oldest != '\0' ? oldest : "unsigned hosts");
      g_hash_table_remove (wire->sessions, oldest);
    }
}

/* A request's headers and its body go out in separate writes: with Nagle's
 * algorithm on, the body waits for the server's delayed ACK of the headers
 * (40 ms and more on Linux). Every connection the wire opens sends at once,
 * as curl's and the AWS SDKs' do. */
static void
on_network_event (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  RegionSession *rs = user_data;
  GSocket *socket;
  g_autoptr(GError) error = NULL;

  if (event != G_SOCKET_CLIENT_CONNECTED || !G_IS_SOCKET_CONNECTION (connection))
    return;
  g_atomic_int_inc (rs->open);
  g_object_weak_ref (G_OBJECT (connection), on_connection_gone, g_atomic_rc_box_acquire (rs->open));
  socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (connection));
  if (g_socket_get_family (socket) != G_SOCKET_FAMILY_UNIX
      && !g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, 1, &error))
    g_debug ("TCP_NODELAY not set: %s", error->message);
}

/* One SoupSession a signing region: libsoup walks its whole queue, and its
 * host's connections, for each message it places, so a session per region
 * keeps those walks as short as one region's requests (a fleet's refresh
 * took three times the CPU in one session). */
static RegionSession *
session_for (SdAwsWire    *wire,
             SdAwsWireJob *job)
{
  RegionSession *rs = g_hash_table_lookup (wire->sessions, job->session_key);
  guint timeout = (guint) g_atomic_int_get (&wire->timeout);

  if (rs == NULL)
    {
      make_room (wire);
      rs = g_atomic_rc_box_new0 (RegionSession);
      rs->open = g_atomic_rc_box_new0 (gint);
      rs->timeout = timeout;
      rs->session = soup_session_new_with_options ("user-agent", "ses-desk/" PACKAGE_VERSION,
                                                   "timeout", timeout,
                                                   "max-conns-per-host", wire->max_conns,
                                                   "max-conns", wire->max_conns,
                                                   NULL);
      if (wire->proxy != NULL)
        soup_session_set_proxy_resolver (rs->session, wire->proxy);
      g_hash_table_insert (wire->sessions, g_strdup (job->session_key), rs);
    }
  if (rs->timeout != timeout)
    {
      rs->timeout = timeout;
      g_object_set (rs->session, "timeout", timeout, NULL);
    }
  /* Only HTTPS jobs carry the database (the caller decides). */
  if (!rs->tls_set && job->tls != NULL)
    {
      soup_session_set_tls_database (rs->session, job->tls);
      rs->tls_set = TRUE;
    }
  rs->last_use = g_get_monotonic_time ();
  return rs;
}

/* Jobs (the wire's thread) */

static void
job_finish (SdAwsWireJob *job)
{
  ReturnSource *ret = job->ret;
  gboolean wake;

  if (job->session != NULL)
    {
      /* The handler's reference to the session goes here, not wherever the
       * message is finalized. */
      g_clear_signal_handler (&job->network_handler, job->message);
      job->session->in_flight--;
      job->session->last_use = g_get_monotonic_time ();
      g_clear_pointer (&job->session, region_session_unref);
    }
  if (job->read_func != NULL)
    job->read_func (job, job->user_data);

  g_mutex_lock (&ret->lock);
  wake = g_queue_is_empty (&ret->jobs);
  g_queue_push_tail (&ret->jobs, job);       /* the wire's reference */
  g_mutex_unlock (&ret->lock);
  /* A dispatch under way takes what comes meanwhile: waking the context
   * (and taking its lock) once a batch is enough. */
  if (wake)
    g_source_set_ready_time ((GSource *) ret, 0);
}

static void
on_answer_read (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  SdAwsWireJob *job = user_data;

  job->bytes = sd_aws_read_all_finish (G_INPUT_STREAM (source), res, &job->error);
  /* An answer not read to its end closes its connection. */
  g_input_stream_close (G_INPUT_STREAM (source), NULL, NULL);
  job_finish (job);
}

static void
on_sent (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  SdAwsWireJob *job = user_data;
  g_autoptr(GInputStream) stream = soup_session_send_finish (SOUP_SESSION (source), res, &job->error);

  if (stream == NULL)
    {
      job_finish (job);
      return;
    }
  /* The stream gives the body decoded (gzip, deflate, br): the limit holds
   * after decompression. */
  sd_aws_read_all_async (stream, job->answer_limit, job->cancellable, on_answer_read, job);
}

static void
job_start (SdAwsWireJob *job)
{
  RegionSession *rs;

  if (g_cancellable_set_error_if_cancelled (job->cancellable, &job->error))
    {
      job_finish (job);
      return;
    }
  rs = session_for (job->wire, job);
  rs->in_flight++;
  job->session = region_session_ref (rs);
  job->network_handler = g_signal_connect_data (job->message, "network-event",
                                                G_CALLBACK (on_network_event),
                                                region_session_ref (rs),
                                                region_session_closure_unref, 0);
  soup_session_send_async (rs->session, job->message, G_PRIORITY_DEFAULT, job->cancellable,
                           on_sent, job);
}

/* The thread's source that starts the jobs sent. */
typedef struct
{
  GSource    source;
  SdAwsWire *wire;
} OutgoingSource;

/* Starts every job sent since the last time. */
static gboolean
outgoing_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  SdAwsWire *wire = ((OutgoingSource *) source)->wire;
  GQueue jobs = G_QUEUE_INIT;
  SdAwsWireJob *job;

  g_source_set_ready_time (source, -1);
  g_mutex_lock (&wire->lock);
  jobs = wire->sent;
  g_queue_init (&wire->sent);
  g_mutex_unlock (&wire->lock);
  while ((job = g_queue_pop_head (&jobs)) != NULL)
    job_start (job);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs outgoing_funcs = {
  .dispatch = outgoing_dispatch,
};

static gboolean
job_cancel (gpointer data)
{
  SdAwsWireJob *job = data;

  g_cancellable_cancel (job->cancellable);
  return G_SOURCE_REMOVE;
}

/* The thread */

static gpointer
wire_thread (gpointer data)
{
  SdAwsWire *wire = data;

  g_main_context_push_thread_default (wire->context);
  while (!wire->stopping)
    {
      g_main_context_iteration (wire->context, TRUE);
      /* Each pass looks at every connection's source: let what arrives
       * meanwhile gather, rather than pass again for each socket. */
      g_usleep (PASS_INTERVAL_USEC);
    }
  /* Let the closing connections finish what they started. */
  while (g_main_context_iteration (wire->context, FALSE))
    ;
  g_main_context_pop_thread_default (wire->context);
  return NULL;
}

static gboolean
wire_stop (gpointer data)
{
  SdAwsWire *wire = data;

  g_hash_table_remove_all (wire->sessions);
  wire->stopping = TRUE;
  return G_SOURCE_REMOVE;
}

/* Public API */

SdAwsWire *
sd_aws_wire_new (guint           max_conns,
                 guint           timeout,
                 GProxyResolver *proxy)
{
  SdAwsWire *wire = g_new0 (SdAwsWire, 1);

  wire->max_conns = max_conns;
  wire->timeout = (gint) timeout;
  wire->proxy = proxy != NULL ? g_object_ref (proxy) : NULL;
  wire->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) region_session_unref);
  g_mutex_init (&wire->lock);
  g_queue_init (&wire->sent);
  wire->returns = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) g_main_context_unref,
                                         return_source_destroy);
  wire->context = g_main_context_new ();
  wire->outgoing = g_source_new (&outgoing_funcs, sizeof (OutgoingSource));
  ((OutgoingSource *) wire->outgoing)->wire = wire;
  g_source_set_name (wire->outgoing, "[sd-aws] requests");
  g_source_attach (wire->outgoing, wire->context);
  wire->thread = g_thread_new ("sd-aws-wire", wire_thread, wire);
  return wire;
}

void
sd_aws_wire_free (SdAwsWire *wire)
{
  if (wire == NULL)
    return;

  g_main_context_invoke (wire->context, wire_stop, wire);
  g_thread_join (wire->thread);
  g_assert (g_queue_is_empty (&wire->sent));
  g_source_destroy (wire->outgoing);
  g_source_unref (wire->outgoing);
  g_hash_table_unref (wire->sessions);
  g_hash_table_unref (wire->returns);
  g_mutex_clear (&wire->lock);
  g_main_context_unref (wire->context);
  g_clear_object (&wire->proxy);
  g_free (wire);
}

void
sd_aws_wire_set_timeout (SdAwsWire *wire,
                         guint      seconds)
{
  g_atomic_int_set (&wire->timeout, (gint) seconds);
}

SdAwsWireJob *
sd_aws_wire_job_new (SoupMessage       *msg,
                     const char        *session_key,
                     GTlsDatabase      *tls,
                     gsize              answer_limit,
                     SdAwsWireReadFunc  read_func,
                     SdAwsWireDoneFunc  done_func,
                     gpointer           user_data)
{
  SdAwsWireJob *job = g_new0 (SdAwsWireJob, 1);

  job->ref_count = 1;
  job->message = g_object_ref (msg);
  job->session_key = g_strdup (session_key);
  job->tls = tls != NULL ? g_object_ref (tls) : NULL;
  job->answer_limit = answer_limit;
  job->read_func = read_func;
  job->done_func = done_func;
  job->user_data = user_data;
  job->cancellable = g_cancellable_new ();
  return job;
}

SdAwsWireJob *
sd_aws_wire_job_ref (SdAwsWireJob *job)
{
  g_atomic_int_inc (&job->ref_count);
  return job;
}

void
sd_aws_wire_job_unref (SdAwsWireJob *job)
{
  if (!g_atomic_int_dec_and_test (&job->ref_count))
    return;
  g_assert (job->session == NULL);
  g_clear_object (&job->message);
  g_free (job->session_key);
  g_clear_object (&job->tls);
  g_clear_object (&job->cancellable);
  /* Answers may hold credentials (AssumeRole, the SSO portal). */
  g_clear_pointer (&job->bytes, sd_aws_wipe_bytes_unref);
  g_clear_error (&job->error);
  g_free (job);
}

void
sd_aws_wire_send (SdAwsWire    *wire,
                  SdAwsWireJob *job)
{
  gboolean wake;

  g_return_if_fail (job->wire == NULL);

  job->wire = wire;
  job->ret = return_source_for_caller (wire);
  g_mutex_lock (&wire->lock);
  wake = g_queue_is_empty (&wire->sent);
  g_queue_push_tail (&wire->sent, sd_aws_wire_job_ref (job));
  g_mutex_unlock (&wire->lock);
  /* The thread's context is locked while it looks at every connection's
   * source: take that lock once a batch, not once a request. */
  if (wake)
    g_source_set_ready_time (wire->outgoing, 0);
}

void
sd_aws_wire_job_cancel (SdAwsWireJob *job)
{
  g_return_if_fail (job->wire != NULL);

  g_main_context_invoke_full (job->wire->context, G_PRIORITY_DEFAULT, job_cancel,
                              sd_aws_wire_job_ref (job), (GDestroyNotify) sd_aws_wire_job_unref);
}

SoupMessage *
sd_aws_wire_job_get_message (SdAwsWireJob *job)
{
  return job->message;
}

GBytes *
sd_aws_wire_job_get_bytes (SdAwsWireJob *job)
{
  return job->bytes;
}

void
sd_aws_wire_job_fail (SdAwsWireJob *job,
                      GError       *error)
{
  g_clear_pointer (&job->bytes, sd_aws_wipe_bytes_unref);
  g_clear_error (&job->error);
  job->error = error;
}

GError *
sd_aws_wire_job_steal_error (SdAwsWireJob *job)
{
  return g_steal_pointer (&job->error);
}
