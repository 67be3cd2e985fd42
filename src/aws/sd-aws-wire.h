/* sd-aws-wire.h — the client's network thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A thread of its own for everything between a signed SoupMessage and the
 * whole answer read: the SoupSessions (one a signing region), their
 * connections, TLS, reading the body and, through the job's read function,
 * parsing it. The caller's main loop gets each finished job back in slices
 * of a few milliseconds, so that thousands of answers arriving at once never
 * hold it longer than one slice. Not a public API: the client's own. */
typedef struct _SdAwsWire SdAwsWire;
typedef struct _SdAwsWireJob SdAwsWireJob;

/* Runs on the wire's thread once the answer is read (or failed): may read
 * the job's message, bytes and error, and must touch nothing the caller's
 * thread uses meanwhile. */
typedef void (*SdAwsWireReadFunc) (SdAwsWireJob *job,
                                   gpointer      user_data);
/* Runs on the main context that was thread-default when the job was sent. */
typedef void (*SdAwsWireDoneFunc) (SdAwsWireJob *job,
                                   gpointer      user_data);

/* @max_conns: the most connections open at once in all sessions (idle ones
 * of the least recently used regions are closed to make room); @proxy: NULL
 * for the desktop's settings. */
SdAwsWire    *sd_aws_wire_new          (guint             max_conns,
                                        guint             timeout,
                                        GProxyResolver   *proxy);
/* Closes every connection and ends the thread; no job may be under way. */
void          sd_aws_wire_free         (SdAwsWire        *wire);
/* Seconds a read may wait (libsoup's "timeout") in sessions from now on. */
void          sd_aws_wire_set_timeout  (SdAwsWire        *wire,
                                        guint             seconds);

/* A request to send: @msg built and signed; @session_key names its session
 * (the signing region; "" for unsigned hosts); @tls the database for HTTPS
 * (NULL: the system's); the answer is read up to @answer_limit bytes. */
SdAwsWireJob *sd_aws_wire_job_new      (SoupMessage      *msg,
                                        const char       *session_key,
                                        GTlsDatabase     *tls,
                                        gsize             answer_limit,
                                        SdAwsWireReadFunc read_func,
                                        SdAwsWireDoneFunc done_func,
                                        gpointer          user_data);
SdAwsWireJob *sd_aws_wire_job_ref      (SdAwsWireJob     *job);
void          sd_aws_wire_job_unref    (SdAwsWireJob     *job);
/* Hands @job (a reference taken) to the wire's thread. */
void          sd_aws_wire_send         (SdAwsWire        *wire,
                                        SdAwsWireJob     *job);
/* From any thread: stops the job; it ends with G_IO_ERROR_CANCELLED unless
 * its answer was already read. */
void          sd_aws_wire_job_cancel   (SdAwsWireJob     *job);

SoupMessage  *sd_aws_wire_job_get_message (SdAwsWireJob  *job);
/* The whole answer, or NULL when the transport failed (then the error is set). */
GBytes       *sd_aws_wire_job_get_bytes   (SdAwsWireJob  *job);
/* Replaces the answer with a transport error (from the read function). */
void          sd_aws_wire_job_fail        (SdAwsWireJob  *job,
                                           GError        *error);
GError       *sd_aws_wire_job_steal_error (SdAwsWireJob  *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdAwsWireJob, sd_aws_wire_job_unref)

G_END_DECLS
