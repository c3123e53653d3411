/* followup-zones.h: the zone name a person most likely meant */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* the IANA name nearest to `name` ("europe/berlin", "America/New_Yrok",
 * "Tokio"), or NULL when none is near; read from tzdata.zi, only when asked */
char *followup_zone_suggest (const char *name);

G_END_DECLS
