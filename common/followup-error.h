/* followup-error.h: the one error domain, mapped to named D-Bus errors */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FOLLOWUP_ERROR (followup_error_quark ())
#define FOLLOWUP_DBUS_ERROR_PREFIX "org.followup.Followup1.Error."

typedef enum {
  FOLLOWUP_ERROR_FAILED,        /* anything else */
  FOLLOWUP_ERROR_NOT_FOUND,     /* no record with that id */
  FOLLOWUP_ERROR_INVALID,       /* a value that does not validate */
  FOLLOWUP_ERROR_EXISTS,        /* id already taken */
  FOLLOWUP_ERROR_CONFIG_BROKEN, /* the file on disk does not parse */
  FOLLOWUP_ERROR_IO,            /* reading or writing a file failed */
  FOLLOWUP_ERROR_CHANGED,       /* the file changed on disk during a save */
  FOLLOWUP_ERROR_PAST_LIMIT,    /* a call past max_calls, recorded only when asked to */
} FollowupError;

GQuark followup_error_quark (void);

G_END_DECLS
