/* sd-aws-io.h — reading what other programs send, within limits, and
 * forgetting secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reads @stream to its end, keeping at most @limit bytes: a stream that has
 * more fails with G_IO_ERROR_MESSAGE_TOO_LARGE as soon as it passes the
 * limit, so a server or a process cannot fill the memory. */
void    sd_aws_read_all_async  (GInputStream         *stream,
                                gsize                 limit,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
GBytes *sd_aws_read_all_finish (GInputStream         *stream,
                                GAsyncResult         *result,
                                GError              **error);

/* Wipes @len bytes at @data (the compiler cannot drop it as a dead store). */
void    sd_aws_wipe            (gpointer              data,
                                gsize                 len);
/* Wipes a NUL-terminated string that held a secret, then frees it. */
void    sd_aws_wipe_free       (char                 *secret);
/* Drops a reference to @bytes that held a secret, wiping the last copy. */
void    sd_aws_wipe_bytes_unref (GBytes              *bytes);

/* A string holding a secret: g_autoptr(SdAwsSecret) wipes it when it goes. */
typedef char SdAwsSecret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdAwsSecret, sd_aws_wipe_free)
/* Bytes holding a secret: g_autoptr(SdAwsSecretBytes) wipes them when they go. */
typedef GBytes SdAwsSecretBytes;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdAwsSecretBytes, sd_aws_wipe_bytes_unref)

G_END_DECLS
