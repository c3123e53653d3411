/* followup-error.c: the error domain, registered once for GDBus */
#include "config.h"

#include <gio/gio.h>

#include "followup-error.h"

static const GDBusErrorEntry followup_error_entries[] = {
  { FOLLOWUP_ERROR_FAILED, FOLLOWUP_DBUS_ERROR_PREFIX "Failed" },
  { FOLLOWUP_ERROR_NOT_FOUND, FOLLOWUP_DBUS_ERROR_PREFIX "NotFound" },
  { FOLLOWUP_ERROR_INVALID, FOLLOWUP_DBUS_ERROR_PREFIX "Invalid" },
  { FOLLOWUP_ERROR_EXISTS, FOLLOWUP_DBUS_ERROR_PREFIX "Exists" },
  { FOLLOWUP_ERROR_CONFIG_BROKEN, FOLLOWUP_DBUS_ERROR_PREFIX "ConfigBroken" },
  { FOLLOWUP_ERROR_IO, FOLLOWUP_DBUS_ERROR_PREFIX "IO" },
  { FOLLOWUP_ERROR_CHANGED, FOLLOWUP_DBUS_ERROR_PREFIX "Changed" },
  { FOLLOWUP_ERROR_PAST_LIMIT, FOLLOWUP_DBUS_ERROR_PREFIX "PastLimit" },
};

GQuark
followup_error_quark (void)
{
  static gsize quark = 0;

  /* registering the domain lets clients get FOLLOWUP_ERROR back from a reply */
  g_dbus_error_register_error_domain ("followup-error-quark", &quark, followup_error_entries,
                                      G_N_ELEMENTS (followup_error_entries));
  return (GQuark) quark;
}
