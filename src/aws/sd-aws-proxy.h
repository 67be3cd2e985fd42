/* sd-aws-proxy.h — the proxy variables AWS tools honour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A resolver for the proxy variables in @envp (g_get_environ() form):
 * https_proxy / HTTPS_PROXY for https:// URLs, http_proxy / HTTP_PROXY for
 * http:// ones (the lower-case name first), no_proxy / NO_PROXY for hosts
 * reached directly ("*" for all). NULL when neither proxy variable is set:
 * then GIO's default resolver (the desktop's proxy settings) applies. */
GProxyResolver *sd_aws_proxy_resolver_new_from_environ (const char * const *envp);

G_END_DECLS
