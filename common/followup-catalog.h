/* followup-catalog.h: one language's catalogue, whatever the process's
 *
 * gettext picks one language per process (LANGUAGE, the locale); a draft is
 * written in the record's language, which may be another. The draft's few
 * words of its own (the fill-ins for what the record does not say, "today",
 * the names of days and months) are looked up here, in the same compiled
 * catalogues (LOCALEDIR/LANG/LC_MESSAGES/followup.mo) that gettext reads */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FollowupCatalog FollowupCatalog;

/* the catalogue of language ("de", "pt-BR", "pt_BR.UTF-8": its most exact
 * variant found), loaded once per process and kept; NULL for English and
 * for a language with no catalogue, whose words are the msgids */
FollowupCatalog *followup_catalog_get (const char *language);
/* the translation of msgid in context, or msgid itself; cat may be NULL */
const char *followup_catalog_pgettext (FollowupCatalog *cat, const char *context,
                                       const char *msgid);

G_END_DECLS
