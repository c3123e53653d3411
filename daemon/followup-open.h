/* followup-open.h: handing a tel: or mailto: URI to the user's desktop
 *
 * through the desktop portal's OpenURI, so the handler (GNOME Calls, KDE
 * Connect, GSConnect, the mail client) runs outside the daemon's sandbox;
 * with no portal on the bus, through GIO's default handler for the scheme */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* never blocks: the portal call has a short timeout, and the callback runs
 * in the caller's thread-default main context once the portal answered its
 * Response (which can be after the user picked an application in a chooser)
 * or GIO started the handler. bus may be NULL (GIO only). Errors, in the
 * G_IO_ERROR domain unless a D-Bus error passes through:
 *   G_IO_ERROR_NOT_SUPPORTED  no portal and no application for the scheme
 *   G_IO_ERROR_CANCELLED      cancelled, or the user closed the chooser
 *   G_IO_ERROR_TIMED_OUT      the portal did not answer in 5 s (no fallback
 *                             then: it may still open it, and twice is worse)
 *   G_IO_ERROR_FAILED         the portal or the application failed */
void followup_open_uri_async (GDBusConnection *bus, const char *uri, GCancellable *cancellable,
                              GAsyncReadyCallback callback, gpointer user_data);
gboolean followup_open_uri_finish (GAsyncResult *result, GError **error);

/* an RFC 3966 tel: URI for a number as a person writes it, or NULL when it
 * is not one (letters, no digits): "+1 (555) 010-0100" -> tel:+1-555-010-0100 */
char *followup_open_tel_uri (const char *number);

G_END_DECLS
